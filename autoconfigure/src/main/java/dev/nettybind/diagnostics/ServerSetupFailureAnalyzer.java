package dev.nettybind.diagnostics;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Explains a {@link ServerSetupException}: which server, which property, which value,
 * and the fix.
 *
 * @author Netty Bind Starter contributors
 */
class ServerSetupFailureAnalyzer extends AbstractFailureAnalyzer<ServerSetupException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, ServerSetupException cause) {
		String description = cause.getDescription() + System.lineSeparator() + System.lineSeparator()
				+ "    Server:   " + cause.getServerName() + System.lineSeparator() + "    Property: "
				+ cause.getPropertyPath() + System.lineSeparator() + "    Value:    "
				+ ((cause.getValue() != null) ? cause.getValue() : "(not set)");
		return new FailureAnalysis(description, cause.getAction(), cause);
	}

}
