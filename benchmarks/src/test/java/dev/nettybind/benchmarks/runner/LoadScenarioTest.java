package dev.nettybind.benchmarks.runner;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class LoadScenarioTest {

	@Test
	void everyScenarioStartsWithTheStarterAndNamesOnlyContendersOfThePart() {
		List<String> ids = Contender.protocols().stream().map(Contender::id).toList();
		assertEquals(List.of("h2c", "h2", "tls13-kept", "post-4k", "post-1m"),
				LoadScenario.all().stream().map(LoadScenario::id).toList());
		for (LoadScenario scenario : LoadScenario.all()) {
			assertEquals("starter", scenario.contenders().get(0), scenario.id());
			assertTrue(ids.containsAll(scenario.contenders()), scenario.id());
		}
	}

	@Test
	void h2loadCommandHasTheDurationTheBodyAndTheScheme() {
		Map<String, LoadScenario> scenarios = Map.of("h2c", LoadScenario.all().get(0), "h2",
				LoadScenario.all().get(1), "post-1m", LoadScenario.all().get(4));
		assertEquals(List.of("h2load", "-c64", "-m8", "-D", "8", "http://127.0.0.1:18151/plaintext"),
				scenarios.get("h2c").h2load("/runs/x", 18151, 8));
		assertEquals(List.of("h2load", "-c64", "-m8", "-D", "8", "https://127.0.0.1:18152/plaintext"),
				scenarios.get("h2").h2load("/runs/x", 18152, 8));
		assertEquals(List.of("h2load", "--h1", "-c64", "-m1", "-D", "3", "-d", "/runs/x/body-post-1m.bin",
				"http://127.0.0.1:18151/count"), scenarios.get("post-1m").h2load("/runs/x", 18151, 3));
		assertEquals("h2load --h1 -c64 -m1 -D 3 -d body-post-1m.bin http://127.0.0.1:PORT/count",
				scenarios.get("post-1m").shown(3));
		assertEquals(1 << 20, scenarios.get("post-1m").bodyBytes());
	}

	@Test
	void theSecurePortIsFilledInBeforeThePort() {
		Contender vertx = Contender.protocols().stream().filter(c -> c.id().equals("vertx-1")).findFirst().orElseThrow();
		assertEquals(List.of("18151", "1", "18152", "/runs/x/bench.p12", TlsBench.PASSWORD, "ec"),
				vertx.argsFor(18151, 18152, "/runs/x/bench.p12"));
		Contender jdk = Contender.protocols()
			.stream()
			.filter(c -> c.id().equals(Contender.STARTER_JDK))
			.findFirst()
			.orElseThrow();
		assertTrue(jdk.argsFor(18153, 18154, "/s.p12").contains("--bind.servers.secure.port=18154"));
		assertTrue(jdk.argsFor(18153, 18154, "/s.p12").contains("--bind.certificate-database.location=file:/s.p12"));
		assertEquals(List.of("-Dio.netty.handler.ssl.noOpenSsl=true"), jdk.jvmOptions());
	}

	@Test
	void bodiesArePrintableAndOfTheirSize() {
		byte[] body = ProtocolsBench.body(4096);
		assertEquals(4096, body.length);
		assertEquals('a', body[0]);
		assertEquals('z', body[25]);
	}

}
