package dev.nettybind.benchmarks.runner;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Results of a made-up quick run, with round numbers that are easy to check by hand. */
final class ResultsFixture {

	private ResultsFixture() {
	}

	static Results all() {
		Settings settings = Settings.of("quick", "bind,plaintext,tls,webflux,protocols", Map.of());
		Map<String, String> versions = new LinkedHashMap<>();
		versions.put("spring boot", "4.0.7");
		versions.put("wrk", "debian/4.1.0-3+b2");
		Results.RunInfo run = new Results.RunInfo("2026-12-02 15:00 UTC", "benchmarks/run.sh quick", "commit abc1234",
				"2 CPUs, AMD EPYC, 23 GiB, 6.18.44", "OpenJDK Runtime Environment (build 17.0.15+6)", versions,
				"benchmarks/target/runs/20261202T150000Z-quick", 420, settings);
		return new Results(run, plaintext(), bind(), tls(), webflux(), protocols());
	}

	private static Results.Plaintext plaintext() {
		List<Results.ContenderRounds> contenders = new ArrayList<>();
		// The baseline is steady; the starter is at 1.10 of it by medians and per round.
		contenders.add(contender("starter", "starter, 1 server", 110_000, 100_000, 120_000));
		contenders.add(contender("rn-default", "Reactor Netty, defaults", 100_000, 100_000, 100_000));
		contenders.add(contender("rn-tuned", "Reactor Netty, tuned", 100_000, 105_000, 110_000));
		contenders.add(contender("vertx-1", "Vert.x 5, 1 instance", 120_000, 110_000, 130_000));
		contenders.add(contender("shared-4", "starter, shared group of 4", 108_000, 99_000, 118_000));
		// The access log costs a tenth.
		contenders.add(contender("starter-access-log", "starter, access log on", 99_000, 90_000, 108_000));
		// In the ordinary application: 1.04 of Vert.x by medians; its shared group at 1.00 of
		// it by medians but 0.96 per round (1.00, 0.96, 0.96).
		contenders.add(contender("ordinary", "ordinary app, 1 server", 125_000, 120_000, 130_000));
		contenders.add(contender("ordinary-shared-4", "ordinary app, shared group of 4", 125_000, 115_200, 124_800));
		Map<String, Long> members = new LinkedHashMap<>();
		for (int i = 1; i <= 4; i++) {
			members.put("member-" + i, (i == 4) ? 2_600L : 2_466L);
		}
		Results.Fairness fairness = new Results.Fairness(members, "CHURN ok=10000 failed=0 ms=1900");
		Results.Memory memory = new Results.Memory(null,
				List.of(new Results.MemoryRow("starter", "starter, 1 server", 10_000, 69, 2_401)));
		return new Results.Plaintext(contenders, fairness, memory);
	}

	private static Results.ContenderRounds contender(String id, String label, double... rps) {
		List<PlaintextRound> rounds = new ArrayList<>();
		for (double r : rps) {
			rounds.add(new PlaintextRound(r, 409, 1_410, 0, 0.5));
		}
		return new Results.ContenderRounds(id, label, rounds);
	}

	private static List<BindTiming> bind() {
		List<BindTiming> bind = new ArrayList<>();
		for (String cpus : List.of("0", "0,1")) {
			long scale = cpus.equals("0") ? 2 : 1;
			for (int servers : List.of(0, 1, 10, 100)) {
				bind.add(new BindTiming(cpus, servers, 100, scale * (1_000 + 10L * servers), scale * (1_100 + 10L * servers),
						servers, 0.0));
			}
		}
		return bind;
	}

	private static Results.Tls tls() {
		Results.TlsWarmUp warm = new Results.TlsWarmUp(20, true, 2_700, List.of(2_000.0, 2_650.0, 2_700.0, 2_710.0),
				"TLSv1.3", "TLS_AES_128_GCM_SHA256");
		List<TlsRound> openssl = List.of(new TlsRound(2_700, 45, 100, 6_000, 8_100, 0, 0.0, 0),
				new TlsRound(2_600, 44, 100, 5_900, 7_800, 0, 0.0, 0),
				new TlsRound(2_800, 46, 100, 6_100, 8_400, 0, 0.0, 0));
		List<TlsRound> jdk = List.of(new TlsRound(1_400, 100, 64, 1_400, 4_200, 0, 0.0, 0),
				new TlsRound(1_300, 100, 60, 1_300, 3_900, 0, 0.0, 0),
				new TlsRound(1_400, 100, 64, 1_400, 4_200, 0, 0.0, 0));
		Map<String, String> engines = new LinkedHashMap<>();
		engines.put("openssl", "ReferenceCountedOpenSslEngine x8100");
		engines.put("jdk", "SSLEngineImpl x4200");
		return new Results.Tls(engines, List.of(new Results.TlsVariant("ec-tls13", "EC P-256, TLS 1.3",
				new Results.TlsProvider(warm, openssl), new Results.TlsProvider(warm, jdk))));
	}

	private static Results.WebFlux webflux() {
		// Per round 1.05, 1.00, 0.95 (median 1.00) and 1.00, 0.98, 0.96 (median 0.98).
		return new Results.WebFlux(List.of(
				new Results.WebFluxVariant("plain", "router function only", rounds(40_000, 40_000, 40_000),
						rounds(42_000, 40_000, 38_000)),
				new Results.WebFluxVariant("on-server-routes", "with @OnServer content of another server",
						rounds(50_000, 50_000, 50_000), rounds(50_000, 49_000, 48_000))));
	}

	private static List<PlaintextRound> rounds(double... rps) {
		List<PlaintextRound> rounds = new ArrayList<>();
		for (double r : rps) {
			rounds.add(new PlaintextRound(r, 1_500, 4_000, 0, 0.5));
		}
		return rounds;
	}

	private static Results.Protocols protocols() {
		Map<String, String> engines = new LinkedHashMap<>();
		engines.put("starter", "ReferenceCountedOpenSslEngine x128");
		engines.put("starter-jdk", "SSLEngineImpl x64");
		engines.put("rn-tuned", "ReferenceCountedOpenSslEngine x128");
		engines.put("vertx-1", "ReferenceCountedOpenSslEngine x128");
		String h2 = "h2load -c64 -m8 -D 3 ";
		String h1 = "h2load --h1 -c64 -m1 -D 3 ";
		return new Results.Protocols(engines, List.of(
				// Per round 1.00, 0.90, 1.10 against tuned Reactor Netty: 1.00 either way.
				new Results.Scenario("h2c", "HTTP/2, h2c (prior knowledge)", h2 + "http://127.0.0.1:PORT/plaintext",
						List.of(load("starter", "starter, 1 server", "", 100_000, 90_000, 110_000),
								load("rn-tuned", "Reactor Netty, tuned", "", 100_000, 100_000, 100_000),
								load("vertx-1", "Vert.x 5, 1 instance", "", 125_000, 120_000, 130_000))),
				new Results.Scenario("h2", "HTTP/2 over TLS (ALPN h2)", h2 + "https://127.0.0.1:PORT/plaintext",
						List.of(load("starter", "starter, 1 server", "TLSv1.3", 48_000, 48_000, 48_000),
								load("rn-tuned", "Reactor Netty, tuned", "TLSv1.3", 50_000, 50_000, 50_000),
								load("vertx-1", "Vert.x 5, 1 instance", "TLSv1.3", 60_000, 60_000, 60_000))),
				new Results.Scenario("tls13-kept", "HTTP/1.1 over TLS 1.3, kept connections",
						h1 + "https://127.0.0.1:PORT/plaintext",
						List.of(load("starter", "starter, 1 server", "TLSv1.3", 40_000, 40_000, 40_000),
								load("starter-jdk", "starter, JDK TLS provider", "TLSv1.3", 30_000, 30_000, 30_000),
								load("vertx-1", "Vert.x 5, 1 instance", "TLSv1.3", 38_000, 40_000, 42_000),
								load("rn-tuned", "Reactor Netty, tuned", "TLSv1.3", 41_000, 41_000, 41_000))),
				new Results.Scenario("post-1m", "POST of 1 MiB, body counted",
						h1 + "-d body-post-1m.bin http://127.0.0.1:PORT/count",
						List.of(load("starter", "starter, 1 server", "", 900, 900, 900),
								load("rn-tuned", "Reactor Netty, tuned", "", 1_000, 1_000, 1_000)))));
	}

	private static Results.LoadRounds load(String id, String label, String protocol, double... rps) {
		List<LoadRound> rounds = new ArrayList<>();
		for (double r : rps) {
			rounds.add(new LoadRound(r, 0, 99, 60, 0.5, protocol));
		}
		return new Results.LoadRounds(id, label, rounds);
	}

}
