package dev.nettybind.benchmarks.runner;

import java.util.List;
import java.util.OptionalDouble;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StatsTest {

	@Test
	void medianOfAnOddCountIsTheMiddleValue() {
		assertEquals(3.0, Stats.median(List.of(5.0, 1.0, 3.0)));
	}

	@Test
	void medianOfAnEvenCountIsTheMeanOfTheTwoMiddleValues() {
		assertEquals(2.5, Stats.median(List.of(4.0, 1.0, 2.0, 3.0)));
	}

	@Test
	void medianOfNothingIsZero() {
		assertEquals(0.0, Stats.median(List.of()));
	}

	@Test
	void minAndMax() {
		assertEquals(1.0, Stats.min(List.of(5.0, 1.0, 3.0)));
		assertEquals(5.0, Stats.max(List.of(5.0, 1.0, 3.0)));
		assertEquals(0.0, Stats.max(List.of()));
	}

	@Test
	void ratioOverZeroIsNotMeasured() {
		assertEquals(OptionalDouble.of(1.5), Stats.ratio(3, 2));
		assertEquals(OptionalDouble.empty(), Stats.ratio(3, 0));
	}

	@Test
	void medianOfPerRoundRatiosPairsRoundsInOrderAndSkipsZeroRounds() {
		// Ratios 2.0, 0.5, (skipped), 1.0: median 1.0; the median of the medians would be 1.5.
		List<Double> a = List.of(200.0, 50.0, 70.0, 100.0);
		List<Double> b = List.of(100.0, 100.0, 0.0, 100.0);
		assertEquals(1.0, Stats.medianOfRatios(a, b).getAsDouble(), 1e-12);
		assertEquals(OptionalDouble.empty(), Stats.medianOfRatios(a, List.of(0.0)));
	}

	@Test
	void levelledWhenEveryValueIsWithinThePercentOfTheMedian() {
		assertTrue(Stats.levelled(List.of(1000.0, 1060.0, 950.0, 1010.0), 7));
		assertFalse(Stats.levelled(List.of(1000.0, 1080.0, 990.0, 1010.0), 7));
		assertFalse(Stats.levelled(List.of(0.0, 0.0, 0.0, 0.0), 7));
	}

}
