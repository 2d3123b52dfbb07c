package dev.nettybind.benchmarks.runner;

/** Progress lines on standard output, each with the seconds since the run started. */
final class RunLog {

	private final long started;

	/** @param started when the run started, in epoch ms: run.sh's start, the build included */
	RunLog(long started) {
		this.started = started;
	}

	void line(String format, Object... args) {
		System.out.printf("[%4ds] %s%n", seconds(), String.format(format, args));
		System.out.flush();
	}

	long seconds() {
		return (System.currentTimeMillis() - this.started) / 1000;
	}

}
