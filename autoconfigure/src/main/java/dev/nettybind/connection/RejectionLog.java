package dev.nettybind.connection;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Counts what a server refused of its clients and tells an operator that it happens:
 * each refusal is one DEBUG line where it is found, and this log adds at most one WARN
 * line per server and minute, with the counts by reason since its last line, so that
 * clients cannot flood the log.
 *
 * @author Netty Bind Starter contributors
 */
final class RejectionLog {

	private static final Log logger = LogFactory.getLog(RejectionLog.class);

	private static final long INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

	private final String serverName;

	private final TrafficCounts counts;

	private final AtomicLong nextSummary = new AtomicLong(System.nanoTime());

	private final Map<String, Long> summarized = new LinkedHashMap<>();

	RejectionLog(String serverName, TrafficCounts counts) {
		this.serverName = serverName;
		this.counts = counts;
	}

	/**
	 * Count a refusal, and write the summary if a minute has passed since the last one.
	 * @param reason one of {@link TrafficCounts#REJECTION_REASONS}
	 */
	void rejected(String reason) {
		this.counts.rejected(reason);
		long next = this.nextSummary.get();
		if (System.nanoTime() - next >= 0
				&& this.nextSummary.compareAndSet(next, System.nanoTime() + INTERVAL_NANOS)
				&& logger.isWarnEnabled()) {
			logger.warn(summary());
		}
	}

	private synchronized String summary() {
		Map<String, Long> since = new LinkedHashMap<>();
		for (String reason : TrafficCounts.REJECTION_REASONS) {
			long count = this.counts.rejections(reason);
			long before = this.summarized.getOrDefault(reason, 0L);
			if (count > before) {
				since.put(reason, count - before);
			}
			this.summarized.put(reason, count);
		}
		long total = since.values().stream().mapToLong(Long::longValue).sum();
		return "Server '" + this.serverName + "' refused " + total + " client(s) since its last such line ("
				+ since.entrySet()
					.stream()
					.map((entry) -> entry.getKey() + ": " + entry.getValue())
					.collect(Collectors.joining(", "))
				+ "); at most one line a minute, each refusal is logged at DEBUG by 'dev.nettybind.connection' and "
				+ "counted in bind.server.rejected.";
	}

}
