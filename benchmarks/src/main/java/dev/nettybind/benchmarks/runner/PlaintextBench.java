package dev.nettybind.benchmarks.runner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The contenders' throughput and latency under wrk, in alternated rounds, then the shared
 * group's fairness and the memory per idle connection, all with every contender started
 * once, pinned to the servers' CPU.
 */
final class PlaintextBench {

	private static final int BASE_PORT = 18101;

	private static final int STATS_PORT = 18120;

	private final Settings settings;

	private final Launcher launcher;

	private final NoiseGuard guard;

	private final RunLog log;

	private final Http http;

	private final WrkLoad wrk;

	private final List<Contender> contenders;

	private final Map<String, Process> processes = new LinkedHashMap<>();

	private final Map<String, Integer> ports = new LinkedHashMap<>();

	PlaintextBench(Settings settings, Launcher launcher, NoiseGuard guard, RunLog log) {
		this.settings = settings;
		this.launcher = launcher;
		this.guard = guard;
		this.log = log;
		this.http = new Http(launcher);
		this.wrk = new WrkLoad(settings, launcher);
		this.contenders = Contender.all(settings.sharedMembers(), STATS_PORT);
	}

	Results.Plaintext run() throws IOException, InterruptedException {
		this.log.line("starting %d contenders on CPU %s", this.contenders.size(), this.settings.serverCpu());
		start();
		try {
			List<Results.ContenderRounds> rounds = throughput();
			this.log.line("fairness of the shared group");
			Results.Fairness fairness = fairness();
			this.log.line("memory per idle connection");
			Results.Memory memory = memory();
			return new Results.Plaintext(rounds, fairness, memory);
		}
		finally {
			for (Process process : this.processes.values()) {
				Launcher.stop(process);
			}
		}
	}

	private void start() throws IOException, InterruptedException {
		for (int i = 0; i < this.contenders.size(); i++) {
			Contender c = this.contenders.get(i);
			int port = BASE_PORT + i;
			Http.requireClosed(port);
			this.ports.put(c.id(), port);
			this.processes.put(c.id(), this.launcher.jvm(c.id(), this.settings.serverCpu(), this.settings.serverJvmOptions(),
					c.classpath(), c.main(), c.argsFor(port)));
		}
		for (Contender c : this.contenders) {
			this.http.await("http", this.ports.get(c.id()), this.processes.get(c.id()),
					this.launcher.logs().resolve(c.id() + ".log"), Duration.ofSeconds(180));
		}
	}

	private List<Results.ContenderRounds> throughput() throws IOException, InterruptedException {
		int n = this.contenders.size();
		this.log.line("warm-up: %d s per contender", this.settings.warmup());
		for (Contender c : this.contenders) {
			wrk(c, this.settings.warmup(), c.id() + ".warmup");
		}
		Map<String, List<PlaintextRound>> rounds = new LinkedHashMap<>();
		this.contenders.forEach(c -> rounds.put(c.id(), new ArrayList<>()));
		for (int round = 1; round <= this.settings.rounds(); round++) {
			// Alternated: every contender once per round, the order rotated by one each round.
			List<Contender> order = new ArrayList<>();
			for (int i = 0; i < n; i++) {
				order.add(this.contenders.get((i + round - 1) % n));
			}
			this.log.line("round %d/%d: %s", round, this.settings.rounds(),
					String.join(" ", order.stream().map(Contender::id).toList()));
			for (Contender c : order) {
				String name = c.id() + ".round" + round;
				PlaintextRound r = this.guard.measure(c.id(), attempt -> wrk(c, this.settings.duration(), name),
						PlaintextRound::foreignPct);
				rounds.get(c.id()).add(r);
				this.log.line("   %-10s %8.0f req/s  p50 %6.0f us  p99 %7.0f us  errors %d  foreign %.1f%%", c.id(),
						r.rps(), r.p50Micros(), r.p99Micros(), r.errors(), r.foreignPct());
			}
		}
		return this.contenders.stream()
			.map(c -> new Results.ContenderRounds(c.id(), c.label(), rounds.get(c.id())))
			.toList();
	}

	private PlaintextRound wrk(Contender c, int seconds, String name) throws IOException, InterruptedException {
		return this.wrk.run(this.processes.get(c.id()).pid(), this.ports.get(c.id()), seconds, name);
	}

	private Results.Fairness fairness() throws IOException, InterruptedException {
		Map<String, Long> before = stats();
		Process churn = this.launcher.jvm("churn", this.settings.clientCpu(), List.of(), "lean",
				"dev.nettybind.benchmarks.client.ConnectionChurn",
				List.of(String.valueOf(this.ports.get(Contender.SHARED)),
						String.valueOf(this.settings.churnConnections()), "4"));
		Path churnLog = this.launcher.logs().resolve("churn.log");
		if (churn.waitFor() != 0) {
			throw new IllegalStateException("the churn client failed: see " + churnLog);
		}
		Map<String, Long> after = stats();
		Map<String, Long> handed = new LinkedHashMap<>();
		after.forEach((member, count) -> {
			if (before.containsKey(member)) {
				handed.put(member, count - before.get(member));
			}
		});
		String line = Launcher.find(churnLog, Pattern.compile("CHURN.*")).map(Matcher::group).orElse("");
		Results.Fairness fairness = new Results.Fairness(handed, line);
		this.log.line("   fairness over %d new connections: %s, max/min %s (%s)", this.settings.churnConnections(),
				handed, Targets.format(fairness.maxOverMin()), line);
		return fairness;
	}

	/** The connections handed to each member so far, from the stats server, by name. */
	private Map<String, Long> stats() throws IOException, InterruptedException {
		String text = this.http.get("http", STATS_PORT, "/stats", Duration.ofSeconds(60))
			.orElseThrow(() -> new IllegalStateException("the stats server did not answer"));
		Map<String, Long> handed = new TreeMap<>();
		for (String line : text.split("\n")) {
			String[] f = line.trim().split("\\s+");
			if (f.length >= 2) {
				handed.put(f[0], Long.parseLong(f[1]));
			}
		}
		return handed;
	}

	private Results.Memory memory() throws IOException, InterruptedException {
		long hard = openFilesHardLimit();
		if (hard < this.settings.idleConnections() + 200) {
			String why = "the open-files limit is " + hard + ", below " + this.settings.idleConnections()
					+ " connections";
			this.log.line("   memory: skipped: %s", why);
			return new Results.Memory(why, List.of());
		}
		Jvm jvm = new Jvm(this.launcher);
		List<Results.MemoryRow> rows = new ArrayList<>();
		for (String id : this.settings.memoryContenders()) {
			long pid = this.processes.get(id).pid();
			long heap0 = jvm.heapUsedKb(pid);
			long rss0 = Jvm.rssKb(pid);
			Process client = this.launcher.jvm("idle-" + id, this.settings.clientCpu(), List.of(), "lean",
					"dev.nettybind.benchmarks.client.IdleConnections",
					List.of(String.valueOf(this.ports.get(id)), String.valueOf(this.settings.idleConnections())));
			try {
				Path clientLog = this.launcher.logs().resolve("idle-" + id + ".log");
				long open = Launcher
					.awaitLine(clientLog, Pattern.compile("^IDLE open=(\\d+)"), client, Duration.ofSeconds(120))
					.map(m -> Long.parseLong(m.group(1)))
					.orElse(0L);
				if (open == 0) {
					this.log.line("   memory %s: the client opened no connection: see %s", id, clientLog);
					continue;
				}
				Thread.sleep(2000);
				long heap1 = jvm.heapUsedKb(pid);
				long rss1 = Jvm.rssKb(pid);
				Launcher.stop(client);
				rows.add(new Results.MemoryRow(id, label(id), open, (rss1 - rss0) * 1024 / open,
						(heap1 - heap0) * 1024 / open));
				this.log.line("   memory %s: %d idle connections: RSS +%d MiB, heap +%d MiB", id, open,
						(rss1 - rss0) / 1024, (heap1 - heap0) / 1024);
				// Let the server close the connections before the next contender's turn.
				Thread.sleep(3000);
			}
			finally {
				Launcher.stop(client);
			}
		}
		return new Results.Memory(null, rows);
	}

	private String label(String id) {
		return this.contenders.stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow().label();
	}

	/** The hard limit of open files this JVM (and so every process it starts) has. */
	private static long openFilesHardLimit() throws IOException {
		for (String line : Files.readAllLines(Path.of("/proc/self/limits"))) {
			if (line.startsWith("Max open files")) {
				String hard = line.substring("Max open files".length()).trim().split("\\s+")[1];
				return hard.equals("unlimited") ? Long.MAX_VALUE : Long.parseLong(hard);
			}
		}
		return Long.MAX_VALUE;
	}

}
