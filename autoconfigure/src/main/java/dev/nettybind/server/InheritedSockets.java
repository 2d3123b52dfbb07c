package dev.nettybind.server;

import java.io.IOException;
import java.net.SocketAddress;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

import org.jspecify.annotations.Nullable;

import dev.nettybind.diagnostics.OptionNames;
import dev.nettybind.diagnostics.ServerSetupException;

/**
 * The listening sockets this process inherited from its parent: those systemd passes by
 * socket activation ({@code LISTEN_PID}, {@code LISTEN_FDS} from descriptor 3 on,
 * {@code LISTEN_FDNAMES}), or a descriptor given by number.
 *
 * @author Netty Bind Starter contributors
 */
final class InheritedSockets {

	/**
	 * The first descriptor systemd passes ({@code SD_LISTEN_FDS_START}).
	 */
	private static final int FIRST_SYSTEMD_DESCRIPTOR = 3;

	private static final String SYSTEMD = "systemd";

	private static final String DESCRIPTOR_PREFIX = "fd:";

	private final Map<String, String> environment;

	private final long pid;

	InheritedSockets(Map<String, String> environment, long pid) {
		this.environment = environment;
		this.pid = pid;
	}

	/**
	 * Return the inherited socket a server asks for.
	 * @param names the names of the server and of its options
	 * @param inherit the validated {@code inherit} option
	 * @return the descriptor and its address
	 * @throws ServerSetupException if there is no such socket
	 */
	Inherited take(OptionNames names, String inherit) {
		int descriptor = inherit.equals(SYSTEMD) ? systemdDescriptor(names)
				: Integer.parseInt(inherit.substring(DESCRIPTOR_PREFIX.length()));
		return describe(names, descriptor, inherit);
	}

	/**
	 * Return an inherited socket, checked to be a listening stream socket.
	 * @param names the names of the server and of its options
	 * @param descriptor its descriptor
	 * @return the descriptor and its address
	 * @throws ServerSetupException if the descriptor is no listening stream socket
	 */
	Inherited describe(OptionNames names, int descriptor) {
		return describe(names, descriptor, DESCRIPTOR_PREFIX + descriptor);
	}

	private Inherited describe(OptionNames names, int descriptor, String inherit) {
		try {
			return new Inherited(descriptor, EpollSockets.listeningAddress(descriptor));
		}
		catch (IOException ex) {
			throw new ServerSetupException(names.serverName(), names.of("inherit"), inherit,
					"Server '" + names.serverName() + "' cannot take over descriptor " + descriptor + ": "
							+ ex.getMessage() + ".",
					"Pass a listening TCP or Unix stream socket as descriptor " + descriptor
							+ " (under systemd, a socket unit with ListenStream=), or remove '" + names.of("inherit")
							+ "' to bind a socket.",
					ex);
		}
	}

	private int systemdDescriptor(OptionNames names) {
		String listenPid = this.environment.get("LISTEN_PID");
		int count = count(this.environment.get("LISTEN_FDS"));
		if (count <= 0 || !String.valueOf(this.pid).equals(listenPid)) {
			throw failure(names, "systemd passed no socket to this process ("
					+ ((count <= 0) ? "LISTEN_FDS is " + this.environment.getOrDefault("LISTEN_FDS", "unset")
							: "LISTEN_PID is " + listenPid + ", not " + this.pid)
					+ ")",
					"Start the application from a systemd socket unit (or under systemd-socket-activate), or remove '"
							+ names.of("inherit") + "' to bind a socket.");
		}
		List<String> fdNames = fdNames(count);
		int index = fdNames.indexOf(names.serverName());
		if (index >= 0) {
			return FIRST_SYSTEMD_DESCRIPTOR + index;
		}
		if (count == 1) {
			return FIRST_SYSTEMD_DESCRIPTOR;
		}
		throw failure(names, "systemd passed " + count + " sockets, named " + fdNames + ", and none is named '"
				+ names.serverName() + "'",
				"Name the socket after the server: FileDescriptorName=" + names.serverName()
						+ " in its socket unit (systemd-socket-activate --fdname=" + names.serverName() + ").");
	}

	/**
	 * Return the name of each socket passed, in order: systemd names unnamed ones
	 * "unknown", and a missing name here is empty.
	 */
	private List<String> fdNames(int count) {
		String value = this.environment.get("LISTEN_FDNAMES");
		List<String> fdNames = (value != null) ? List.of(value.split(":", -1)) : List.of();
		return IntStream.range(0, count).mapToObj((i) -> (i < fdNames.size()) ? fdNames.get(i) : "").toList();
	}

	private static int count(@Nullable String value) {
		try {
			return (value != null) ? Integer.parseInt(value.trim()) : 0;
		}
		catch (NumberFormatException ex) {
			return 0;
		}
	}

	private static ServerSetupException failure(OptionNames names, String reason, String action) {
		return new ServerSetupException(names.serverName(), names.of("inherit"), SYSTEMD,
				"Server '" + names.serverName() + "' cannot take over a socket from systemd: " + reason + ".", action,
				null);
	}

	/**
	 * An inherited listening socket.
	 *
	 * @param descriptor its descriptor
	 * @param address its local address: an {@code InetSocketAddress} or a
	 * {@code UnixDomainSocketAddress}
	 */
	record Inherited(int descriptor, SocketAddress address) {

	}

}
