package dev.nettybind.benchmarks.runner;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MarkdownReportTest {

	private final String report = MarkdownReport.render(ResultsFixture.all());

	@Test
	void plaintextRowHasMediansSpreadAndBothRatios() {
		// Medians 110,000 and 100,000; per round 1.10, 1.00, 1.20: median 1.10.
		assertContains("| starter, 1 server | 110,000 | 100,000..120,000 | 0.409 | 1.410 | 1.10 | 1.10 | 0 | 0.5 |");
		assertContains("| contender | req/s (median) | min..max of 3 rounds | p50 ms | p99 ms | vs RN defaults "
				+ "| per round vs RN defaults | errors | noise% |");
		assertContains("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
	}

	@Test
	void fairnessTableHasAColumnPerMember() {
		assertContains("| member-1 | member-2 | member-3 | member-4 | max/min |");
		assertContains("| 2,466 | 2,466 | 2,466 | 2,600 | 1.05 |");
	}

	@Test
	void bindTableHasMediansPerCpusAndServers() {
		assertContains("| 1 (CPU 0) | none | 100 | 2,000 | 2,200 | – | 0.0 |");
		assertContains("| 2 (CPU 0,1) | 100 | 100 | 2,000 | 2,100 | 100 | 0.0 |");
	}

	@Test
	void memoryRowAddsRssAndHeap() {
		assertContains("| starter, 1 server | 10,000 | 69 | 2,401 | 2,470 |");
	}

	@Test
	void tlsTablesHaveBothProvidersAndTheirRatios() {
		assertContains("| EC P-256, TLS 1.3 | OpenSSL | 2,700 | 2,600..2,800 | 45 | 100 | 6,000 | 0 | 0 | 0.0 |");
		assertContains("| EC P-256, TLS 1.3 | JDK | 1,400 | 1,300..1,400 | 100 | 64 | 1,400 | 0 | 0 | 0.0 |");
		// Medians 2,700 / 1,400; per round 1.93, 2.00, 2.00; per server CPU-second 6,000 / 1,400.
		assertContains("| EC P-256, TLS 1.3 | 1.93 | 2.00 | 4.29 |");
		assertContains("| EC P-256, TLS 1.3 | OpenSSL | 20 s, levelled at 2,700 hs/s | TLSv1.3, TLS_AES_128_GCM_SHA256 |");
	}

	@Test
	void webfluxTableHasBothServersOfEachApplicationAndTheirRatio() {
		assertContains("| router function only | Boot's server | 40,000 | 40,000..40,000 | 1.500 | 4.000 | 0 | 0.5 |");
		assertContains("| router function only | bind server | 40,000 | 38,000..42,000 | 1.500 | 4.000 | 0 | 0.5 |");
		assertContains("| with @OnServer content of another server | bind / Boot | 0.98 | per round 0.98 |  |  |  |  |");
	}

	@Test
	void targetsAreCheckedOnTheValuesShown() {
		assertContains("| starter / bare Reactor Netty (defaults) >= 1.30 | 1.10 | 1.10 | MISSED |  |");
		// Medians 110,000 / 105,000; per round 1.10, 0.95, 1.09: median 1.09.
		assertContains("| starter / bare Reactor Netty (tuned) >= 0.97 | 1.05 | 1.09 | met |  |");
		assertContains("| fairness max/min over 10000 connections <= 1.10 | 1.05 |  | met |  |");
		assertContains("| 100 servers: main -> all accepting, 1 CPU (s) < 2 | 4.00 |  | MISSED "
				+ "| launch -> all accepting 4200 ms |");
		assertContains("| OpenSSL / JDK TLS handshakes (EC, TLS 1.3) >= 1.5 | 1.93 | 2.00 | met "
				+ "| per server CPU-second 4.29; client-bound: h2load at 100% of its core, the OpenSSL server at 45%: "
				+ "a lower bound |");
		assertContains("| WebFlux, bind server / Boot's server, per round (plain) >= 1.00 | 1.00 | 1.00 | met "
				+ "| ratio of the medians 1.00 |");
		assertContains("| WebFlux, bind server / Boot's server, per round (on-server-routes) >= 1.00 | 0.98 | 0.98 "
				+ "| MISSED | ratio of the medians 0.98 |");
		assertContains("| starter with / without its access log >= 0.80 | 0.90 | 0.90 | met |  |");
		assertContains("| HTTP/2 h2c: starter / bare Reactor Netty (tuned) >= 1.00 | 1.00 | 1.00 | met |  |");
		assertContains("| HTTP/2 h2 (TLS): starter / bare Reactor Netty (tuned) >= 1.00 | 0.96 | 0.96 | MISSED |  |");
		assertContains("| TLS 1.3 kept connections: starter / Vert.x 5, both OpenSSL >= 1.00 | 1.00 | 1.00 | met |  |");
		assertContains("SUMMARY: 9 targets met, 7 missed, 0 not measured (quick run, 420 s)");
	}

	@Test
	void ordinaryApplicationRowsAndTargets() {
		// Per round 1.25, 1.20, 1.30 of Reactor Netty.
		assertContains("| ordinary app, 1 server | 125,000 | 120,000..130,000 | 0.409 | 1.410 | 1.25 | 1.25 | 0 | 0.5 |");
		// Medians 125,000 / 120,000; per round 1.04, 1.09, 1.00: median 1.04.
		assertContains("| 17.1 ordinary application starter / Vert.x 5 single instance >= 1.00 | 1.04 | 1.04 | met |  |");
		// The verdict is on the per-round median, 0.96, not on the ratio of the medians, 1.00.
		assertContains("| 17.2 ordinary application shared group of 4 / one server, per round >= 0.98 | 0.96 | 0.96 "
				+ "| MISSED | ratio of the medians 1.00 |");
	}

	@Test
	void targetsOfContendersARunDidNotHaveAreNotMeasured() {
		Results results = ResultsFixture.all();
		Results.Plaintext p = results.plaintext();
		Results.Plaintext older = new Results.Plaintext(
				p.contenders().stream().filter(c -> !c.id().startsWith("ordinary")).toList(), p.fairness(), p.memory());
		String text = MarkdownReport.render(results.withPlaintext(older));
		assertTrue(text.contains("| 17.1 ordinary application starter / Vert.x 5 single instance >= 1.00 | n/a |  "
				+ "| NOT MEASURED | ordinary has no rounds in this run |"), text);
		assertTrue(text.contains("| 17.2 ordinary application shared group of 4 / one server, per round >= 0.98 | n/a "
				+ "|  | NOT MEASURED | ordinary-shared-4 has no rounds in this run |"), text);
	}

	@Test
	void partsNotRunAreSaidSoAndTheirTargetsNotMeasured() {
		Results results = ResultsFixture.all();
		Settings only = Settings.of("quick", "bind", java.util.Map.of());
		Results.RunInfo r = results.run();
		Results bindOnly = new Results(new Results.RunInfo(r.date(), r.command(), r.starter(), r.machine(), r.java(),
				r.versions(), r.logs(), r.seconds(), only), null, results.bind(), null, null);
		String text = MarkdownReport.render(bindOnly);
		assertTrue(text.contains("Plaintext throughput, shared-group fairness, memory per idle connection: "
				+ "not run (ONLY=bind)"), text);
		assertTrue(text.contains("| starter / Vert.x 5 single instance >= 1.00 | n/a |  | NOT MEASURED "
				+ "| not run (ONLY=bind) |"), text);
		assertTrue(text.contains("SUMMARY: 0 targets met, 2 missed, 14 not measured (quick run, ONLY=bind, 420 s)"),
				text);
		assertTrue(text.contains("HTTP/2, TLS 1.3 on kept connections, request bodies: not run (ONLY=bind)"), text);
		assertFalse(text.contains("## Memory"), text);
		assertTrue(text.contains("WebFlux on a bind server vs on Boot's own server: not run (ONLY=bind)"), text);
	}

	@Test
	void partsARunDidNotReachAreToldFromPartsNotRun() {
		String text = MarkdownReport.render(ResultsFixture.all().withTls(null));
		assertTrue(text.contains("TLS handshakes/s, OpenSSL vs JDK provider: "
				+ "not measured (the run ended before this part)"), text);
		assertTrue(text.contains("| OpenSSL / JDK TLS handshakes (EC, TLS 1.3) >= 1.5 | n/a |  | NOT MEASURED "
				+ "| not measured (the run ended before this part) |"), text);
	}

	@Test
	void resumedHandshakesMakeTheTlsTargetNotMeasured() {
		Results results = ResultsFixture.all();
		Results.TlsVariant v = results.tls().variants().get(0);
		java.util.List<TlsRound> resumed = v.jdk()
			.rounds()
			.stream()
			.map(t -> new TlsRound(t.rate(), t.serverCpuPct(), t.clientCpuPct(), t.perServerCpuSecond(), t.handshakes(),
					t.errors(), t.foreignPct(), 3))
			.toList();
		Results.Tls tls = new Results.Tls(results.tls().engines(), java.util.List.of(new Results.TlsVariant(v.variant(),
				v.label(), v.openssl(), new Results.TlsProvider(v.jdk().warmUp(), resumed))));
		String text = MarkdownReport.render(results.withTls(tls));
		assertTrue(text.contains("| OpenSSL / JDK TLS handshakes (EC, TLS 1.3) >= 1.5 | n/a |  | NOT MEASURED "
				+ "| some handshakes resumed a session (or were not counted): not full handshakes |"), text);
		assertTrue(text.contains("| EC P-256, TLS 1.3 | JDK | 1,400 | 1,300..1,400 | 100 | 64 | 1,400 | 9 | 0 | 0.0 |"),
				text);
	}

	@Test
	void protocolsTablesHaveEveryContenderOfAScenarioAndTheStarterOverEach() {
		assertContains("### h2c: HTTP/2, h2c (prior knowledge)");
		assertContains("`h2load -c64 -m8 -D 3 http://127.0.0.1:PORT/plaintext`");
		assertContains("| contender | req/s (median) | min..max of 3 rounds | starter / this | per round "
				+ "| server CPU % | h2load CPU % | errors | noise% | TLS |");
		// Medians 100,000 and 125,000; per round 0.80, 0.75, 0.85: median 0.80.
		assertContains("| Vert.x 5, 1 instance | 125,000 | 120,000..130,000 | 0.80 | 0.80 | 99 | 60 | 0 | 0.5 | – |");
		assertContains("| starter, 1 server | 100,000 | 90,000..110,000 | 1.00 | 1.00 | 99 | 60 | 0 | 0.5 | – |");
		// 40,000 over the JDK provider's 30,000.
		assertContains("| starter, JDK TLS provider | 30,000 | 30,000..30,000 | 1.33 | 1.33 | 99 | 60 | 0 | 0.5 "
				+ "| TLSv1.3 |");
		assertContains("| Reactor Netty, tuned | 1,000 | 1,000..1,000 | 0.90 | 0.90 | 99 | 60 | 0 | 0.5 | – |");
		assertTrue(this.report.contains("TLS engines in the heaps: starter: ReferenceCountedOpenSslEngine x128; "
				+ "starter-jdk: SSLEngineImpl x64;"), this.report);
	}

	@Test
	void theTls13TargetNeedsTls13AndOpenSslOnBothSides() {
		Results results = ResultsFixture.all();
		Results.Protocols p = results.protocols();
		java.util.Map<String, String> engines = new java.util.LinkedHashMap<>(p.engines());
		engines.put("vertx-1", "SSLEngineImpl x64");
		String text = MarkdownReport.render(results.withProtocols(new Results.Protocols(engines, p.scenarios())));
		assertTrue(text.contains("| TLS 1.3 kept connections: starter / Vert.x 5, both OpenSSL >= 1.00 | n/a |  "
				+ "| NOT MEASURED | vertx-1 did not use OpenSSL: SSLEngineImpl x64 |"), text);
		java.util.List<Results.Scenario> tls12 = p.scenarios()
			.stream()
			.map(s -> new Results.Scenario(s.id(), s.label(), s.command(), s.contenders()
				.stream()
				.map(c -> new Results.LoadRounds(c.id(), c.label(), c.rounds()
					.stream()
					.map(r -> new LoadRound(r.rps(), r.errors(), r.serverCpuPct(), r.clientCpuPct(), r.foreignPct(),
							r.protocol().isEmpty() ? "" : "TLSv1.2"))
					.toList()))
				.toList()))
			.toList();
		text = MarkdownReport.render(results.withProtocols(new Results.Protocols(p.engines(), tls12)));
		assertTrue(text.contains("| NOT MEASURED | not every round negotiated TLS 1.3 |"), text);
	}

	private void assertContains(String line) {
		assertTrue(this.report.contains(line + "\n"), () -> "no line\n" + line + "\nin\n" + this.report);
	}

}
