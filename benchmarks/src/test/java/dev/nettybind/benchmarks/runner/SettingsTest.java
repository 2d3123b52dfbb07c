package dev.nettybind.benchmarks.runner;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SettingsTest {

	@Test
	void quickAndFullHaveTheirRoundsAndVariants() {
		Settings quick = Settings.of("quick", "bind,plaintext,tls", Map.of());
		assertEquals(List.of(4, 6, 3, 1, 420), List.of(quick.warmup(), quick.duration(), quick.rounds(),
				quick.retries(), quick.budget()));
		assertEquals(List.of("ec-tls13"), quick.tlsVariants());
		assertEquals(List.of(60, 5), List.of(quick.webfluxWarmup(), quick.webfluxRounds()));
		assertEquals(List.of(3, 3, 3), List.of(quick.protocolsWarmup(), quick.protocolsDuration(),
				quick.protocolsRounds()));
		Settings full = Settings.of("full", "bind,plaintext,tls,webflux,protocols", Map.of());
		assertEquals(List.of(10, 10, 7, 3, 7200), List.of(full.warmup(), full.duration(), full.rounds(),
				full.retries(), full.budget()));
		assertEquals(4, full.tlsVariants().size());
		assertEquals(List.of(180, 9), List.of(full.webfluxWarmup(), full.webfluxRounds()));
		assertEquals(List.of(8, 8, 5), List.of(full.protocolsWarmup(), full.protocolsDuration(),
				full.protocolsRounds()));
		assertTrue(full.runsAll());
		assertFalse(Settings.of("full", "bind,plaintext,tls,webflux", Map.of()).runsAll());
	}

	@Test
	void environmentOverridesSecondsRoundsAndCpus() {
		Settings s = Settings.of("quick", "plaintext", Map.of("BENCH_ROUNDS", "1", "BENCH_DURATION", "3",
				"BENCH_WARMUP", "2", "BENCH_TLS_WARMUP", "5", "SERVER_CPU", "1", "CLIENT_CPU", "0"));
		assertEquals(List.of(2, 3, 1, 5, 5), List.of(s.warmup(), s.duration(), s.rounds(), s.tlsWarmupOpenssl(),
				s.tlsWarmupJdk()));
		assertEquals("1,0", s.bothCpus());
		Settings protocols = Settings.of("full", "protocols", Map.of("BENCH_PROTOCOLS_WARMUP", "2",
				"BENCH_PROTOCOLS_DURATION", "4", "BENCH_PROTOCOLS_ROUNDS", "6"));
		assertEquals(List.of(2, 4, 6), List.of(protocols.protocolsWarmup(), protocols.protocolsDuration(),
				protocols.protocolsRounds()));
		assertTrue(s.runs("plaintext"));
		assertFalse(s.runs("bind"));
		assertFalse(s.runsAll());
	}

	@Test
	void unknownPartsAndModesAreRefused() {
		assertThrows(IllegalArgumentException.class, () -> Settings.of("quick", "plaintext,memory", Map.of()));
		assertThrows(IllegalArgumentException.class, () -> Settings.of("slow", "bind", Map.of()));
	}

}
