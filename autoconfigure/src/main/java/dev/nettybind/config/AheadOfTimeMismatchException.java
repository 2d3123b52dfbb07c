package dev.nettybind.config;

/**
 * An application processed ahead of time starts with servers that the build did not
 * plan for: Spring AOT fixed the auto-configuration at build time.
 *
 * @author Netty Bind Starter contributors
 */
final class AheadOfTimeMismatchException extends IllegalStateException {

	private final String description;

	private final String action;

	AheadOfTimeMismatchException(String description, String action) {
		super(description + " " + action);
		this.description = description;
		this.action = action;
	}

	String getDescription() {
		return this.description;
	}

	String getAction() {
		return this.action;
	}

}
