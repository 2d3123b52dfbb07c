package dev.nettybind.shared;

/**
 * How a shared listening socket hands its accepted connections to its members.
 *
 * @author Netty Bind Starter contributors
 * @since 0.1.0
 */
public enum Distribution {

	/**
	 * Each new connection goes to the next member in turn.
	 */
	ROUND_ROBIN,

	/**
	 * Each new connection goes to the member with the fewest open connections; ties go
	 * round-robin.
	 */
	LEAST_CONNECTIONS

}
