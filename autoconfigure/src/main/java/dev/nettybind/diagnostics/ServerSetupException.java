package dev.nettybind.diagnostics;

import org.jspecify.annotations.Nullable;

/**
 * A server could not be set up because of its configuration or of its environment. It
 * names the server, the property at fault, its value, what happened and how to fix it,
 * so that a failed startup explains itself.
 *
 * @author Netty Bind Starter contributors
 * @since 0.1.0
 */
public class ServerSetupException extends RuntimeException {

	private final String serverName;

	private final String propertyPath;

	private final @Nullable Object value;

	private final String description;

	private final String action;

	/**
	 * Create a new exception.
	 * @param serverName the server that could not be set up
	 * @param propertyPath the full name of the property at fault, for example
	 * {@code bind.servers.admin.port}
	 * @param value the value of that property
	 * @param description what happened, as a sentence
	 * @param action how to fix it, as an imperative sentence
	 * @param cause the cause, if any
	 */
	public ServerSetupException(String serverName, String propertyPath, @Nullable Object value, String description,
			String action, @Nullable Throwable cause) {
		super(description + " " + action, cause);
		this.serverName = serverName;
		this.propertyPath = propertyPath;
		this.value = value;
		this.description = description;
		this.action = action;
	}

	/**
	 * Return the name of the server that could not be set up.
	 * @return the server name
	 */
	public String getServerName() {
		return this.serverName;
	}

	/**
	 * Return the full name of the property at fault, for example
	 * {@code bind.servers.admin.port}.
	 * @return the property path
	 */
	public String getPropertyPath() {
		return this.propertyPath;
	}

	/**
	 * Return the value of the property at fault.
	 * @return the value, or {@code null}
	 */
	public @Nullable Object getValue() {
		return this.value;
	}

	/**
	 * Return what happened.
	 * @return the description
	 */
	public String getDescription() {
		return this.description;
	}

	/**
	 * Return how to fix it.
	 * @return the action
	 */
	public String getAction() {
		return this.action;
	}

	/**
	 * Return the full name of a server's property.
	 * @param serverName the server name
	 * @param property the property relative to {@code bind.servers.<name>}
	 * @return the property path
	 */
	public static String propertyPath(String serverName, String property) {
		return "bind.servers." + serverName + "." + property;
	}

}
