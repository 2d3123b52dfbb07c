package dev.nettybind.tls;

import org.jspecify.annotations.Nullable;

/**
 * The certificate database cannot be read, or holds no usable certificate for a name.
 * Carries what went wrong and how to fix it, so that the server that needed the
 * database can report it.
 *
 * @author Netty Bind Starter contributors
 */
class CertificateDatabaseException extends RuntimeException {

	private final @Nullable String property;

	private final @Nullable Object value;

	private final String action;

	/**
	 * Create a new exception.
	 * @param property the property of the database at fault, or {@code null} when the
	 * fault is the {@code certificate-name} of the server
	 * @param value the value at fault
	 * @param description what happened
	 * @param action how to fix it
	 * @param cause the cause, if any
	 */
	CertificateDatabaseException(@Nullable String property, @Nullable Object value, String description, String action,
			@Nullable Throwable cause) {
		super(description, cause);
		this.property = property;
		this.value = value;
		this.action = action;
	}

	@Nullable String getProperty() {
		return this.property;
	}

	@Nullable Object getValue() {
		return this.value;
	}

	String getAction() {
		return this.action;
	}

}
