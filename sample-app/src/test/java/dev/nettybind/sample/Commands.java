package dev.nettybind.sample;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the command-line clients the end-to-end test drives: {@code curl} and
 * {@code openssl}.
 */
final class Commands {

	private Commands() {
	}

	/**
	 * The outcome of a command.
	 *
	 * @param exitCode its exit code
	 * @param output its standard output and error, interleaved
	 */
	record Result(int exitCode, String output) {

	}

	/**
	 * Run a command with an empty standard input.
	 * @param command the command and its arguments
	 * @return the outcome
	 */
	static Result run(String... command) {
		return run(new File("/dev/null"), command);
	}

	/**
	 * Run a command, waiting at most 30 seconds.
	 * @param input what the command reads on its standard input
	 * @param command the command and its arguments
	 * @return the outcome
	 */
	static Result run(File input, String... command) {
		try {
			// Output to a file, so that a command that hangs cannot block the test past the timeout.
			Path output = Files.createTempFile("command", ".out");
			try {
				Process process = new ProcessBuilder(command).redirectErrorStream(true)
					.redirectInput(ProcessBuilder.Redirect.from(input))
					.redirectOutput(output.toFile())
					.start();
				if (!process.waitFor(30, TimeUnit.SECONDS)) {
					process.destroyForcibly().waitFor();
					throw new IllegalStateException("Timed out: " + List.of(command) + "\n" + Files.readString(output));
				}
				return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
			}
			finally {
				Files.deleteIfExists(output);
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not run " + List.of(command) + " (is it installed?)", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
