package dev.nettybind.benchmarks.runner;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;

/**
 * Renders a run's results as the Markdown tables of docs/BENCHMARKS.md, from the results
 * alone, so that {@code --render results.json} gives the same tables as the run did.
 */
final class MarkdownReport {

	private final Results results;

	private final Settings settings;

	private final StringBuilder out = new StringBuilder();

	private MarkdownReport(Results results) {
		this.results = results;
		this.settings = results.run().settings();
	}

	static String render(Results results) {
		return render(results, Plots.DIR + "/");
	}

	/** With the plots' images at {@code plotPrefix} + their SVG's name; none if null. */
	static String render(Results results, String plotPrefix) {
		MarkdownReport report = new MarkdownReport(results);
		report.run();
		report.plaintext();
		report.bind();
		report.memory();
		report.tls();
		report.webflux();
		report.protocols();
		report.out.append((plotPrefix != null) ? Plots.markdown(Plots.of(results), plotPrefix) : "");
		report.targets();
		return report.out.toString();
	}

	private void run() {
		Results.RunInfo r = this.results.run();
		Settings s = this.settings;
		line("## The run (" + s.mode() + ")");
		line();
		List<List<String>> rows = new ArrayList<>();
		rows.add(List.of("date", r.date()));
		rows.add(List.of("command", "`" + r.command() + "`"));
		rows.add(List.of("starter", r.starter()));
		rows.add(List.of("machine", r.machine()));
		rows.add(List.of("java", r.java()));
		r.versions().forEach((name, version) -> rows.add(List.of(name, version)));
		rows.add(List.of("pinning", String.format(Locale.ROOT,
				"servers on CPU %s, load generators (`wrk -t1 -c%d`, h2load) on CPU %s; server JVMs: `%s`",
				s.serverCpu(), s.connections(), s.clientCpu(), String.join(" ", s.serverJvmOptions()))));
		if (s.runs("plaintext")) {
			rows.add(List.of("method", String.format(Locale.ROOT,
					"warm-up %d s each, then %d rounds x %d s, contenders alternated (order rotated each round)",
					s.warmup(), s.rounds(), s.duration())));
		}
		if (s.runs("tls")) {
			rows.add(List.of("TLS method", String.format(Locale.ROOT,
					"warm-up until the rate levels off (at least %d s OpenSSL, %d s JDK, at most %d s) per variant, "
							+ "then %d rounds x about %d s, providers alternated (order swapped each round)",
					s.tlsWarmupOpenssl(), s.tlsWarmupJdk(), s.tlsWarmupMax(), s.tlsRounds(), s.tlsDuration())));
		}
		if (s.runs("webflux")) {
			rows.add(List.of("WebFlux method", String.format(Locale.ROOT,
					"one application per variant, warm-up %d s (half on each server), then %d rounds x %d s on "
							+ "either server, the first swapped each round",
					s.webfluxWarmup(), s.webfluxRounds(), s.duration())));
		}
		if (s.runs("protocols")) {
			rows.add(List.of("protocols method", String.format(Locale.ROOT,
					"h2load, per scenario a warm-up of %d s per contender, then %d rounds x %d s, contenders "
							+ "alternated (order rotated each round)",
					s.protocolsWarmup(), s.protocolsRounds(), s.protocolsDuration())));
		}
		rows.add(List.of("parts run", String.join(", ", s.only())));
		rows.add(List.of("took", r.seconds() + " s; logs in `" + r.logs() + "`"));
		table(List.of("", ""), "ll", rows);
	}

	private void plaintext() {
		Results.Plaintext p = this.results.plaintext();
		Settings s = this.settings;
		line("## Plaintext throughput and latency");
		line();
		if (p == null) {
			line("Plaintext throughput, shared-group fairness, memory per idle connection: " + this.settings.missing("plaintext"));
			line();
			return;
		}
		line(String.format(Locale.ROOT,
				"`GET /plaintext`, 13-byte body, HTTP/1.1 keep-alive, %d connections; medians of %d rounds of %d s.",
				s.connections(), s.rounds(), s.duration()));
		line();
		Results.ContenderRounds base = p.of(Contender.BASELINE);
		List<List<String>> rows = new ArrayList<>();
		for (Results.ContenderRounds c : p.contenders()) {
			List<Double> rps = c.values(PlaintextRound::rps);
			rows.add(List.of(c.label(), count(c.medianRps()), count(Stats.min(rps)) + ".." + count(Stats.max(rps)),
					millis(Stats.median(c.values(PlaintextRound::p50Micros))),
					millis(Stats.median(c.values(PlaintextRound::p99Micros))),
					Targets.format(Stats.ratio(c.medianRps(), base.medianRps())),
					Targets.format(Stats.medianOfRatios(rps, base.values(PlaintextRound::rps))),
					String.valueOf(c.rounds().stream().mapToLong(PlaintextRound::errors).sum()),
					pct(Stats.max(c.values(PlaintextRound::foreignPct)))));
		}
		table(List.of("contender", "req/s (median)", "min..max of " + s.rounds() + " rounds", "p50 ms", "p99 ms",
				"vs RN defaults", "per round vs RN defaults", "errors", "noise%"), "lrrrrrrrr", rows);
		line("vs RN defaults: the ratio of the medians to Reactor Netty with its defaults; per round: the median of "
				+ "the ratios of each round to that round of Reactor Netty; noise%: the most CPU, in % of one CPU, "
				+ "that other processes took during a kept round of that contender.");
		line();
		line("### Shared group: fairness");
		line();
		Results.Fairness f = p.fairness();
		List<String> header = new ArrayList<>(f.members().keySet());
		header.add("max/min");
		List<String> row = f.members().values().stream().map(MarkdownReport::count).collect(Collectors.toList());
		row.add(Targets.format(f.maxOverMin()));
		line(String.format(Locale.ROOT, "%s new connections (Connection: close) to the shared group of %d:",
				count(s.churnConnections()), s.sharedMembers()));
		line();
		table(header, "r".repeat(header.size()), List.of(row));
		line("Churn client: `" + f.churn() + "`");
		line();
	}

	private void bind() {
		List<BindTiming> bind = this.results.bind();
		Settings s = this.settings;
		line("## Time to bind from configuration");
		line();
		if (bind == null) {
			line("Time to bind from config: " + this.settings.missing("bind"));
			line();
			return;
		}
		line(String.format(Locale.ROOT, "Medians of %d, in ms; *none* is Spring Boot with the starter off.",
				s.bindRepeats()));
		line();
		List<List<String>> rows = new ArrayList<>();
		for (String cpus : List.of(s.serverCpu(), s.bothCpus())) {
			for (int servers : List.of(0, 1, 10, 100)) {
				int n = servers;
				List<BindTiming> t = bind.stream().filter(b -> b.cpus().equals(cpus) && b.servers() == n).toList();
				if (t.isEmpty()) {
					continue;
				}
				rows.add(List.of(cpus.split(",").length + " (CPU " + cpus + ")", (n == 0) ? "none" : String.valueOf(n),
						count(median(t, BindTiming::launchToMain)), count(median(t, BindTiming::mainToAccepting)),
						count(median(t, BindTiming::launchToAccepting)),
						(n == 0) ? "–" : count(median(t, BindTiming::firstToLastBound)),
						pct(t.stream().mapToDouble(BindTiming::foreignPct).max().orElse(0))));
			}
		}
		table(List.of("CPUs", "servers", "launch → `main`", "`main` → all ports accepting",
				"launch → all ports accepting", "first → last server bound", "noise%"), "lrrrrrr", rows);
	}

	private void memory() {
		Results.Plaintext p = this.results.plaintext();
		if (p == null) {
			return;
		}
		line("## Memory per idle connection");
		line();
		if (p.memory().skipped() != null) {
			line("Memory per idle connection: not measured: " + p.memory().skipped());
			line();
			return;
		}
		line(String.format(Locale.ROOT,
				"%s idle keep-alive connections, after a full GC; heap pre-touched, so RSS shows memory outside the heap.",
				count(this.settings.idleConnections())));
		line();
		List<List<String>> rows = p.memory()
			.rows()
			.stream()
			.map(m -> List.of(m.label(), count(m.connections()), count(m.rssBytes()), count(m.heapBytes()),
					count(m.rssBytes() + m.heapBytes())))
			.toList();
		table(List.of("contender", "connections", "RSS B/conn", "heap B/conn", "total B/conn"), "lrrrr", rows);
	}

	private void tls() {
		Results.Tls tls = this.results.tls();
		Settings s = this.settings;
		line("## TLS handshakes");
		line();
		if (tls == null) {
			line("TLS handshakes/s, OpenSSL vs JDK provider: " + this.settings.missing("tls"));
			line();
			return;
		}
		line(String.format(Locale.ROOT,
				"A new connection with a full handshake per request (`h2load --h1 -c%d -m1`, `Connection: close`, "
						+ "on CPU %s), each server on CPU %s; medians of %d rounds of about %d s.",
				s.tlsConnections(), s.clientCpu(), s.serverCpu(), s.tlsRounds(), s.tlsDuration()));
		line();
		List<List<String>> rows = new ArrayList<>();
		List<List<String>> ratios = new ArrayList<>();
		List<List<String>> warmUps = new ArrayList<>();
		for (Results.TlsVariant v : tls.variants()) {
			for (Map.Entry<String, Results.TlsProvider> e : List.of(Map.entry("OpenSSL", v.openssl()),
					Map.entry("JDK", v.jdk()))) {
				Results.TlsProvider t = e.getValue();
				List<Double> rate = t.values(TlsRound::rate);
				boolean unknown = t.rounds().stream().anyMatch(r -> r.resumed() < 0);
				rows.add(List.of(v.label(), e.getKey(), count(Stats.median(rate)),
						count(Stats.min(rate)) + ".." + count(Stats.max(rate)),
						count(Stats.median(t.values(TlsRound::serverCpuPct))),
						count(Stats.median(t.values(TlsRound::clientCpuPct))),
						count(Stats.median(t.values(TlsRound::perServerCpuSecond))),
						unknown ? "?" : String.valueOf(t.rounds().stream().mapToLong(TlsRound::resumed).sum()),
						String.valueOf(t.rounds().stream().mapToLong(TlsRound::errors).sum()),
						pct(Stats.max(t.values(TlsRound::foreignPct)))));
				Results.TlsWarmUp w = t.warmUp();
				warmUps.add(List.of(v.label(), e.getKey(),
						String.format(Locale.ROOT, "%d s, %s at %s hs/s", w.seconds(),
								w.levelled() ? "levelled" : "not levelled", count(w.rate())),
						w.protocol() + ", " + w.cipher()));
			}
			ratios.add(List.of(v.label(), ratio(v, TlsRound::rate),
					Targets.format(Stats.medianOfRatios(v.openssl().values(TlsRound::rate), v.jdk().values(TlsRound::rate))),
					ratio(v, TlsRound::perServerCpuSecond)));
		}
		table(List.of("key, protocol", "provider", "handshakes/s (median)", "min..max of " + s.tlsRounds() + " rounds",
				"server CPU %", "h2load CPU %", "handshakes per server CPU-second", "resumed", "errors", "noise%"),
				"llrrrrrrrr", rows);
		line("CPU in % of one CPU, the one near 100 limits the rate; resumed: handshakes that resumed a session, "
				+ "over all rounds: must be 0.");
		line();
		table(List.of("OpenSSL / JDK", "handshakes/s (medians)", "per round (median of " + s.tlsRounds() + ")",
				"per server CPU-second"), "lrrr", ratios);
		line("TLS engines in the servers' heaps: OpenSSL server: " + tls.engines().getOrDefault("openssl", "?")
				+ "; JDK server: " + tls.engines().getOrDefault("jdk", "?") + ".");
		line();
		table(List.of("key, protocol", "provider", "warm-up", "negotiated"), "llll", warmUps);
	}

	private void webflux() {
		Results.WebFlux webflux = this.results.webflux();
		Settings s = this.settings;
		line("## One WebFlux application: a bind server and Boot's own server");
		line();
		if (webflux == null) {
			line("WebFlux on a bind server vs on Boot's own server: " + this.settings.missing("webflux"));
			line();
			return;
		}
		line(String.format(Locale.ROOT,
				"The same router function (`GET /plaintext`) served by Spring Boot's Netty server and by a bind "
						+ "server of one application, %d connections; medians of %d rounds of %d s.",
				s.connections(), s.webfluxRounds(), s.duration()));
		line();
		List<List<String>> rows = new ArrayList<>();
		for (Results.WebFluxVariant v : webflux.variants()) {
			for (Map.Entry<String, List<PlaintextRound>> e : List.of(Map.entry("Boot's server", v.boot()),
					Map.entry("bind server", v.bind()))) {
				Results.ContenderRounds c = new Results.ContenderRounds(v.id(), v.label(), e.getValue());
				List<Double> rps = c.values(PlaintextRound::rps);
				rows.add(List.of(v.label(), e.getKey(), count(c.medianRps()),
						count(Stats.min(rps)) + ".." + count(Stats.max(rps)),
						millis(Stats.median(c.values(PlaintextRound::p50Micros))),
						millis(Stats.median(c.values(PlaintextRound::p99Micros))),
						String.valueOf(e.getValue().stream().mapToLong(PlaintextRound::errors).sum()),
						pct(Stats.max(c.values(PlaintextRound::foreignPct)))));
			}
			rows.add(List.of(v.label(), "bind / Boot", Targets.format(v.ofMedians()), "per round "
					+ Targets.format(v.perRound()), "", "", "", ""));
		}
		table(List.of("application", "server", "req/s (median)", "min..max of " + s.webfluxRounds() + " rounds",
				"p50 ms", "p99 ms", "errors", "noise%"), "llrrrrrr", rows);
	}

	private void protocols() {
		Results.Protocols protocols = this.results.protocols();
		Settings s = this.settings;
		line("## Protocols: HTTP/2, TLS 1.3 on kept connections, request bodies");
		line();
		if (protocols == null) {
			line("HTTP/2, TLS 1.3 on kept connections, request bodies: " + this.settings.missing("protocols"));
			line();
			return;
		}
		line(String.format(Locale.ROOT,
				"h2load on CPU %s, each contender on CPU %s with a plain server (HTTP/1.1 and h2c) and a secure one "
						+ "(h2 by ALPN and HTTP/1.1, an EC P-256 key, OpenSSL unless said); medians of %d rounds of "
						+ "%d s. `POST /count`: the server reads the whole body and answers its length (counted, "
						+ "not echoed).",
				s.clientCpu(), s.serverCpu(), s.protocolsRounds(), s.protocolsDuration()));
		line();
		for (Results.Scenario scenario : protocols.scenarios()) {
			line("### " + scenario.id() + ": " + scenario.label());
			line();
			line("`" + scenario.command() + "`");
			line();
			String starter = scenario.contenders().isEmpty() ? "starter" : scenario.contenders().get(0).id();
			List<List<String>> rows = new ArrayList<>();
			for (Results.LoadRounds c : scenario.contenders()) {
				List<Double> rps = c.values(LoadRound::rps);
				List<String> tls = c.rounds().stream().map(LoadRound::protocol).distinct().toList();
				rows.add(List.of(c.label(), count(c.medianRps()), count(Stats.min(rps)) + ".." + count(Stats.max(rps)),
						Targets.format(scenario.ofMedians(starter, c.id())),
						Targets.format(scenario.perRound(starter, c.id())),
						count(Stats.median(c.values(LoadRound::serverCpuPct))),
						count(Stats.median(c.values(LoadRound::clientCpuPct))),
						String.valueOf(c.rounds().stream().mapToLong(LoadRound::errors).sum()),
						pct(Stats.max(c.values(LoadRound::foreignPct))),
						String.join(", ", tls.stream().map(t -> t.isEmpty() ? "–" : t).toList())));
			}
			table(List.of("contender", "req/s (median)", "min..max of " + s.protocolsRounds() + " rounds",
					"starter / this", "per round", "server CPU %", "h2load CPU %", "errors", "noise%", "TLS"),
					"lrrrrrrrrl", rows);
		}
		line("starter / this: the ratio of the medians of the scenario's starter (the first row) to that contender; "
				+ "per round: the median of the per-round ratios. CPU in % of one CPU.");
		line();
		line("TLS engines in the heaps: " + protocols.engines()
			.entrySet()
			.stream()
			.map(e -> e.getKey() + ": " + e.getValue())
			.collect(Collectors.joining("; ")) + ".");
		line();
	}

	private void targets() {
		List<Targets.Target> targets = Targets.of(this.results);
		line("## Targets");
		line();
		List<List<String>> rows = targets.stream()
			.map(t -> List.of(t.label() + " " + t.op() + " " + t.limit(), t.value(), t.perRound(), t.verdict(),
					t.note()))
			.toList();
		table(List.of("target", "measured (median ratio)", "per round", "verdict", "note"), "lrrll", rows);
		line(summary(targets));
	}

	/** The closing line: how many targets were met, missed and not measured. */
	private String summary(List<Targets.Target> targets) {
		Results.RunInfo r = this.results.run();
		return String.format(Locale.ROOT, "SUMMARY: %d targets met, %d missed, %d not measured (%s run%s, %d s)",
				count(targets, "met"), count(targets, "MISSED"), count(targets, "NOT MEASURED"), this.settings.mode(),
				this.settings.runsAll() ? "" : ", ONLY=" + String.join(",", this.settings.only()), r.seconds());
	}

	private static long count(List<Targets.Target> targets, String verdict) {
		return targets.stream().filter(t -> t.verdict().equals(verdict)).count();
	}

	private static String ratio(Results.TlsVariant v, ToDoubleFunction<TlsRound> value) {
		return Targets.format(Stats.ratio(Stats.median(v.openssl().values(value)), Stats.median(v.jdk().values(value))));
	}

	private static double median(List<BindTiming> timings, ToDoubleFunction<BindTiming> value) {
		return Stats.median(timings.stream().map(value::applyAsDouble).toList());
	}

	/** A whole number with thousands separators, as in docs/BENCHMARKS.md. */
	static String count(double value) {
		return String.format(Locale.US, "%,.0f", value);
	}

	static String millis(double micros) {
		return String.format(Locale.ROOT, "%.3f", micros / 1000);
	}

	static String pct(double value) {
		return String.format(Locale.ROOT, "%.1f", value);
	}

	/** A Markdown table; {@code align} has an {@code l} or {@code r} per column. */
	private void table(List<String> header, String align, List<List<String>> rows) {
		line("| " + String.join(" | ", header) + " |");
		StringBuilder rule = new StringBuilder("|");
		for (char a : align.toCharArray()) {
			rule.append((a == 'r') ? " ---: |" : " --- |");
		}
		line(rule.toString());
		for (List<String> row : rows) {
			line("| " + row.stream().map(cell -> cell.replace("|", "\\|")).collect(Collectors.joining(" | ")) + " |");
		}
		line();
	}

	private void line(String text) {
		this.out.append(text).append('\n');
	}

	private void line() {
		this.out.append('\n');
	}

}
