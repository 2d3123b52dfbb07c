package dev.nettybind.benchmarks.runner;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * What a run measures and how long: the mode's rounds and seconds, with the environment's
 * overrides, and the fixed sizes of the load. Written into the results, so that a table
 * rendered later from them says how it was measured.
 *
 * @param mode {@code quick} or {@code full}
 * @param only the parts run: {@code bind}, {@code plaintext}, {@code tls}, {@code webflux},
 * {@code protocols}
 * @param serverCpu the CPU list the servers are pinned to
 * @param clientCpu the CPU list the load generators are pinned to
 * @param warmup seconds of warm-up per plaintext contender
 * @param duration seconds of one plaintext round
 * @param rounds plaintext rounds
 * @param bindRepeats how often each bind timing is taken
 * @param quietMax the most seconds to wait for a quiet machine before a measurement
 * @param retries how often a noisy measurement is repeated
 * @param budget seconds after which nothing waits or repeats any more
 * @param memoryContenders the contenders whose memory per idle connection is measured
 * @param tlsWarmupOpenssl least seconds of TLS warm-up of the OpenSSL provider
 * @param tlsWarmupJdk least seconds of TLS warm-up of the JDK provider
 * @param tlsWarmupMax most seconds of TLS warm-up of either provider
 * @param tlsDuration about how many seconds one TLS round lasts
 * @param tlsRounds TLS rounds
 * @param tlsVariants the key and protocol variants, such as {@code ec-tls13}
 * @param connections wrk's connections
 * @param churnConnections new connections made to the shared group for its fairness
 * @param idleConnections idle connections opened for the memory measurement
 * @param sharedMembers members of the shared group
 * @param tlsConnections h2load's connections
 * @param foreignLimitPct a measurement during which other processes took more of a CPU
 * than this (in %) is repeated
 * @param tlsPlateau how many warm-up chunks must agree for the TLS rate to have levelled
 * off
 * @param tlsPlateauPct how close (in %) to their median those chunks must be
 * @param webfluxWarmup seconds of warm-up of each WebFlux routing application, shared
 * between its two servers (WebFlux needs 45 s or more of JIT on one core)
 * @param webfluxRounds rounds of the WebFlux routing part, each a {@code duration} on
 * either server
 * @param serverJvmOptions the JVM options of every server: a fixed, pre-touched heap
 * @param protocolsWarmup seconds of warm-up of each contender of each scenario of the
 * protocols part
 * @param protocolsDuration seconds of one round of a contender of the protocols part
 * @param protocolsRounds rounds of the protocols part
 */
record Settings(String mode, List<String> only, String serverCpu, String clientCpu, int warmup,
		int duration, int rounds, int bindRepeats, int quietMax, int retries, int budget,
		List<String> memoryContenders, int tlsWarmupOpenssl, int tlsWarmupJdk, int tlsWarmupMax, int tlsDuration,
		int tlsRounds, List<String> tlsVariants, int connections, int churnConnections, int idleConnections,
		int sharedMembers, int tlsConnections, int foreignLimitPct, int tlsPlateau, int tlsPlateauPct,
		int webfluxWarmup, int webfluxRounds, List<String> serverJvmOptions, int protocolsWarmup,
		int protocolsDuration, int protocolsRounds) {

	static final List<String> PARTS = List.of("bind", "plaintext", "tls", "webflux", "protocols");

	private static final List<String> SERVER_JVM_OPTIONS = List.of("-Xms512m", "-Xmx512m", "-XX:+AlwaysPreTouch");

	/**
	 * The settings of a mode, with the overrides of {@code BENCH_WARMUP},
	 * {@code BENCH_DURATION}, {@code BENCH_ROUNDS}, {@code BENCH_TLS_WARMUP},
	 * {@code BENCH_TLS_WARMUP_MAX}, {@code BENCH_TLS_DURATION}, {@code BENCH_TLS_ROUNDS},
	 * {@code BENCH_WEBFLUX_WARMUP}, {@code BENCH_WEBFLUX_ROUNDS},
	 * {@code BENCH_PROTOCOLS_WARMUP}, {@code BENCH_PROTOCOLS_DURATION},
	 * {@code BENCH_PROTOCOLS_ROUNDS}, {@code SERVER_CPU} and {@code CLIENT_CPU} from the
	 * environment.
	 */
	static Settings of(String mode, String only, Map<String, String> env) {
		List<String> parts = Arrays.stream(only.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
		for (String part : parts) {
			if (!PARTS.contains(part)) {
				throw new IllegalArgumentException(
						"ONLY: unknown part '" + part + "' (" + String.join(", ", PARTS) + ")");
			}
		}
		String server = env.getOrDefault("SERVER_CPU", "0");
		String client = env.getOrDefault("CLIENT_CPU", "1");
		return switch (mode) {
			case "quick" -> new Settings(mode, parts, server, client, get(env, "BENCH_WARMUP", 4),
					get(env, "BENCH_DURATION", 6), get(env, "BENCH_ROUNDS", 3), 1, 10, 1, 420,
					List.of("starter", "rn-default"), get(env, "BENCH_TLS_WARMUP", 8), get(env, "BENCH_TLS_WARMUP", 25),
					get(env, "BENCH_TLS_WARMUP_MAX", 45), get(env, "BENCH_TLS_DURATION", 3),
					get(env, "BENCH_TLS_ROUNDS", 3), List.of("ec-tls13"), 64, 10_000, 10_000, 4, 64, 5, 4, 7,
					get(env, "BENCH_WEBFLUX_WARMUP", 60), get(env, "BENCH_WEBFLUX_ROUNDS", 5), SERVER_JVM_OPTIONS,
					get(env, "BENCH_PROTOCOLS_WARMUP", 3), get(env, "BENCH_PROTOCOLS_DURATION", 3),
					get(env, "BENCH_PROTOCOLS_ROUNDS", 3));
			case "full" -> new Settings(mode, parts, server, client, get(env, "BENCH_WARMUP", 10),
					get(env, "BENCH_DURATION", 10), get(env, "BENCH_ROUNDS", 7), 3, 120, 3, 7200,
					List.of("starter", "rn-default", "rn-tuned", "webflux", "vertx-1", "netty"),
					get(env, "BENCH_TLS_WARMUP", 20), get(env, "BENCH_TLS_WARMUP", 60),
					get(env, "BENCH_TLS_WARMUP_MAX", 150), get(env, "BENCH_TLS_DURATION", 10),
					get(env, "BENCH_TLS_ROUNDS", 5), List.of("ec-tls13", "rsa-tls13", "ec-tls12", "rsa-tls12"), 64,
					10_000, 10_000, 4, 64, 5, 4, 7, get(env, "BENCH_WEBFLUX_WARMUP", 180),
					get(env, "BENCH_WEBFLUX_ROUNDS", 9), SERVER_JVM_OPTIONS, get(env, "BENCH_PROTOCOLS_WARMUP", 8),
					get(env, "BENCH_PROTOCOLS_DURATION", 8), get(env, "BENCH_PROTOCOLS_ROUNDS", 5));
			default -> throw new IllegalArgumentException("usage: run.sh [quick|full]");
		};
	}

	private static int get(Map<String, String> env, String name, int fallback) {
		String value = env.get(name);
		return (value == null || value.isBlank()) ? fallback : Integer.parseInt(value.trim());
	}

	/** Whether this run includes that part. */
	boolean runs(String part) {
		return this.only.contains(part);
	}

	/**
	 * Why a part has no results: not run, or (in the results of a run that ended early)
	 * not reached.
	 */
	String missing(String part) {
		return runs(part) ? "not measured (the run ended before this part)"
				: "not run (ONLY=" + String.join(",", this.only) + ")";
	}

	/** Whether every part is run. */
	boolean runsAll() {
		return this.only.containsAll(PARTS);
	}

	/** Both CPU lists, for what runs on both sides. */
	String bothCpus() {
		return this.serverCpu + "," + this.clientCpu;
	}

}
