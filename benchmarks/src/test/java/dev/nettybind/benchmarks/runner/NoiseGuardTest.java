package dev.nettybind.benchmarks.runner;

import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class NoiseGuardTest {

	// quick: 5% of a CPU at most, 1 repeat, a budget of 420 s.
	private final Settings quick = Settings.of("quick", "plaintext", Map.of());

	@Test
	void keepsAQuietMeasurementAndRepeatsANoisyOneWhileRepeatsAreLeft() {
		NoiseGuard guard = new NoiseGuard(this.quick, new RunLog(System.currentTimeMillis()));
		assertTrue(guard.keep(5.0, 0));
		assertFalse(guard.keep(5.1, 0));
		assertTrue(guard.keep(80.0, 1), "the last attempt stands, however noisy");
	}

	@Test
	void pastTheBudgetNothingIsRepeated() {
		NoiseGuard guard = new NoiseGuard(this.quick, new RunLog(System.currentTimeMillis() - 421_000));
		assertTrue(guard.overBudget());
		assertTrue(guard.keep(80.0, 0));
	}

}
