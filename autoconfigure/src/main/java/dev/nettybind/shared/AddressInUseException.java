package dev.nettybind.shared;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.util.StringUtils;

import dev.nettybind.diagnostics.ServerSetupException;

/**
 * Thrown when a server cannot bind its address and port because a socket already
 * listens there: another server of this application that does not share it, or another
 * process.
 *
 * @author Netty Bind Starter contributors
 * @since 0.1.0
 */
public class AddressInUseException extends ServerSetupException {

	private final List<String> holders;

	/**
	 * Create an exception.
	 * @param request what the server that could not bind asked for
	 * @param holders the servers of this application that listen there, if any
	 * @param sameAddress whether they listen on the same address and port, or path
	 * @param unshared those of the server and the holders that would need
	 * {@code shared: true} to share the socket, when they listen on the same address
	 * @param cause the failure of the bind, if any
	 */
	AddressInUseException(SocketRequest request, List<String> holders, boolean sameAddress, List<String> unshared,
			@Nullable Throwable cause) {
		super(request.serverName(), request.names().of(locatingOption(request)),
				(request.path() != null) ? request.where(request.port()) : request.port(),
				description(request, holders, sameAddress), action(request, holders, sameAddress, unshared), cause);
		this.holders = holders;
	}

	/**
	 * Return the exception for a Unix domain socket whose file a live process listens
	 * on: connecting to it succeeded.
	 * @param request what the server that could not bind asked for
	 * @return the exception
	 */
	static AddressInUseException liveUnixSocket(SocketRequest request) {
		return new AddressInUseException(request, List.of(), false, List.of(), null);
	}

	/**
	 * Return the servers of this application that listen on the port, if any.
	 * @return their names
	 */
	public List<String> getHolders() {
		return this.holders;
	}

	private static String locatingOption(SocketRequest request) {
		return (request.path() != null) ? "address" : "port";
	}

	private static String description(SocketRequest request, List<String> holders, boolean sameAddress) {
		String serverName = request.serverName();
		String where = request.where(request.port());
		if (holders.isEmpty()) {
			return (request.path() != null)
					? "Server '" + serverName + "' could not bind " + where + ": another process listens on "
							+ "that socket file (a connection to it was accepted)."
					: "Server '" + serverName + "' could not bind " + where + ": the address is already in use "
							+ "by another process, or by a server this starter does not manage (such as Spring "
							+ "Boot's own on server.port).";
		}
		if (!sameAddress) {
			return "Server '" + serverName + "' could not bind " + where + ": the port is already in use by server "
					+ quoted(holders) + " of this application, on an address that overlaps this one.";
		}
		return "Server '" + serverName + "' could not bind " + where + ": the address is already in use by server "
				+ quoted(holders) + " of this application (the shared flag must be true on every server binding "
				+ "the same " + ((request.path() != null) ? "path" : "address and port") + ").";
	}

	private static String action(SocketRequest request, List<String> holders, boolean sameAddress,
			List<String> unshared) {
		String property = request.names().of(locatingOption(request));
		String change = (request.path() != null) ? "change '" + property + "' to another path"
				: "change '" + property + "' (0 picks a free port)";
		if (holders.isEmpty()) {
			return ((request.path() != null) ? "Stop the process that listens on " + request.path()
					: "Identify and stop the process that is listening on port " + request.port()) + ", or " + change
					+ ".";
		}
		if (!sameAddress) {
			return StringUtils.capitalize(change) + ", or bind the same address as " + quoted(holders)
					+ ": only servers of the same address, port and v6-only can share a socket.";
		}
		return StringUtils.capitalize(change) + ", or set 'shared: true' on "
				+ String.join(" and on ", unshared.stream().map((name) -> "'" + name + "'").toList())
				+ " to share one socket between them.";
	}

	private static String quoted(List<String> names) {
		return "'" + String.join("', '", names) + "'";
	}

}
