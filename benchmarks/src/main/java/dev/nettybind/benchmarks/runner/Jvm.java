package dev.nettybind.benchmarks.runner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What a running server JVM holds, read with {@code jcmd} and {@code /proc}. */
final class Jvm {

	private static final Pattern HEAP_USED = Pattern.compile("total \\d+K, used (\\d+)K");

	// "<num>: <instances> <bytes> <class> (<module>)"; the engines' inner classes do not count.
	private static final Pattern TLS_ENGINE = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+\\d+\\s+"
			+ "(io\\.netty\\.handler\\.ssl\\.(?:ReferenceCounted)?OpenSslEngine|sun\\.security\\.ssl\\.SSLEngineImpl)(?=\\s|$)");

	/** What {@link #tlsEngines} says of a histogram without a TLS engine. */
	static final String NONE_FOUND = "none found";

	private final Launcher launcher;

	Jvm(Launcher launcher) {
		this.launcher = launcher;
	}

	/** The heap used after a full GC, in KiB. */
	long heapUsedKb(long pid) throws IOException, InterruptedException {
		this.launcher.output(List.of("jcmd", String.valueOf(pid), "GC.run"));
		Thread.sleep(1000);
		return heapUsed(this.launcher.output(List.of("jcmd", String.valueOf(pid), "GC.heap_info")));
	}

	/** The sum of the {@code used} sizes of {@code GC.heap_info}'s lines, in KiB. */
	static long heapUsed(String heapInfo) {
		long used = 0;
		Matcher matcher = HEAP_USED.matcher(heapInfo);
		while (matcher.find()) {
			used += Long.parseLong(matcher.group(1));
		}
		return used;
	}

	static long rssKb(long pid) throws IOException {
		for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
			if (line.startsWith("VmRSS:")) {
				return Long.parseLong(line.substring(6).trim().split("\\s+")[0]);
			}
		}
		throw new IllegalStateException("no VmRSS for process " + pid);
	}

	/** The class histogram of the heap, unreachable objects included. */
	String classHistogram(long pid) throws IOException, InterruptedException {
		return this.launcher.output(List.of("jcmd", String.valueOf(pid), "GC.class_histogram", "-all"));
	}

	/**
	 * The TLS engine classes in a class histogram and how many instances, such as
	 * {@code OpenSslEngine x1234}: the histogram counts unreachable objects too, so the
	 * engines of closed connections show.
	 */
	static String tlsEngines(String histogram) {
		List<String> engines = new ArrayList<>();
		for (String line : histogram.split("\n")) {
			Matcher matcher = TLS_ENGINE.matcher(line);
			if (matcher.find()) {
				String name = matcher.group(2);
				engines.add(name.substring(name.lastIndexOf('.') + 1) + " x" + matcher.group(1));
			}
		}
		return engines.isEmpty() ? NONE_FOUND : String.join(", ", engines);
	}

}
