package dev.nettybind;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the command-line clients that tests drive: {@code curl} and {@code openssl}.
 * <p>
 * The output goes to a file rather than a pipe, so that a command that hangs with its
 * output open (or leaves a child holding it) cannot keep the timeout from firing.
 */
public final class Processes {

	private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

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
	 * @throws TimedOutException if the command did not exit in time
	 */
	public static Result run(List<String> command) {
		return run(command, DEFAULT_TIMEOUT);
	}

	/**
	 * Run a command with an empty standard input, waiting at most the given time. When
	 * it does not exit in time, it and every process it started are killed.
	 * @param command the command and its arguments
	 * @param timeout how long to wait for it to exit
	 * @return the outcome
	 * @throws TimedOutException if the command did not exit in time; it carries the
	 * output written so far
	 */
	public static Result run(List<String> command, Duration timeout) {
		Path outputFile = createOutputFile();
		try {
			Process process = start(command, outputFile.toFile());
			if (!waitFor(process, timeout)) {
				destroyTree(process);
				throw new TimedOutException(command, timeout, read(outputFile));
			}
			return new Result(process.exitValue(), read(outputFile));
		}
		finally {
			try {
				Files.deleteIfExists(outputFile);
			}
			catch (IOException ex) {
				// Left in the temporary directory.
			}
		}
	}

	private static Process start(List<String> command, File output) {
		try {
			return new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(output)
				.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
				.start();
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not run " + command + " (is it installed?)", ex);
		}
	}

	private static boolean waitFor(Process process, Duration timeout) {
		try {
			return process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (InterruptedException ex) {
			destroyTree(process);
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Kill a process and its descendants, which are collected first: once the process
	 * is gone, its children are no longer its descendants.
	 */
	private static void destroyTree(Process process) {
		List<ProcessHandle> descendants = process.descendants().toList();
		process.destroyForcibly();
		descendants.forEach(ProcessHandle::destroyForcibly);
		try {
			process.waitFor(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static Path createOutputFile() {
		try {
			return Files.createTempFile("process-", ".out");
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String read(Path outputFile) {
		try {
			return Files.readString(outputFile, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
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

	/**
	 * Thrown when a command does not exit in time; it and its descendants were killed.
	 */
	public static final class TimedOutException extends IllegalStateException {

		private final List<String> command;

		private final String output;

		TimedOutException(List<String> command, Duration timeout, String output) {
			super("Timed out after " + timeout + ": " + command + "\nOutput so far:\n" + output);
			this.command = List.copyOf(command);
			this.output = output;
		}

		/**
		 * Return the command that timed out.
		 * @return the command and its arguments
		 */
		public List<String> command() {
			return this.command;
		}

		/**
		 * Return what the command had written when it was killed.
		 * @return its standard output and error so far
		 */
		public String output() {
			return this.output;
		}

	}

}
