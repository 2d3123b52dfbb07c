package dev.nettybind.config;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains an {@link AheadOfTimeMismatchException}: what the build fixed, and how to
 * start the application.
 *
 * @author Netty Bind Starter contributors
 */
class AheadOfTimeMismatchFailureAnalyzer extends AbstractFailureAnalyzer<AheadOfTimeMismatchException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, AheadOfTimeMismatchException cause) {
		return new FailureAnalysis(cause.getDescription(), cause.getAction(), cause);
	}

}
