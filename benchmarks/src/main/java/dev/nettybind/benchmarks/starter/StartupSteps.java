package dev.nettybind.benchmarks.starter;

import java.util.Comparator;
import java.util.List;
import java.util.stream.StreamSupport;

import org.springframework.boot.context.metrics.buffering.BufferingApplicationStartup;
import org.springframework.boot.context.metrics.buffering.StartupTimeline;
import org.springframework.core.metrics.StartupStep;

import dev.nettybind.benchmarks.Plaintext;

/**
 * With {@code -Dbench.startup-steps=N}, prints the N slowest startup steps (bean
 * instantiations and the like) when the application is ready: where startup time goes.
 */
final class StartupSteps {

	private static final String PROPERTY = "bench.startup-steps";

	private StartupSteps() {
	}

	/** Return a recording startup, or {@code null} when the property is not set. */
	static BufferingApplicationStartup recorder() {
		return (Integer.getInteger(PROPERTY, 0) > 0) ? new BufferingApplicationStartup(100_000) : null;
	}

	/** Print the slowest steps. */
	static void print(BufferingApplicationStartup startup) {
		List<StartupTimeline.TimelineEvent> events = startup.getBufferedTimeline().getEvents();
		events.stream()
			.sorted(Comparator.comparing(StartupTimeline.TimelineEvent::getDuration).reversed())
			.limit(Integer.getInteger(PROPERTY))
			.forEach((event) -> Plaintext.report("STARTUP-STEP %6d ms  %s %s", event.getDuration().toMillis(),
					event.getStartupStep().getName(), tags(event.getStartupStep())));
	}

	private static String tags(StartupStep step) {
		StringBuilder tags = new StringBuilder();
		StreamSupport.stream(step.getTags().spliterator(), false)
			.forEach((tag) -> tags.append(tag.getKey()).append('=').append(tag.getValue()).append(' '));
		return tags.toString().trim();
	}

}
