package dev.nettybind.benchmarks.runner;

import java.util.ArrayList;
import java.util.List;

/**
 * One server measured under the plaintext load, or under the loads of the protocols part.
 *
 * @param id the short name in logs and results
 * @param label the name in the tables
 * @param classpath {@code lean} (the starter's own runtime class path), {@code peers}
 * (everything but the Actuator) or {@code ordinary} (everything)
 * @param main the main class
 * @param args the arguments, {@code PORT} standing for the contender's port (and, in the
 * protocols part, {@code SECURE_PORT} for its secure server's, {@code STORE} for the key
 * store)
 * @param jvmOptions JVM options added to the servers' own
 */
record Contender(String id, String label, String classpath, String main, List<String> args,
		List<String> jvmOptions) {

	private static final String STARTER = "dev.nettybind.benchmarks.starter.StarterApp";

	private static final String ORDINARY_APP = "dev.nettybind.benchmarks.ordinary.OrdinaryApp";

	private static final String REACTOR = "dev.nettybind.benchmarks.reactor.BareReactorNettyApp";

	private static final List<String> NO_TIMEOUTS = List.of("--bind.servers.plaintext.limits.header-timeout=0",
			"--bind.servers.plaintext.limits.idle-timeout=0", "--bind.servers.plaintext.limits.read-timeout=0");

	/** The id of the starter with its access log on, written to the process's log file. */
	static final String ACCESS_LOG = "starter-access-log";

	/** The id of the baseline of every ratio: Reactor Netty with its defaults. */
	static final String BASELINE = "rn-default";

	/** The id of the shared group, which the fairness measurement uses. */
	static final String SHARED = "shared-4";

	/** The id of the starter's single server in the ordinary application. */
	static final String ORDINARY = "ordinary";

	/** The id of the shared group in the ordinary application. */
	static final String ORDINARY_SHARED = "ordinary-shared-4";

	/** The id of the starter with the JDK's TLS provider in the protocols part. */
	static final String STARTER_JDK = "starter-jdk";

	Contender(String id, String label, String classpath, String main, List<String> args) {
		this(id, label, classpath, main, args, List.of());
	}

	/**
	 * Every contender, in the order they are started and rotated. The shared group of the
	 * ordinary application has its stats server on {@code statsPort + 1}.
	 */
	static List<Contender> all(int sharedMembers, int statsPort) {
		List<String> noTimeouts = new ArrayList<>(List.of("single", "PORT"));
		noTimeouts.addAll(NO_TIMEOUTS);
		return List.of(new Contender("starter", "starter, 1 server", "lean", STARTER, List.of("single", "PORT")),
				new Contender(BASELINE, "Reactor Netty, defaults", "lean", REACTOR, List.of("PORT")),
				new Contender("rn-tuned", "Reactor Netty, tuned", "lean", REACTOR, List.of("PORT", "tuned")),
				new Contender("webflux", "Spring Boot WebFlux", "peers", "dev.nettybind.benchmarks.webflux.WebFluxApp",
						List.of("PORT")),
				new Contender("vertx-1", "Vert.x 5, 1 instance", "peers", "dev.nettybind.benchmarks.vertx.VertxApp",
						List.of("PORT", "1")),
				new Contender("vertx-4", "Vert.x 5, 4 instances", "peers", "dev.nettybind.benchmarks.vertx.VertxApp",
						List.of("PORT", "4")),
				new Contender("netty", "raw Netty HttpServerCodec", "lean", "dev.nettybind.benchmarks.netty.NettyApp",
						List.of("PORT")),
				new Contender(SHARED, "starter, shared group of " + sharedMembers, "lean", STARTER,
						List.of("shared", "PORT", String.valueOf(sharedMembers), String.valueOf(statsPort))),
				// The same servers in an ordinary application: WebFlux and the Actuator, Boot's
				// own server up, metrics export off.
				new Contender(ORDINARY, "ordinary app, 1 server", "ordinary", ORDINARY_APP, List.of("single", "PORT")),
				new Contender(ORDINARY_SHARED, "ordinary app, shared group of " + sharedMembers, "ordinary",
						ORDINARY_APP,
						List.of("shared", "PORT", String.valueOf(sharedMembers), String.valueOf(statsPort + 1))),
				// Diagnostics: what the starter's default limits cost, from either side.
				new Contender("starter-no-timeouts", "starter, timeouts 0", "lean", STARTER, noTimeouts),
				new Contender(ACCESS_LOG, "starter, access log on", "lean", STARTER,
						List.of("single", "PORT", "--bind.servers.plaintext.access-log.enabled=true",
								"--logging.level.dev.nettybind.access=info")),
				new Contender("rn-tuned-timeouts", "Reactor Netty, tuned + timeouts", "lean", REACTOR,
						List.of("PORT", "tuned", "timeouts")));
	}

	/**
	 * The contenders of the protocols part, each with a plain server (HTTP/1.1 and h2c) on
	 * its port and a secure one (HTTP/2 by ALPN and HTTP/1.1, OpenSSL unless said) on the
	 * next, both with the plaintext handler and its {@code POST /count}.
	 */
	static List<Contender> protocols() {
		List<String> starter = List.of("single", "PORT", "--bind.servers.plaintext.protocols=h2c,http11",
				"--bind.certificate-database.location=file:STORE",
				"--bind.certificate-database.password=" + TlsBench.PASSWORD,
				"--bind.servers.secure.address=LOOPBACK_IP_V4", "--bind.servers.secure.port=SECURE_PORT",
				"--bind.servers.secure.handler=plaintextHandler", "--bind.servers.secure.certificate-name=ec");
		return List.of(new Contender("starter", "starter, 1 server", "lean", STARTER, starter),
				// Netty's own switch: without it the starter uses OpenSSL whenever netty-tcnative is there.
				new Contender(STARTER_JDK, "starter, JDK TLS provider", "lean", STARTER, starter,
						List.of("-Dio.netty.handler.ssl.noOpenSsl=true")),
				new Contender("rn-tuned", "Reactor Netty, tuned", "lean", REACTOR,
						List.of("PORT", "tuned", "h2c", "tls=SECURE_PORT,STORE," + TlsBench.PASSWORD + ",ec")),
				new Contender("vertx-1", "Vert.x 5, 1 instance", "peers", "dev.nettybind.benchmarks.vertx.VertxApp",
						List.of("PORT", "1", "SECURE_PORT", "STORE", TlsBench.PASSWORD, "ec")));
	}

	/** The arguments with the port filled in. */
	List<String> argsFor(int port) {
		return this.args.stream().map(arg -> arg.replace("PORT", String.valueOf(port))).toList();
	}

	/** The arguments with the ports and the key store filled in. */
	List<String> argsFor(int port, int securePort, String store) {
		return this.args.stream()
			.map(arg -> arg.replace("SECURE_PORT", String.valueOf(securePort))
				.replace("PORT", String.valueOf(port))
				.replace("STORE", store))
			.toList();
	}

}
