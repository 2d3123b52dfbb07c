package dev.nettybind;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the command-line clients that tests drive: {@code curl} and {@code openssl}.
 */
public final class Processes {

	private Processes() {
	}

	/**
	 * The outcome of a command.
	 *
	 * @param exitCode its exit code
	 * @param output its standard output and error, interleaved
	 */
	public record Result(int exitCode, String output) {

	}

	/**
	 * Run a command with an empty standard input, waiting at most 60 seconds.
	 * @param command the command and its arguments
	 * @return the outcome
	 */
	public static Result run(List<String> command) {
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
				.start();
			byte[] output = process.getInputStream().readAllBytes();
			if (!process.waitFor(60, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new IllegalStateException("Timed out: " + command);
			}
			return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not run " + command + " (is it installed?)", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Return the subject of the certificate a TLS server presents, as
	 * {@code openssl s_client} prints it, with the spaces around {@code =} removed.
	 * @param port the port on 127.0.0.1
	 * @return the subject line, for example {@code CN=localhost, O=Example}
	 */
	public static String presentedSubject(int port) {
		Result result = run(List.of("openssl", "s_client", "-connect", "127.0.0.1:" + port, "-servername", "localhost"));
		for (String line : result.output().split("\n")) {
			if (line.startsWith("subject=")) {
				return line.substring("subject=".length()).replace(" = ", "=").trim();
			}
		}
		throw new IllegalStateException("No subject in openssl output:\n" + result.output());
	}

}
