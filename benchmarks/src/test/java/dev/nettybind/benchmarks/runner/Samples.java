package dev.nettybind.benchmarks.runner;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The captured tool outputs in this package's test resources. */
final class Samples {

	private Samples() {
	}

	static String read(String name) {
		try (InputStream in = Samples.class.getResourceAsStream(name)) {
			if (in == null) {
				throw new IllegalArgumentException("no sample " + name);
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
