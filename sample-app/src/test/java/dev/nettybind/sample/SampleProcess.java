package dev.nettybind.sample;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The sample's repackaged jar, running in a process of its own, as a user starts it:
 * {@code java -jar netty-bind-sample-app.jar}. Its output goes to a file, read to learn
 * which ports it bound.
 */
final class SampleProcess implements AutoCloseable {

	/**
	 * The starter's line for each server, such as
	 * {@code Server 'admin' listening on 127.0.0.1:40809 (http, ...)}.
	 */
	private static final Pattern SERVER = Pattern.compile("Server '([^']+)' listening on (\\S+):(\\d+) \\(");

	private final Process process;

	private final Path log;

	private SampleProcess(Process process, Path log) {
		this.process = process;
		this.log = log;
	}

	/**
	 * Start the jar.
	 * @param jar the repackaged jar
	 * @param workingDirectory where the process runs
	 * @param log where its output goes
	 * @param jvmArguments the arguments of the JVM
	 * @param arguments its command-line arguments
	 * @return the process
	 */
	static SampleProcess start(Path jar, Path workingDirectory, Path log, List<String> jvmArguments,
			List<String> arguments) {
		return start(List.of(), jar, workingDirectory, log, jvmArguments, arguments);
	}

	/**
	 * Start the jar under a launcher that then executes the JVM, such as
	 * {@code systemd-socket-activate}.
	 * @param launcher the launcher and its arguments
	 * @param jar the repackaged jar
	 * @param workingDirectory where the process runs
	 * @param log where its output goes
	 * @param jvmArguments the arguments of the JVM
	 * @param arguments its command-line arguments
	 * @return the process
	 */
	static SampleProcess start(List<String> launcher, Path jar, Path workingDirectory, Path log,
			List<String> jvmArguments, List<String> arguments) {
		List<String> command = new ArrayList<>(launcher);
		command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
		command.addAll(jvmArguments);
		command.add("-jar");
		command.add(jar.toString());
		command.addAll(arguments);
		try {
			Process process = new ProcessBuilder(command).directory(workingDirectory.toFile())
				.redirectErrorStream(true)
				.redirectOutput(log.toFile())
				.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
				.start();
			return new SampleProcess(process, log);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not start " + command, ex);
		}
	}

	/**
	 * Return what the process has written so far.
	 * @return its output
	 */
	String log() {
		try {
			return Files.readString(this.log);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	boolean isAlive() {
		return this.process.isAlive();
	}

	/**
	 * Return the ports of the servers, by name, as the starter logged them.
	 * @return the ports
	 */
	Map<String, Integer> serverPorts() {
		Map<String, Integer> ports = new LinkedHashMap<>();
		Matcher matcher = SERVER.matcher(log());
		while (matcher.find()) {
			ports.put(matcher.group(1), Integer.valueOf(matcher.group(3)));
		}
		return ports;
	}

	/**
	 * Send SIGTERM, as {@code kill} or a container runtime does.
	 */
	void terminate() {
		this.process.destroy();
	}

	/**
	 * Wait for the process to exit.
	 * @param timeout how long to wait at most
	 * @return its exit code
	 */
	int awaitExit(Duration timeout) throws InterruptedException {
		if (!this.process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
			throw new IllegalStateException("Still running after " + timeout + ":\n" + log());
		}
		return this.process.exitValue();
	}

	/**
	 * Kill the process if it still runs, so that nothing is left behind.
	 */
	@Override
	public void close() throws InterruptedException {
		if (this.process.isAlive()) {
			this.process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
		}
	}

}
