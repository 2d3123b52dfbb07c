package dev.nettybind.benchmarks.runner;

import java.util.ArrayList;
import java.util.List;

import dev.nettybind.benchmarks.Plaintext;

/**
 * One load of the protocols part: an h2load command and the contenders it is run
 * against, the first of which (the starter) every ratio of the scenario is taken of.
 *
 * @param id the short name in logs and results, such as {@code h2c}
 * @param label the name in the tables
 * @param secure whether it loads the contenders' secure servers (TLS, next port)
 * @param options h2load's options before the URI, without the duration
 * @param path {@link Plaintext#PATH}, or {@link Plaintext#COUNT_PATH} for a body
 * @param bodyBytes the size of the body of each request (a POST), 0 for a GET
 * @param contenders the ids of the contenders, the starter first
 */
record LoadScenario(String id, String label, boolean secure, List<String> options, String path, int bodyBytes,
		List<String> contenders) {

	private static final List<String> ALL = List.of("starter", "rn-tuned", "vertx-1");

	/** 64 connections of 8 concurrent streams each, as in the targets. */
	private static final List<String> H2 = List.of("-c64", "-m8");

	/** HTTP/1.1 keep-alive, one request at a time on each of 64 connections. */
	private static final List<String> H1 = List.of("--h1", "-c64", "-m1");

	/** Every scenario, in the order they are run. */
	static List<LoadScenario> all() {
		return List.of(new LoadScenario("h2c", "HTTP/2, h2c (prior knowledge)", false, H2, Plaintext.PATH, 0, ALL),
				new LoadScenario("h2", "HTTP/2 over TLS (ALPN h2)", true, H2, Plaintext.PATH, 0, ALL),
				new LoadScenario("tls13-kept", "HTTP/1.1 over TLS 1.3, kept connections", true, H1, Plaintext.PATH, 0,
						List.of("starter", Contender.STARTER_JDK, "vertx-1", "rn-tuned")),
				new LoadScenario("post-4k", "POST of 4 KiB, body counted", false, H1, Plaintext.COUNT_PATH, 4096, ALL),
				new LoadScenario("post-1m", "POST of 1 MiB, body counted", false, H1, Plaintext.COUNT_PATH, 1 << 20,
						ALL));
	}

	/** The file of the body the requests send, in the run's directory. */
	String bodyFile() {
		return "body-" + this.id + ".bin";
	}

	/** The h2load arguments, the body file (if any) in {@code logs} and the duration included. */
	List<String> h2load(String logsDir, int port, int seconds) {
		List<String> command = new ArrayList<>(List.of("h2load"));
		command.addAll(this.options);
		command.addAll(List.of("-D", String.valueOf(seconds)));
		if (this.bodyBytes > 0) {
			command.addAll(List.of("-d", logsDir + "/" + bodyFile()));
		}
		command.add((this.secure ? "https" : "http") + "://" + Http.HOST + ":" + port + this.path);
		return command;
	}

	/** The command as the report shows it, with the mode's seconds. */
	String shown(int seconds) {
		List<String> command = new ArrayList<>(List.of("h2load"));
		command.addAll(this.options);
		command.add("-D " + seconds);
		if (this.bodyBytes > 0) {
			command.add("-d " + bodyFile());
		}
		command.add((this.secure ? "https" : "http") + "://127.0.0.1:PORT" + this.path);
		return String.join(" ", command);
	}

}
