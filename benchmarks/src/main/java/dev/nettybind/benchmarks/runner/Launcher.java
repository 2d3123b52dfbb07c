package dev.nettybind.benchmarks.runner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Starts the processes of a run, each pinned to its CPUs with {@code taskset}, its output
 * in a file of the run's directory, and ends every one still running when the run ends,
 * however it ends ({@link #close()}, also called from a shutdown hook). The pid of each
 * JVM goes to {@code pids.txt} as well, so that run.sh can still end them if this JVM is
 * killed outright.
 */
final class Launcher implements AutoCloseable {

	private final Path home;

	private final Path logs;

	private final String java;

	private final List<Process> started = new CopyOnWriteArrayList<>();

	private boolean closed;

	/**
	 * @param home the benchmarks module's directory (with {@code target/})
	 * @param logs the run's directory
	 * @param java the {@code java} command of the servers and clients
	 */
	Launcher(Path home, Path logs, String java) {
		this.home = home;
		this.logs = logs;
		this.java = java;
	}

	Path logs() {
		return this.logs;
	}

	Path home() {
		return this.home;
	}

	String java() {
		return this.java;
	}

	/**
	 * Starts a JVM of this module's classes, its output in {@code <name>.log}.
	 *
	 * @param classpath {@code lean}, {@code peers} or {@code ordinary}: which of the build's class paths
	 */
	Process jvm(String name, String cpus, List<String> jvmOptions, String classpath, String main, List<String> args)
			throws IOException {
		List<String> command = new ArrayList<>(List.of(this.java));
		command.addAll(jvmOptions);
		command.add("-cp");
		command.add(this.home.resolve("target/classes") + ":"
				+ Files.readString(this.home.resolve("target/classpath-" + classpath + ".txt")).trim());
		command.add(main);
		command.addAll(args);
		Process process = start(pinned(cpus, command), this.logs.resolve(name + ".log"));
		Files.writeString(this.logs.resolve("pids.txt"), process.pid() + "\n", StandardOpenOption.CREATE,
				StandardOpenOption.APPEND);
		return process;
	}

	/** Starts a command, standard output and error into one file. */
	synchronized Process start(List<String> command, Path output) throws IOException {
		// Once closing (the run ends, perhaps from a signal), nothing new may start.
		if (this.closed) {
			throw new IllegalStateException("the run is ending");
		}
		this.started.removeIf(process -> !process.isAlive());
		Process process = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(output.toFile())
			.start();
		this.started.add(process);
		return process;
	}

	/** Runs a command to its end; its output, standard error included. */
	String output(List<String> command) throws IOException, InterruptedException {
		Path out = Files.createTempFile(this.logs, "cmd", ".out");
		try {
			start(command, out).waitFor();
			return Files.readString(out);
		}
		finally {
			Files.deleteIfExists(out);
		}
	}

	static List<String> pinned(String cpus, List<String> command) {
		List<String> pinned = new ArrayList<>(List.of("taskset", "-c", cpus));
		pinned.addAll(command);
		return pinned;
	}

	/** Ends a process (SIGTERM, then SIGKILL after 5 s) and waits for it. */
	static void stop(Process process) throws InterruptedException {
		process.destroy();
		if (!process.waitFor(5, TimeUnit.SECONDS)) {
			process.destroyForcibly().waitFor();
		}
	}

	/**
	 * Waits for a line of a process's output file to match; the match, or empty once the
	 * process ended without it or the time is up.
	 */
	static Optional<Matcher> awaitLine(Path file, Pattern pattern, Process process, Duration timeout)
			throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (true) {
			// Read before checking the process: a line written just before it ended counts.
			boolean alive = process.isAlive();
			Optional<Matcher> match = find(file, pattern);
			if (match.isPresent() || !alive || System.nanoTime() > deadline) {
				return match;
			}
			Thread.sleep(50);
		}
	}

	static Optional<Matcher> find(Path file, Pattern pattern) {
		try {
			if (!Files.exists(file)) {
				return Optional.empty();
			}
			return Files.readAllLines(file, StandardCharsets.ISO_8859_1)
				.stream()
				.map(pattern::matcher)
				.filter(Matcher::find)
				.findFirst();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Ends every process started that still runs, all at once, then waits for them. */
	@Override
	public void close() {
		synchronized (this) {
			this.closed = true;
		}
		for (Process process : this.started) {
			process.destroy();
		}
		for (Process process : this.started) {
			try {
				if (!process.waitFor(5, TimeUnit.SECONDS)) {
					process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
				}
			}
			catch (InterruptedException ex) {
				process.destroyForcibly();
				Thread.currentThread().interrupt();
			}
		}
	}

}
