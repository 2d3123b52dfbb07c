package dev.nettybind.shared;

import java.net.InetAddress;
import java.util.List;

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

	AddressInUseException(String serverName, InetAddress address, int port, List<String> holders,
			Throwable cause) {
		super(serverName, propertyPath(serverName, "port"), port, description(serverName, address, port, holders),
				action(serverName, port, holders), cause);
		this.holders = holders;
	}

	/**
	 * Return the servers of this application that listen on the port, if any.
	 * @return their names
	 */
	public List<String> getHolders() {
		return this.holders;
	}

	private static String description(String serverName, InetAddress address, int port, List<String> holders) {
		String where = SocketRequest.format(address, port);
		if (holders.isEmpty()) {
			return "Server '" + serverName + "' could not bind " + where + ": the address is already in use "
					+ "by another process.";
		}
		return "Server '" + serverName + "' could not bind " + where + ": the address is already in use by server "
				+ quoted(holders) + " of this application (the shared flag must be true on every server binding "
				+ "the same address and port).";
	}

	private static String action(String serverName, int port, List<String> holders) {
		String property = propertyPath(serverName, "port");
		if (holders.isEmpty()) {
			return "Identify and stop the process that is listening on port " + port + ", or change '" + property
					+ "' (0 picks a free port).";
		}
		return "Change '" + property + "' (0 picks a free port), or set 'shared: true' on '" + serverName
				+ "' and on " + quoted(holders) + " to share one socket between them.";
	}

	private static String quoted(List<String> names) {
		return "'" + String.join("', '", names) + "'";
	}

}
