package dev.nettybind.benchmarks.runner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * New TLS handshakes per second of the starter with OpenSSL (netty-tcnative BoringSSL)
 * against the same starter with the JDK provider. h2load makes every request on a new
 * connection; preloaded {@code tls-fresh-handshakes.c} makes each handshake a full one
 * and counts them. TLS 1.2 is forced on the client with an OpenSSL configuration file.
 */
final class TlsBench {

	/** OpenSSL on this port (EC key) and the next (RSA key), the JDK provider on the two after. */
	private static final int TLS_PORT = 18131;

	/** The password of the throw-away key store and of its keys. */
	static final String PASSWORD = "changeit";

	private static final List<String> PROVIDERS = List.of("openssl", "jdk");

	private final Settings settings;

	private final Launcher launcher;

	private final NoiseGuard guard;

	private final RunLog log;

	private final Map<String, Process> servers = new LinkedHashMap<>();

	/**
	 * A run of h2load.
	 *
	 * @param round the measurement
	 * @param output what h2load printed
	 */
	private record H2load(TlsRound round, H2loadOutput output) {

	}

	TlsBench(Settings settings, Launcher launcher, NoiseGuard guard, RunLog log) {
		this.settings = settings;
		this.launcher = launcher;
		this.guard = guard;
		this.log = log;
	}

	/** The throw-away key store, in the run's directory; deleted when the run ends. */
	static Path keyStore(Path logs) {
		return logs.resolve("bench.p12");
	}

	Results.Tls run() throws IOException, InterruptedException {
		this.log.line("TLS: key store, and the starter with OpenSSL and with the JDK provider on CPU %s",
				this.settings.serverCpu());
		try {
			prepare();
			startServers();
			return measure();
		}
		finally {
			for (Process server : this.servers.values()) {
				Launcher.stop(server);
			}
			Files.deleteIfExists(keyStore(this.launcher.logs()));
		}
	}

	private Results.Tls measure() throws IOException, InterruptedException {
		Settings s = this.settings;
		this.log.line("TLS warm-up: until the rate levels off, at least %d s (OpenSSL) or %d s (JDK), at most %d s, "
				+ "per variant", s.tlsWarmupOpenssl(), s.tlsWarmupJdk(), s.tlsWarmupMax());
		Map<String, Results.TlsWarmUp> warmUps = new LinkedHashMap<>();
		Map<String, List<TlsRound>> rounds = new LinkedHashMap<>();
		for (String variant : s.tlsVariants()) {
			for (String provider : PROVIDERS) {
				Results.TlsWarmUp w = warmUp(variant, provider);
				warmUps.put(variant + "-" + provider, w);
				rounds.put(variant + "-" + provider, new ArrayList<>());
				this.log.line("   %s %s: warm-up %d s (%s): %s at %.0f handshakes/s; %s, %s", variant, provider,
						w.seconds(), w.rates(), w.levelled() ? "levelled" : "not levelled", w.rate(), w.protocol(),
						w.cipher());
			}
		}
		Jvm jvm = new Jvm(this.launcher);
		Map<String, String> engines = new LinkedHashMap<>();
		for (String provider : PROVIDERS) {
			String histogram = jvm.classHistogram(this.servers.get(provider).pid());
			Files.writeString(this.launcher.logs().resolve("tls-" + provider + ".histogram"), histogram);
			engines.put(provider, Jvm.tlsEngines(histogram));
			this.log.line("   engines in the %s server's heap: %s", provider, engines.get(provider));
		}
		for (int round = 1; round <= s.tlsRounds(); round++) {
			List<String> order = (round % 2 == 1) ? PROVIDERS : List.of("jdk", "openssl");
			this.log.line("TLS round %d/%d: %s", round, s.tlsRounds(), String.join(" ", order));
			for (String variant : s.tlsVariants()) {
				for (String provider : order) {
					String key = variant + "-" + provider;
					// Sized in handshakes (h2load -D does not end with Connection: close) to take
					// about the round's seconds at the warm-up's level.
					long count = count(warmUps.get(key).rate(), s.tlsDuration());
					String name = "tls-" + key + ".round" + round;
					TlsRound r = this.guard.measure(variant + " " + provider,
							attempt -> h2load(variant, provider, count, name).round(), TlsRound::foreignPct);
					rounds.get(key).add(r);
					this.log.line("   %-9s %-7s %6.0f hs/s  server %3.0f%%  h2load %3.0f%%  %6.0f hs per server CPU-s  "
							+ "%6d full handshakes  resumed %d  errors %d  foreign %.1f%%", variant, provider, r.rate(),
							r.serverCpuPct(), r.clientCpuPct(), r.perServerCpuSecond(), r.handshakes(), r.resumed(),
							r.errors(), r.foreignPct());
				}
			}
		}
		List<Results.TlsVariant> variants = s.tlsVariants()
			.stream()
			.map(v -> new Results.TlsVariant(v, label(v),
					new Results.TlsProvider(warmUps.get(v + "-openssl"), rounds.get(v + "-openssl")),
					new Results.TlsProvider(warmUps.get(v + "-jdk"), rounds.get(v + "-jdk"))))
			.toList();
		return new Results.Tls(engines, variants);
	}

	/**
	 * Loads the server in chunks of about 2 s until its rate levels off (the last chunks
	 * within a few % of their median), after at least the provider's least seconds and at
	 * most {@link Settings#tlsWarmupMax()}. The JDK provider, whose TLS is Java code the
	 * JIT compiles, needs 30 to 60 s on one core, and its rate stalls on the way.
	 */
	private Results.TlsWarmUp warmUp(String variant, String provider) throws IOException, InterruptedException {
		Settings s = this.settings;
		int least = provider.equals("jdk") ? s.tlsWarmupJdk() : s.tlsWarmupOpenssl();
		long start = System.currentTimeMillis();
		List<Double> rates = new ArrayList<>();
		H2loadOutput last = null;
		long elapsed;
		boolean levelled = false;
		double rate = 0;
		while (true) {
			last = h2load(variant, provider, count(rate, 2), "tls-" + variant + "-" + provider + ".warmup").output();
			rate = last.rate();
			rates.add(rate);
			elapsed = (System.currentTimeMillis() - start) / 1000;
			List<Double> recent = rates.subList(Math.max(0, rates.size() - s.tlsPlateau()), rates.size());
			if (elapsed >= least && rates.size() >= s.tlsPlateau() && Stats.levelled(recent, s.tlsPlateauPct())) {
				levelled = true;
				break;
			}
			if (elapsed >= s.tlsWarmupMax()) {
				break;
			}
		}
		double level = Stats.median(rates.subList(Math.max(0, rates.size() - s.tlsPlateau()), rates.size()));
		return new Results.TlsWarmUp(elapsed, levelled, Math.round(level), List.copyOf(rates), last.protocol(),
				last.cipher());
	}

	/** How many handshakes take about {@code seconds} at {@code rate}, at least 1000. */
	static long count(double rate, int seconds) {
		return Math.max(1000, (long) (rate * seconds));
	}

	/**
	 * {@code count} new connections, one request each, each with a full handshake; the CPU
	 * in % of one CPU, foreign being what processes other than the server and h2load used.
	 */
	private H2load h2load(String variant, String provider, long count, String name)
			throws IOException, InterruptedException {
		Path logs = this.launcher.logs();
		List<String> client = new ArrayList<>(List.of("env", "LD_PRELOAD=" + logs.resolve("tls-fresh.so")));
		if (variant.endsWith("-tls12")) {
			client.add("OPENSSL_CONF=" + logs.resolve("tls12.cnf"));
		}
		client.addAll(List.of("h2load", "--h1", "-c" + this.settings.tlsConnections(), "-m1", "-n" + count, "-H",
				"Connection: close", "https://" + Http.HOST + ":" + port(provider, variant) + "/plaintext"));
		List<String> command = new ArrayList<>(List.of("timeout", "-k", "5",
				String.valueOf(10 * this.settings.tlsDuration() + 120)));
		command.addAll(Launcher.pinned(this.settings.clientCpu(), client));
		long pid = this.servers.get(provider).pid();
		Path out = logs.resolve(name + ".h2load");
		Cpu.Machine m0 = Cpu.machine();
		long server0 = Cpu.of(pid);
		long children0 = Cpu.ofEndedChildren();
		long t0 = System.currentTimeMillis();
		this.launcher.start(command, out).waitFor();
		long ms = Math.max(1, System.currentTimeMillis() - t0);
		long busy = Cpu.machine().since(m0);
		long server = Cpu.of(pid) - server0;
		long h2load = Cpu.ofEndedChildren() - children0;
		H2loadOutput o = H2loadOutput.parse(Files.readString(out));
		TlsRound round = new TlsRound(o.rate(), server * 1000.0 / ms, h2load * 1000.0 / ms,
				(server > 0) ? o.handshakes() * 100.0 / server : 0, o.handshakes(), o.errors(),
				Math.max(0, (busy - server - h2load) * 1000.0 / ms), o.resumed());
		return new H2load(round, o);
	}

	private int port(String provider, String variant) {
		int port = TLS_PORT + 2 * PROVIDERS.indexOf(provider);
		return variant.startsWith("rsa-") ? port + 1 : port;
	}

	static String label(String variant) {
		return switch (variant) {
			case "ec-tls13" -> "EC P-256, TLS 1.3";
			case "rsa-tls13" -> "RSA 2048, TLS 1.3";
			case "ec-tls12" -> "EC P-256, TLS 1.2";
			case "rsa-tls12" -> "RSA 2048, TLS 1.2";
			default -> variant;
		};
	}

	/**
	 * The key store ({@link #createKeyStore}), the client's TLS 1.2 configuration and its
	 * preloaded library.
	 */
	private void prepare() throws IOException, InterruptedException {
		Path logs = this.launcher.logs();
		createKeyStore(this.launcher);
		// h2load has no option for the TLS version; this OpenSSL configuration switches TLS
		// 1.3 off in its client (Protocol sets SSL_OP_NO_TLSv1_3, which h2load leaves alone).
		Files.writeString(logs.resolve("tls12.cnf"), String.join("\n", "openssl_conf = bench_conf", "[bench_conf]",
				"ssl_conf = bench_ssl", "[bench_ssl]", "system_default = bench_tls12", "[bench_tls12]",
				"Protocol = -TLSv1.3") + "\n");
		run(List.of("cc", "-O2", "-shared", "-fPIC", "-o", logs.resolve("tls-fresh.so").toString(),
				this.launcher.home().resolve("tls-fresh-handshakes.c").toString(), "-ldl"), "cc");
	}

	/**
	 * Makes the throw-away key store of a run, {@link #keyStore} (also used by the
	 * protocols part): an EC P-256 key, alias ec, and an RSA 2048 key, alias rsa, each
	 * self-signed for localhost and 127.0.0.1, valid 2 days, password {@link #PASSWORD}.
	 */
	static Path createKeyStore(Launcher launcher) throws IOException, InterruptedException {
		Path store = keyStore(launcher.logs());
		Files.deleteIfExists(store);
		String keytool = keytool(launcher);
		for (List<String> key : List.of(List.of("ec", "-keyalg", "EC", "-groupname", "secp256r1", "Bench EC"),
				List.of("rsa", "-keyalg", "RSA", "-keysize", "2048", "Bench RSA"))) {
			List<String> command = new ArrayList<>(List.of(keytool, "-genkeypair", "-alias", key.get(0)));
			command.addAll(key.subList(1, 5));
			command.addAll(List.of("-dname", "CN=localhost, O=" + key.get(5), "-ext", "san=dns:localhost,ip:127.0.0.1",
					"-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", PASSWORD, "-validity", "2"));
			run(launcher, command, "keytool-" + key.get(0));
		}
		return store;
	}

	private void run(List<String> command, String name) throws IOException, InterruptedException {
		run(this.launcher, command, name);
	}

	private static void run(Launcher launcher, List<String> command, String name)
			throws IOException, InterruptedException {
		Path out = launcher.logs().resolve(name + ".log");
		if (launcher.start(command, out).waitFor() != 0) {
			throw new IllegalStateException(command.get(0) + " failed: see " + out);
		}
	}

	/** The keytool next to the servers' java, else the one on the PATH. */
	private static String keytool(Launcher launcher) {
		String java = launcher.java();
		Path command = java.contains("/") ? Path.of(java) : onPath(java);
		if (command != null) {
			try {
				Path keytool = command.toRealPath().resolveSibling("keytool");
				if (Files.isExecutable(keytool)) {
					return keytool.toString();
				}
			}
			catch (IOException ex) {
				// Fall back to the keytool on the PATH.
			}
		}
		return "keytool";
	}

	private static Path onPath(String name) {
		for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
			Path candidate = Path.of(dir, name);
			if (Files.isExecutable(candidate)) {
				return candidate;
			}
		}
		return null;
	}

	/**
	 * Two starters, each with two secure servers of {@code bind.servers} from the key
	 * store: the EC key on the first port, the RSA key on the next. One with OpenSSL (the
	 * starter's default), the other with the JDK provider.
	 */
	private void startServers() throws IOException, InterruptedException {
		String store = keyStore(this.launcher.logs()).toString();
		for (String provider : PROVIDERS) {
			int port = port(provider, "ec-tls13");
			Http.requireClosed(port);
			Http.requireClosed(port + 1);
			List<String> options = new ArrayList<>(this.settings.serverJvmOptions());
			if (provider.equals("jdk")) {
				options.add("-Dio.netty.handler.ssl.noOpenSsl=true");
			}
			this.servers.put(provider, this.launcher.jvm("tls-" + provider, this.settings.serverCpu(), options, "lean",
					"dev.nettybind.benchmarks.starter.StarterApp",
					List.of("single", String.valueOf(port), "--bind.certificate-database.location=file:" + store,
							"--bind.certificate-database.password=" + PASSWORD,
							"--bind.servers.plaintext.certificate-name=ec", "--bind.servers.rsa.address=LOOPBACK_IP_V4",
							"--bind.servers.rsa.port=" + (port + 1), "--bind.servers.rsa.handler=plaintextHandler",
							"--bind.servers.rsa.certificate-name=rsa",
							"--logging.level.io.netty.handler.ssl.OpenSsl=debug")));
		}
		Http http = new Http(this.launcher);
		for (String provider : PROVIDERS) {
			int port = port(provider, "ec-tls13");
			Path log = this.launcher.logs().resolve("tls-" + provider + ".log");
			http.await("https", port, this.servers.get(provider), log, Duration.ofSeconds(180));
			http.await("https", port + 1, this.servers.get(provider), log, Duration.ofSeconds(30));
		}
	}

}
