package dev.nettybind.diagnostics;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.convert.DurationStyle;

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
	 * {@code bind.servers.admin.port}, or the {@code BindOptions} method of a server
	 * bound from code (see {@link OptionNames})
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
	 * Create the exception for an option whose value breaks its constraint, worded as
	 * the report of invalid {@code bind.servers} properties is.
	 * @param names the names of the server and of its options
	 * @param option the option, relative to {@code bind.servers.<name>}
	 * @param value the value
	 * @param reason what the value must be, such as {@code must be 1 or more}
	 * @return the exception
	 */
	public static ServerSetupException invalidValue(OptionNames names, String option, @Nullable Object value,
			String reason) {
		String name = names.of(option);
		return new ServerSetupException(names.serverName(), name, display(value),
				invalidValueDescription("Server '" + names.serverName() + "'", name, reason),
				invalidValueAction(name, reason), null);
	}

	/**
	 * Return a value as a user writes it in a property: a duration as {@code 20s}.
	 */
	static @Nullable Object display(@Nullable Object value) {
		if (!(value instanceof Duration duration)) {
			return value;
		}
		ChronoUnit unit = Stream.of(ChronoUnit.DAYS, ChronoUnit.HOURS, ChronoUnit.MINUTES, ChronoUnit.SECONDS)
			.filter((candidate) -> duration.toNanos() % candidate.getDuration().toNanos() == 0)
			.findFirst()
			.orElse(ChronoUnit.MILLIS);
		return DurationStyle.SIMPLE.print(duration, unit);
	}

	static String invalidValueDescription(String subject, String name, String reason) {
		return subject + " has an invalid value for '" + name + "': " + reason + ".";
	}

	static String invalidValueAction(String name, String reason) {
		return "Update '" + name + "': it " + reason + ".";
	}

}
