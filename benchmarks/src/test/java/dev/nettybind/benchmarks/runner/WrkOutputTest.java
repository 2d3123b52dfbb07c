package dev.nettybind.benchmarks.runner;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class WrkOutputTest {

	@Test
	void readsRateAndLatencyPercentilesOfARealRun() {
		// wrk 4.1.0 -t1 -c64 -d2s --latency against the starter, captured on 127.0.0.1.
		WrkOutput out = WrkOutput.parse(Samples.read("wrk-latency.txt"));
		assertEquals(2593.46, out.requestsPerSecond(), 1e-9);
		assertEquals(17_440, out.p50Micros(), 1e-6);
		assertEquals(968_160, out.p99Micros(), 1e-6);
		assertEquals(0, out.errors());
	}

	@Test
	void countsNon2xxResponsesAsErrors() {
		// The same against a path the server does not serve: every response a 404.
		WrkOutput out = WrkOutput.parse(Samples.read("wrk-non-2xx.txt"));
		assertEquals(5815, out.errors());
		assertEquals(395, out.p50Micros(), 1e-6);
		assertEquals(8_010, out.p99Micros(), 1e-6);
	}

	@Test
	void countsSocketErrorsOfARealRun() {
		// WebFlux on a saturated machine: wrk prints the line only when there were some.
		WrkOutput out = WrkOutput.parse(Samples.read("wrk-socket-errors.txt"));
		assertEquals(9, out.errors());
		assertEquals(342.11, out.requestsPerSecond(), 1e-9);
		assertEquals(1_460_000, out.p99Micros(), 1e-6);
	}

	@Test
	void addsEverySocketErrorToNon2xxResponses() {
		String text = Samples.read("wrk-non-2xx.txt")
			.replace("  Non-2xx", "  Socket errors: connect 1, read 20, write 300, timeout 4000\n  Non-2xx");
		assertEquals(5815 + 4321, WrkOutput.parse(text).errors());
	}

	@Test
	void readsZeroWhenWrkCouldNotConnect() {
		WrkOutput out = WrkOutput.parse("unable to connect to 127.0.0.1:18199 Connection refused\n");
		assertEquals(new WrkOutput(0, 0, 0, 0), out);
	}

	@Test
	void convertsEveryUnitOfWrkDurations() {
		assertEquals(401, WrkOutput.micros("401.00us"), 1e-9);
		assertEquals(1_410, WrkOutput.micros("1.41ms"), 1e-9);
		assertEquals(1_180_000, WrkOutput.micros("1.18s"), 1e-6);
		assertEquals(120_000_000, WrkOutput.micros("2.00m"), 1e-6);
		assertThrows(IllegalArgumentException.class, () -> WrkOutput.micros("fast"));
	}

}
