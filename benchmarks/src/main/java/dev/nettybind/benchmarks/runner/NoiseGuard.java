package dev.nettybind.benchmarks.runner;

import java.io.IOException;
import java.util.function.ToDoubleFunction;

/**
 * Keeps other processes of a shared machine out of the numbers: waits for a quiet
 * machine before each measurement and repeats one during which other processes took more
 * than {@link Settings#foreignLimitPct()} % of a CPU, up to {@link Settings#retries()}
 * times; past the time budget nothing waits or repeats any more.
 */
final class NoiseGuard {

	private final Settings settings;

	private final RunLog log;

	NoiseGuard(Settings settings, RunLog log) {
		this.settings = settings;
		this.log = log;
	}

	/**
	 * Measures until a measurement stands.
	 *
	 * @param what what is measured, for the log
	 * @param measurement takes one measurement, given the attempt (from 0)
	 * @param foreignPct the CPU, in % of one CPU, that other processes took during it
	 */
	<T> T measure(String what, Attempt<T> measurement, ToDoubleFunction<T> foreignPct)
			throws IOException, InterruptedException {
		for (int attempt = 0;; attempt++) {
			waitQuiet();
			T result = measurement.take(attempt);
			double foreign = foreignPct.applyAsDouble(result);
			if (keep(foreign, attempt)) {
				return result;
			}
			this.log.line("   %s: other processes took %.1f%% of a CPU meanwhile: repeating it", what, foreign);
		}
	}

	/** One measurement, given the attempt (from 0). */
	interface Attempt<T> {

		T take(int attempt) throws IOException, InterruptedException;

	}

	boolean keep(double foreignPct, int attempt) {
		return foreignPct <= this.settings.foreignLimitPct() || attempt >= this.settings.retries() || overBudget();
	}

	boolean overBudget() {
		return this.log.seconds() > this.settings.budget();
	}

	/**
	 * Waits until the machine was idle for a second (the idle servers use about 1% of a
	 * CPU), at most {@link Settings#quietMax()} seconds; a measurement that follows a
	 * busy second is checked on its own.
	 */
	void waitQuiet() throws InterruptedException {
		for (int waited = 0;; waited++) {
			long busy = Cpu.busyOverOneSecond();
			if (busy <= this.settings.foreignLimitPct() || overBudget()) {
				return;
			}
			if (waited == 0) {
				this.log.line("   the machine is busy (%d%% of a CPU): waiting for quiet (at most %d s)", busy,
						this.settings.quietMax());
			}
			if (waited + 1 >= this.settings.quietMax()) {
				return;
			}
		}
	}

}
