package dev.nettybind.benchmarks.runner;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.OptionalDouble;

/**
 * Medians and ratios of measurements. The runs are short and the VM noisy, so the tables
 * report medians, and ratios of two contenders also as the median of their per-round
 * ratios, which cancels the slow stretches that hit both contenders of a round.
 */
final class Stats {

	private Stats() {
	}

	/** The median; the mean of the two middle values of an even count; 0 of none. */
	static double median(Collection<Double> values) {
		if (values.isEmpty()) {
			return 0;
		}
		double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
		int middle = sorted.length / 2;
		return (sorted.length % 2 == 1) ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
	}

	static double min(Collection<Double> values) {
		return values.stream().mapToDouble(Double::doubleValue).min().orElse(0);
	}

	static double max(Collection<Double> values) {
		return values.stream().mapToDouble(Double::doubleValue).max().orElse(0);
	}

	/** {@code a / b}, empty when {@code b} is 0 (not measured). */
	static OptionalDouble ratio(double a, double b) {
		return (b == 0) ? OptionalDouble.empty() : OptionalDouble.of(a / b);
	}

	/**
	 * The median of {@code a[i] / b[i]} over the rounds both have, leaving out those where
	 * {@code b[i]} is 0; empty if none is left.
	 */
	static OptionalDouble medianOfRatios(List<Double> a, List<Double> b) {
		List<Double> ratios = new ArrayList<>();
		for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
			if (b.get(i) > 0) {
				ratios.add(a.get(i) / b.get(i));
			}
		}
		return ratios.isEmpty() ? OptionalDouble.empty() : OptionalDouble.of(median(ratios));
	}

	/**
	 * Whether values levelled off: their median is above 0 and every value lies within
	 * {@code pct} % of it.
	 */
	static boolean levelled(Collection<Double> values, double pct) {
		double median = median(values);
		return median > 0 && values.stream()
			.allMatch(v -> v >= median * (1 - pct / 100) && v <= median * (1 + pct / 100));
	}

}
