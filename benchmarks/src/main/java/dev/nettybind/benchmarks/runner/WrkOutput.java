package dev.nettybind.benchmarks.runner;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@code wrk --latency} printed: the rate, the median and 99th percentile latency
 * and the failed requests (non-2xx or 3xx responses and socket errors). A value that wrk
 * did not print (it could not connect at all) reads as 0.
 *
 * @param requestsPerSecond {@code Requests/sec}
 * @param p50Micros the 50% line of the latency distribution, in microseconds
 * @param p99Micros the 99% line, in microseconds
 * @param errors non-2xx or 3xx responses plus connect, read, write and timeout errors
 */
record WrkOutput(double requestsPerSecond, double p50Micros, double p99Micros, long errors) {

	private static final Pattern RATE = Pattern.compile("(?m)^Requests/sec:\\s+([\\d.]+)");

	private static final Pattern P50 = Pattern.compile("(?m)^\\s+50%\\s+(\\S+)");

	private static final Pattern P99 = Pattern.compile("(?m)^\\s+99%\\s+(\\S+)");

	private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses:\\s+(\\d+)");

	private static final Pattern SOCKET_ERRORS = Pattern
		.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");

	private static final Pattern DURATION = Pattern.compile("([\\d.]+)(us|ms|s|m|h)?");

	static WrkOutput parse(String text) {
		long errors = 0;
		Matcher non2xx = NON_2XX.matcher(text);
		if (non2xx.find()) {
			errors += Long.parseLong(non2xx.group(1));
		}
		Matcher socket = SOCKET_ERRORS.matcher(text);
		if (socket.find()) {
			for (int i = 1; i <= 4; i++) {
				errors += Long.parseLong(socket.group(i));
			}
		}
		return new WrkOutput(number(RATE, text), micros(P50, text), micros(P99, text), errors);
	}

	private static double number(Pattern pattern, String text) {
		Matcher matcher = pattern.matcher(text);
		return matcher.find() ? Double.parseDouble(matcher.group(1)) : 0;
	}

	private static double micros(Pattern pattern, String text) {
		Matcher line = pattern.matcher(text);
		return line.find() ? micros(line.group(1)) : 0;
	}

	/** A wrk duration such as {@code 401.00us}, {@code 1.41ms} or {@code 1.18s}, in microseconds. */
	static double micros(String duration) {
		Matcher matcher = DURATION.matcher(duration);
		if (!matcher.matches()) {
			throw new IllegalArgumentException("not a wrk duration: " + duration);
		}
		double value = Double.parseDouble(matcher.group(1));
		String unit = (matcher.group(2) != null) ? matcher.group(2) : "us";
		return switch (unit) {
			case "ms" -> value * 1_000;
			case "s" -> value * 1_000_000;
			case "m" -> value * 60_000_000;
			case "h" -> value * 3_600_000_000.0;
			default -> value;
		};
	}

}
