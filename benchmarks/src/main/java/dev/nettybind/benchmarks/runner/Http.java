package dev.nettybind.benchmarks.runner;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Requests to the servers of a run, always on 127.0.0.1, with curl: it checks the TLS
 * servers without their certificate as well, and starts no threads in the runner.
 */
final class Http {

	static final String HOST = "127.0.0.1";

	private final Launcher launcher;

	Http(Launcher launcher) {
		this.launcher = launcher;
	}

	/** The body of a 2xx answer to GET within {@code maxTime}, or empty. */
	Optional<String> get(String scheme, int port, String path, Duration maxTime)
			throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of("curl", "-sfk", "--max-time", String.valueOf(maxTime.toSeconds())));
		command.add(scheme + "://" + HOST + ":" + port + path);
		Path out = Files.createTempFile(this.launcher.logs(), "curl", ".out");
		try {
			Process curl = this.launcher.start(command, out);
			return (curl.waitFor() == 0) ? Optional.of(Files.readString(out)) : Optional.empty();
		}
		finally {
			Files.deleteIfExists(out);
		}
	}

	/**
	 * Polls until the port answers {@code GET /plaintext} with 2xx; fails if the server
	 * ended or did not answer in time, pointing at its log.
	 */
	void await(String scheme, int port, Process server, Path log, Duration timeout)
			throws IOException, InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (get(scheme, port, "/plaintext", Duration.ofSeconds(1)).isEmpty()) {
			if (!server.isAlive()) {
				throw new IllegalStateException("the server on port " + port + " died; its log: " + log);
			}
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("the server on port " + port + " did not answer within "
						+ timeout.toSeconds() + " s; its log: " + log);
			}
			Thread.sleep(100);
		}
	}

	/** Whether nothing accepts TCP connections on the port. */
	static boolean closed(int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(HOST, port), 1000);
			return false;
		}
		catch (IOException ex) {
			return true;
		}
	}

	static void requireClosed(int port) {
		if (!closed(port)) {
			throw new IllegalStateException("port " + port + " is taken: stop what listens there");
		}
	}

}
