package dev.nettybind.shared;

import java.net.InetAddress;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.nettybind.diagnostics.OptionNames;
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
	 * @param names the names of the options of the server that could not bind
	 * @param address the address it asked for
	 * @param port the port it asked for
	 * @param holders the servers of this application that listen on the port, if any
	 * @param sameAddress whether they listen on the same address
	 * @param unshared those of the server and the holders that would need
	 * {@code shared: true} to share the socket, when they listen on the same address
	 * @param cause the failure of the bind, if any
	 */
	AddressInUseException(OptionNames names, InetAddress address, int port, List<String> holders,
			boolean sameAddress, List<String> unshared, @Nullable Throwable cause) {
		super(names.serverName(), names.of("port"), port,
				description(names.serverName(), address, port, holders, sameAddress),
				action(names, port, holders, sameAddress, unshared), cause);
		this.holders = holders;
	}

	/**
	 * Return the servers of this application that listen on the port, if any.
	 * @return their names
	 */
	public List<String> getHolders() {
		return this.holders;
	}

	private static String description(String serverName, InetAddress address, int port, List<String> holders,
			boolean sameAddress) {
		String where = SocketRequest.format(address, port);
		if (holders.isEmpty()) {
			return "Server '" + serverName + "' could not bind " + where + ": the address is already in use "
					+ "by another process, or by a server this starter does not manage (such as Spring Boot's own "
					+ "on server.port).";
		}
		if (!sameAddress) {
			return "Server '" + serverName + "' could not bind " + where + ": the port is already in use by server "
					+ quoted(holders) + " of this application, on an address that overlaps this one.";
		}
		return "Server '" + serverName + "' could not bind " + where + ": the address is already in use by server "
				+ quoted(holders) + " of this application (the shared flag must be true on every server binding "
				+ "the same address and port).";
	}

	private static String action(OptionNames names, int port, List<String> holders, boolean sameAddress,
			List<String> unshared) {
		String property = names.of("port");
		if (holders.isEmpty()) {
			return "Identify and stop the process that is listening on port " + port + ", or change '" + property
					+ "' (0 picks a free port).";
		}
		if (!sameAddress) {
			return "Change '" + property + "' (0 picks a free port), or bind the same address as " + quoted(holders)
					+ ": only servers of the same address, port and v6-only can share a socket.";
		}
		return "Change '" + property + "' (0 picks a free port), or set 'shared: true' on "
				+ String.join(" and on ", unshared.stream().map((name) -> "'" + name + "'").toList())
				+ " to share one socket between them.";
	}

	private static String quoted(List<String> names) {
		return "'" + String.join("', '", names) + "'";
	}

}
