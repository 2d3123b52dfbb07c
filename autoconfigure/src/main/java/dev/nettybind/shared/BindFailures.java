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

	private static final String PERMISSION_DENIED = "Permission denied";

	private BindFailures() {
	}

	static boolean isAddressInUse(Throwable failure) {
		return hasIoCause(failure, ADDRESS_IN_USE);
	}

	private static boolean hasIoCause(Throwable failure, String error) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			String message = cause.getMessage();
			// NIO raises a BindException, epoll a NativeIoException: both carry strerror().
			if (cause instanceof IOException && message != null && message.contains(error)) {
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
		String where = request.where(request.port());
		if (request.path() != null) {
			return new ServerSetupException(request.serverName(), request.names().of("address"), where,
					"Server '" + request.serverName() + "' could not bind " + where + ": " + root.getMessage() + ".",
					"Use a path in a directory that exists and that this process may write, in '"
							+ request.names().of("address") + "'.",
					failure);
		}
		if (hasIoCause(failure, PERMISSION_DENIED)) {
			return new ServerSetupException(request.serverName(), request.names().of("port"),
					String.valueOf(request.port()),
					"Server '" + request.serverName() + "' may not bind " + where + ": " + root.getMessage() + ".",
					"Use a port this process may bind (on Linux, at least net.ipv4.ip_unprivileged_port_start, "
							+ "1024 by default, unless the process has CAP_NET_BIND_SERVICE), or 0 for any free "
							+ "port, in '" + request.names().of("port") + "'.",
					failure);
		}
		return new ServerSetupException(request.serverName(), request.names().of("address"),
				request.address().getHostAddress(),
				"Server '" + request.serverName() + "' could not bind " + where + ": " + root.getMessage() + ".",
				"Bind an address that belongs to an interface of this host, or one of LOOPBACK_IP_V4, LOOPBACK_IP_V6, "
						+ "ANY_IP_V4, ANY_IP_V6, in '" + request.names().of("address") + "'.",
				failure);
	}

}
