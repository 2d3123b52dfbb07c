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
 * The loads other than HTTP/1.1 plaintext, each a {@link LoadScenario}: HTTP/2 (h2c and
 * h2), HTTP/1.1 over TLS 1.3 on kept connections, and request bodies. Every contender is
 * started once, pinned to the servers' CPU, with a plain and a secure server; each
 * scenario warms its contenders up, then measures them in alternated rounds with h2load
 * on the client's CPU.
 */
final class ProtocolsBench {

	/** Contender i: its plain server on this port + 2i, its secure one on the next (past the WebFlux part's). */
	private static final int BASE_PORT = 18151;

	private final Settings settings;

	private final Launcher launcher;

	private final NoiseGuard guard;

	private final RunLog log;

	private final List<Contender> contenders = Contender.protocols();

	private final Map<String, Process> processes = new LinkedHashMap<>();

	private final Map<String, Integer> ports = new LinkedHashMap<>();

	ProtocolsBench(Settings settings, Launcher launcher, NoiseGuard guard, RunLog log) {
		this.settings = settings;
		this.launcher = launcher;
		this.guard = guard;
		this.log = log;
	}

	Results.Protocols run() throws IOException, InterruptedException {
		this.log.line("protocols: key store, bodies, and %d contenders on CPU %s", this.contenders.size(),
				this.settings.serverCpu());
		try {
			Path store = TlsBench.createKeyStore(this.launcher);
			for (LoadScenario scenario : LoadScenario.all()) {
				if (scenario.bodyBytes() > 0) {
					Files.write(this.launcher.logs().resolve(scenario.bodyFile()), body(scenario.bodyBytes()));
				}
			}
			start(store);
			checkBodies();
			List<Results.Scenario> scenarios = new ArrayList<>();
			Map<String, String> engines = new LinkedHashMap<>();
			for (LoadScenario scenario : LoadScenario.all()) {
				scenarios.add(measure(scenario));
				if (scenario.secure()) {
					engines(scenario, engines);
				}
			}
			return new Results.Protocols(engines, scenarios);
		}
		finally {
			for (Process process : this.processes.values()) {
				Launcher.stop(process);
			}
			Files.deleteIfExists(TlsBench.keyStore(this.launcher.logs()));
		}
	}

	/** Printable bytes, so that a body in a log or a capture reads as text. */
	static byte[] body(int size) {
		byte[] body = new byte[size];
		for (int i = 0; i < size; i++) {
			body[i] = (byte) ('a' + i % 26);
		}
		return body;
	}

	private void start(Path store) throws IOException, InterruptedException {
		for (int i = 0; i < this.contenders.size(); i++) {
			Contender c = this.contenders.get(i);
			int port = BASE_PORT + 2 * i;
			Http.requireClosed(port);
			Http.requireClosed(port + 1);
			this.ports.put(c.id(), port);
			List<String> options = new ArrayList<>(this.settings.serverJvmOptions());
			options.addAll(c.jvmOptions());
			this.processes.put(c.id(), this.launcher.jvm("protocols-" + c.id(), this.settings.serverCpu(), options,
					c.classpath(), c.main(), c.argsFor(port, port + 1, store.toString())));
		}
		Http http = new Http(this.launcher);
		for (Contender c : this.contenders) {
			Path log = this.launcher.logs().resolve("protocols-" + c.id() + ".log");
			http.await("http", this.ports.get(c.id()), this.processes.get(c.id()), log, Duration.ofSeconds(180));
			http.await("https", this.ports.get(c.id()) + 1, this.processes.get(c.id()), log, Duration.ofSeconds(30));
		}
	}

	/**
	 * Every contender must answer each body's length, or the body scenarios would
	 * measure something else (a refusal, a truncated read).
	 */
	private void checkBodies() throws IOException, InterruptedException {
		for (LoadScenario scenario : LoadScenario.all()) {
			if (scenario.bodyBytes() == 0) {
				continue;
			}
			Path file = this.launcher.logs().resolve(scenario.bodyFile());
			for (String id : scenario.contenders()) {
				String answer = this.launcher.output(List.of("curl", "-sS", "--max-time", "30", "--data-binary",
						"@" + file, "-H", "Content-Type: application/octet-stream",
						"http://" + Http.HOST + ":" + this.ports.get(id) + scenario.path()));
				if (!answer.trim().equals(String.valueOf(scenario.bodyBytes()))) {
					throw new IllegalStateException(id + " answered '" + answer.trim() + "' to a POST of "
							+ scenario.bodyBytes() + " bytes, not their count");
				}
			}
		}
	}

	private Results.Scenario measure(LoadScenario scenario) throws IOException, InterruptedException {
		Settings s = this.settings;
		this.log.line("protocols %s: %s; warm-up %d s per contender, %d rounds of %d s", scenario.id(),
				scenario.shown(s.protocolsDuration()), s.protocolsWarmup(), s.protocolsRounds(), s.protocolsDuration());
		List<Contender> contenders = scenario.contenders().stream().map(this::contender).toList();
		for (Contender c : contenders) {
			h2load(scenario, c, s.protocolsWarmup(), scenario.id() + "-" + c.id() + ".warmup");
		}
		Map<String, List<LoadRound>> rounds = new LinkedHashMap<>();
		contenders.forEach(c -> rounds.put(c.id(), new ArrayList<>()));
		int n = contenders.size();
		for (int round = 1; round <= s.protocolsRounds(); round++) {
			// Alternated: every contender once per round, the order rotated by one each round.
			List<Contender> order = new ArrayList<>();
			for (int i = 0; i < n; i++) {
				order.add(contenders.get((i + round - 1) % n));
			}
			this.log.line("protocols %s round %d/%d: %s", scenario.id(), round, s.protocolsRounds(),
					String.join(" ", order.stream().map(Contender::id).toList()));
			for (Contender c : order) {
				String name = scenario.id() + "-" + c.id() + ".round" + round;
				LoadRound r = this.guard.measure(scenario.id() + " " + c.id(),
						attempt -> h2load(scenario, c, s.protocolsDuration(), name), LoadRound::foreignPct);
				rounds.get(c.id()).add(r);
				this.log.line("   %-11s %8.0f req/s  server %3.0f%%  h2load %3.0f%%  errors %d  foreign %.1f%%%s",
						c.id(), r.rps(), r.serverCpuPct(), r.clientCpuPct(), r.errors(), r.foreignPct(),
						r.protocol().isEmpty() ? "" : "  " + r.protocol());
			}
		}
		return new Results.Scenario(scenario.id(), scenario.label(), scenario.shown(s.protocolsDuration()),
				contenders.stream().map(c -> new Results.LoadRounds(c.id(), c.label(), rounds.get(c.id()))).toList());
	}

	private Contender contender(String id) {
		return this.contenders.stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow();
	}

	/**
	 * One h2load run of so many seconds, its output in {@code <name>.h2load}; the CPU in %
	 * of one CPU, foreign being what processes other than the server and h2load used.
	 */
	private LoadRound h2load(LoadScenario scenario, Contender c, int seconds, String name)
			throws IOException, InterruptedException {
		Path logs = this.launcher.logs();
		int port = this.ports.get(c.id()) + (scenario.secure() ? 1 : 0);
		List<String> command = new ArrayList<>(List.of("timeout", "-k", "5", String.valueOf(seconds + 60)));
		command.addAll(Launcher.pinned(this.settings.clientCpu(), scenario.h2load(logs.toString(), port, seconds)));
		long pid = this.processes.get(c.id()).pid();
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
		return new LoadRound(o.rate(), o.errors(), server * 1000.0 / ms, h2load * 1000.0 / ms,
				Math.max(0, (busy - server - h2load) * 1000.0 / ms), o.protocol());
	}

	/**
	 * The TLS engines in the heaps of a secure scenario's contenders, to show which
	 * provider served: read right after the scenario, as the engines of closed connections
	 * are only there until a GC collects them (a later scenario's garbage does); a reading
	 * that found engines is kept over one that found none.
	 */
	private void engines(LoadScenario scenario, Map<String, String> engines) throws IOException, InterruptedException {
		Jvm jvm = new Jvm(this.launcher);
		for (String id : scenario.contenders()) {
			String histogram = jvm.classHistogram(this.processes.get(id).pid());
			Files.writeString(this.launcher.logs().resolve(scenario.id() + "-" + id + ".histogram"), histogram);
			String found = Jvm.tlsEngines(histogram);
			if (!engines.containsKey(id) || !found.equals(Jvm.NONE_FOUND)) {
				engines.put(id, found);
			}
			this.log.line("   engines in the heap of %s after %s: %s", id, scenario.id(), found);
		}
	}

}
