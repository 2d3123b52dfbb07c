package dev.nettybind.benchmarks.runner;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What h2load printed, with the line of the preloaded {@code tls-fresh-handshakes.c}.
 *
 * @param rate requests per second ({@code finished in ..., <rate> req/s}); each request
 * on its own connection, so handshakes per second
 * @param errors failed requests and 4xx and 5xx responses
 * @param handshakes completed handshakes, as the preloaded library counted them (0 if it
 * did not report)
 * @param resumed handshakes that resumed a session; -1 if the preloaded library did not
 * report (then nothing says they were full handshakes)
 * @param protocol the {@code TLS Protocol} h2load reported, or empty
 * @param cipher the {@code Cipher} h2load reported, or empty
 */
record H2loadOutput(double rate, long errors, long handshakes, long resumed, String protocol, String cipher) {

	private static final Pattern RATE = Pattern.compile("(?m)^finished in \\S+, ([\\d.]+) req/s");

	private static final Pattern FAILED = Pattern.compile("(?m)^requests:.* (\\d+) failed");

	private static final Pattern STATUS = Pattern.compile("(?m)^status codes:.* (\\d+) 4xx, (\\d+) 5xx");

	private static final Pattern HANDSHAKES = Pattern.compile("(?m)^TLS-HANDSHAKES completed=(\\d+) resumed=(\\d+)");

	private static final Pattern PROTOCOL = Pattern.compile("(?m)^TLS Protocol: (.+)$");

	private static final Pattern CIPHER = Pattern.compile("(?m)^Cipher: (.+)$");

	static H2loadOutput parse(String text) {
		Matcher rate = RATE.matcher(text);
		long errors = 0;
		Matcher failed = FAILED.matcher(text);
		if (failed.find()) {
			errors += Long.parseLong(failed.group(1));
		}
		Matcher status = STATUS.matcher(text);
		if (status.find()) {
			errors += Long.parseLong(status.group(1)) + Long.parseLong(status.group(2));
		}
		Matcher handshakes = HANDSHAKES.matcher(text);
		boolean reported = handshakes.find();
		return new H2loadOutput(rate.find() ? Double.parseDouble(rate.group(1)) : 0, errors,
				reported ? Long.parseLong(handshakes.group(1)) : 0, reported ? Long.parseLong(handshakes.group(2)) : -1,
				first(PROTOCOL, text), first(CIPHER, text));
	}

	private static String first(Pattern pattern, String text) {
		Matcher matcher = pattern.matcher(text);
		return matcher.find() ? matcher.group(1).trim() : "";
	}

}
