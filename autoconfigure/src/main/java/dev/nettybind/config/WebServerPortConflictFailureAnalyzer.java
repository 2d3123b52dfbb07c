package dev.nettybind.config;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;

import dev.nettybind.shared.AddressInUseException;

/**
 * Explains a port held by Spring Boot's own web server of the same application, which
 * the report of an address in use would blame on another process: Boot's server starts
 * first, and the fix is to replace it or to move it.
 *
 * @author Netty Bind Starter contributors
 */
class WebServerPortConflictFailureAnalyzer extends AbstractFailureAnalyzer<AddressInUseException>
		implements Ordered {

	private final Environment environment;

	WebServerPortConflictFailureAnalyzer(Environment environment) {
		this.environment = environment;
	}

	@Override
	protected @Nullable FailureAnalysis analyze(Throwable rootFailure, AddressInUseException cause) {
		Integer webServerPort = this.environment.getProperty("local.server.port", Integer.class);
		if (!cause.getHolders().isEmpty() || webServerPort == null || !webServerPort.equals(cause.getValue())) {
			return null;
		}
		String description = "Server '" + cause.getServerName() + "' could not bind port " + webServerPort
				+ ": Spring Boot's own web server of this application (server.port) listens on it."
				+ System.lineSeparator() + System.lineSeparator() + "    Server:   " + cause.getServerName()
				+ System.lineSeparator() + "    Property: " + cause.getPropertyPath() + System.lineSeparator()
				+ "    Value:    " + cause.getValue();
		String action = "Set 'bind.replace-web-server: true' so that the servers of bind.servers serve the "
				+ "application instead of Boot's own server, or move Boot's server with 'server.port', or change '"
				+ cause.getPropertyPath() + "'.";
		return new FailureAnalysis(description, action, cause);
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
