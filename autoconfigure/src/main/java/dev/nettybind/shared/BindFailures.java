package dev.nettybind.shared;

import java.io.IOException;

import dev.nettybind.diagnostics.ServerSetupException;

/**
 * Reads the cause of a failed bind, whichever transport raised it.
 *
 * @author Netty Bind Starter contributors
 */
final class BindFailures {

	private static final String ADDRESS_IN_USE = "Address already in use";

	private BindFailures() {
	}

	static boolean isAddressInUse(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			String message = cause.getMessage();
			// NIO raises a BindException, epoll a NativeIoException: both carry strerror(EADDRINUSE).
			if (cause instanceof IOException && message != null && message.contains(ADDRESS_IN_USE)) {
				return true;
			}
		}
		return false;
	}

	static ServerSetupException cannotBind(SocketRequest request, Throwable failure) {
		Throwable root = failure;
		while (root.getCause() != null) {
			root = root.getCause();
		}
		String where = SocketRequest.format(request.address(), request.port());
		return new ServerSetupException(request.serverName(),
				ServerSetupException.propertyPath(request.serverName(), "address"), request.address().getHostAddress(),
				"Server '" + request.serverName() + "' could not bind " + where + ": " + root.getMessage() + ".",
				"Bind an address that belongs to an interface of this host, or one of LOOPBACK_IP_V4, LOOPBACK_IP_V6, "
						+ "ANY_IP_V4, ANY_IP_V6, in '" + ServerSetupException.propertyPath(request.serverName(), "address")
						+ "'.",
				failure);
	}

}
