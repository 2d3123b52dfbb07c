package dev.nettybind;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;

/**
 * Keeps every ERROR logged while the tests run (an appender of {@code logback-test.xml}),
 * so that {@link ErrorLogExtension} fails a test that logged one it did not expect.
 */
public class ErrorLog extends AppenderBase<ILoggingEvent> {

	private static final ConcurrentLinkedQueue<String> ERRORS = new ConcurrentLinkedQueue<>();

	@Override
	protected void append(ILoggingEvent event) {
		if (event.getLevel().isGreaterOrEqual(Level.ERROR)) {
			ERRORS.add(event.getLoggerName() + ": " + event.getFormattedMessage());
		}
	}

	/** The ERRORs logged since the last call, which forgets them. */
	static List<String> drain() {
		List<String> drained = new ArrayList<>();
		for (String error = ERRORS.poll(); error != null; error = ERRORS.poll()) {
			drained.add(error);
		}
		return drained;
	}

}
