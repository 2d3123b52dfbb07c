package dev.nettybind.benchmarks.runner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads and writes {@code results.json} with Jackson (the Jackson 3 that Spring Boot
 * manages, on the peers' class path the runner runs on). The results of a run made before
 * a part existed still read: its part is null, its settings 0.
 */
final class ResultsJson {

	// Jackson 3 refuses a missing int by default: the settings of a later part would make
	// every earlier results.json unreadable.
	private static final JsonMapper MAPPER = JsonMapper.builder()
		.enable(SerializationFeature.INDENT_OUTPUT)
		.disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
		.build();

	private ResultsJson() {
	}

	static void write(Results results, Path file) throws IOException {
		// Through a temporary file: a run stopped while writing leaves the previous results.
		Path partial = file.resolveSibling(file.getFileName() + ".partial");
		Files.writeString(partial, MAPPER.writeValueAsString(results) + "\n");
		Files.move(partial, file, StandardCopyOption.REPLACE_EXISTING,
				StandardCopyOption.ATOMIC_MOVE);
	}

	static Results read(Path file) throws IOException {
		return MAPPER.readValue(Files.readString(file), Results.class);
	}

}
