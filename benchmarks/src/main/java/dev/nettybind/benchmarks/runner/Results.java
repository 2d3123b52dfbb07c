package dev.nettybind.benchmarks.runner;

import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.ToDoubleFunction;

/**
 * Everything a run measured, as written to {@code results.json}: the report's tables are
 * rendered from this alone ({@link MarkdownReport}). A part that was not run is null.
 *
 * @param run what was run, where and on what
 * @param plaintext throughput and latency, shared-group fairness, memory
 * @param bind the bind timings, in the order taken
 * @param tls TLS handshakes of the two providers
 * @param webflux one WebFlux application on a bind server and on Boot's own server
 * @param protocols HTTP/2, TLS 1.3 on kept connections and request bodies
 */
record Results(RunInfo run, Plaintext plaintext, List<BindTiming> bind, Tls tls, WebFlux webflux,
		Protocols protocols) {

	Results(RunInfo run, Plaintext plaintext, List<BindTiming> bind, Tls tls, WebFlux webflux) {
		this(run, plaintext, bind, tls, webflux, null);
	}

	Results withPlaintext(Plaintext plaintext) {
		return new Results(this.run, plaintext, this.bind, this.tls, this.webflux, this.protocols);
	}

	Results withBind(List<BindTiming> bind) {
		return new Results(this.run, this.plaintext, bind, this.tls, this.webflux, this.protocols);
	}

	Results withTls(Tls tls) {
		return new Results(this.run, this.plaintext, this.bind, tls, this.webflux, this.protocols);
	}

	Results withWebFlux(WebFlux webflux) {
		return new Results(this.run, this.plaintext, this.bind, this.tls, webflux, this.protocols);
	}

	Results withProtocols(Protocols protocols) {
		return new Results(this.run, this.plaintext, this.bind, this.tls, this.webflux, protocols);
	}

	Results withSeconds(long seconds) {
		RunInfo r = this.run;
		return new Results(new RunInfo(r.date(), r.command(), r.starter(), r.machine(), r.java(), r.versions(),
				r.logs(), seconds, r.settings()), this.plaintext, this.bind, this.tls, this.webflux, this.protocols);
	}

	/**
	 * @param date when the run started, UTC
	 * @param command the command line
	 * @param starter the commit of the starter that was built
	 * @param machine CPUs, model, memory, kernel
	 * @param java the servers' Java
	 * @param versions the versions of the contenders' libraries and of the tools
	 * @param logs the run's directory, relative to the work tree
	 * @param seconds how long the run took
	 * @param settings rounds, seconds and sizes
	 */
	record RunInfo(String date, String command, String starter, String machine, String java,
			Map<String, String> versions, String logs, long seconds, Settings settings) {

	}

	/**
	 * @param contenders each contender's kept rounds
	 * @param fairness connections per member of the shared group
	 * @param memory memory per idle connection
	 */
	record Plaintext(List<ContenderRounds> contenders, Fairness fairness, Memory memory) {

		/** The rounds of a contender, or empty ones if it was not measured. */
		ContenderRounds of(String id) {
			return this.contenders.stream()
				.filter(c -> c.id().equals(id))
				.findFirst()
				.orElse(new ContenderRounds(id, id, List.of()));
		}

	}

	/**
	 * @param id the contender's id
	 * @param label its name in the tables
	 * @param rounds its kept rounds, in round order
	 */
	record ContenderRounds(String id, String label, List<PlaintextRound> rounds) {

		List<Double> values(ToDoubleFunction<PlaintextRound> value) {
			return this.rounds.stream().map(value::applyAsDouble).toList();
		}

		double medianRps() {
			return Stats.median(values(PlaintextRound::rps));
		}

	}

	/**
	 * @param members the new connections each member of the shared group was handed, by
	 * member name
	 * @param churn the churn client's closing line ({@code CHURN ok=.. failed=.. ms=..})
	 */
	record Fairness(Map<String, Long> members, String churn) {

		/** The most connections a member got over the fewest; empty if one got none. */
		OptionalDouble maxOverMin() {
			long min = this.members.values().stream().mapToLong(Long::longValue).min().orElse(0);
			long max = this.members.values().stream().mapToLong(Long::longValue).max().orElse(0);
			return Stats.ratio(max, min);
		}

	}

	/**
	 * @param skipped why it was not measured, or null
	 * @param rows one per contender measured
	 */
	record Memory(String skipped, List<MemoryRow> rows) {

	}

	/**
	 * @param id the contender's id
	 * @param label its name in the tables
	 * @param connections the idle connections open
	 * @param rssBytes RSS growth per connection
	 * @param heapBytes growth of the heap used after a full GC, per connection
	 */
	record MemoryRow(String id, String label, long connections, long rssBytes, long heapBytes) {

	}

	/**
	 * @param engines the TLS engine classes found in each server's heap, by provider
	 * ({@code openssl}, {@code jdk})
	 * @param variants each key and protocol
	 */
	record Tls(Map<String, String> engines, List<TlsVariant> variants) {

		/** Whether the OpenSSL server used OpenSSL and the JDK server the JDK's engine only. */
		boolean enginesAsExpected() {
			String openssl = this.engines.getOrDefault("openssl", "");
			String jdk = this.engines.getOrDefault("jdk", "");
			return openssl.contains("OpenSslEngine") && !jdk.contains("OpenSslEngine") && jdk.contains("SSLEngineImpl");
		}

	}

	/**
	 * @param variant such as {@code ec-tls13}
	 * @param label such as {@code EC P-256, TLS 1.3}
	 * @param openssl the starter with OpenSSL (netty-tcnative BoringSSL)
	 * @param jdk the starter with the JDK provider
	 */
	record TlsVariant(String variant, String label, TlsProvider openssl, TlsProvider jdk) {

	}

	/**
	 * @param warmUp how the warm-up went
	 * @param rounds the kept rounds, in round order
	 */
	record TlsProvider(TlsWarmUp warmUp, List<TlsRound> rounds) {

		List<Double> values(ToDoubleFunction<TlsRound> value) {
			return this.rounds.stream().map(value::applyAsDouble).toList();
		}

	}

	/**
	 * @param seconds how long it took
	 * @param levelled whether the rate levelled off before the most seconds allowed
	 * @param rate the level: the median of the last chunks
	 * @param rates the rate of each chunk
	 * @param protocol the negotiated TLS version
	 * @param cipher the negotiated cipher
	 */
	record TlsWarmUp(long seconds, boolean levelled, double rate, List<Double> rates, String protocol,
			String cipher) {

	}

	/**
	 * @param variants the application without and with content confined by
	 * {@code @OnServer}
	 */
	record WebFlux(List<WebFluxVariant> variants) {

	}

	/**
	 * @param id {@code plain} or {@code on-server-routes}
	 * @param label its name in the tables
	 * @param boot the kept rounds on Spring Boot's own server, in round order
	 * @param bind the kept rounds on the bind server, in round order
	 */
	record WebFluxVariant(String id, String label, List<PlaintextRound> boot, List<PlaintextRound> bind) {

		/** The median of the per-round ratios bind / Boot; empty if not measured. */
		OptionalDouble perRound() {
			return Stats.medianOfRatios(rps(this.bind), rps(this.boot));
		}

		/** The ratio of the median requests per second, bind / Boot. */
		OptionalDouble ofMedians() {
			return Stats.ratio(Stats.median(rps(this.bind)), Stats.median(rps(this.boot)));
		}

		static List<Double> rps(List<PlaintextRound> rounds) {
			return rounds.stream().map(PlaintextRound::rps).toList();
		}

	}

	/**
	 * @param engines the TLS engine classes found in each contender's heap, by contender id
	 * @param scenarios each load, in the order run
	 */
	record Protocols(Map<String, String> engines, List<Scenario> scenarios) {

		/** The scenario of that id, or null if it was not run. */
		Scenario of(String id) {
			return this.scenarios.stream().filter(s -> s.id().equals(id)).findFirst().orElse(null);
		}

	}

	/**
	 * @param id such as {@code h2c} or {@code post-1m}
	 * @param label its name in the tables
	 * @param command the h2load command of a round
	 * @param contenders each contender's kept rounds, the starter first
	 */
	record Scenario(String id, String label, String command, List<LoadRounds> contenders) {

		/** The rounds of a contender, or empty ones if it was not measured. */
		LoadRounds of(String id) {
			return this.contenders.stream()
				.filter(c -> c.id().equals(id))
				.findFirst()
				.orElse(new LoadRounds(id, id, List.of()));
		}

		/** The ratio of the median requests per second, {@code a / b}. */
		OptionalDouble ofMedians(String a, String b) {
			return Stats.ratio(of(a).medianRps(), of(b).medianRps());
		}

		/** The median of the per-round ratios {@code a / b}. */
		OptionalDouble perRound(String a, String b) {
			return Stats.medianOfRatios(of(a).values(LoadRound::rps), of(b).values(LoadRound::rps));
		}

	}

	/**
	 * @param id the contender's id
	 * @param label its name in the tables
	 * @param rounds its kept rounds, in round order
	 */
	record LoadRounds(String id, String label, List<LoadRound> rounds) {

		List<Double> values(ToDoubleFunction<LoadRound> value) {
			return this.rounds.stream().map(value::applyAsDouble).toList();
		}

		double medianRps() {
			return Stats.median(values(LoadRound::rps));
		}

	}

}
