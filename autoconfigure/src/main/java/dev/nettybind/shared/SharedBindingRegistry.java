package dev.nettybind.shared;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import io.netty.channel.EventLoopGroup;
import org.jspecify.annotations.Nullable;
import reactor.netty.DisposableServer;

import dev.nettybind.connection.SocketMember;
import dev.nettybind.diagnostics.ServerSetupException;

/**
 * Every listening socket of the application, found by address and port, as Dart's
 * runtime keeps them: a second bind of the same address and port joins the existing
 * socket only if both are shared, a bind on port 0 always makes a new socket, and a
 * socket closes when its last member leaves. Sockets that both set
 * {@code SO_REUSEPORT} and are not shared are the one exception: each is its own
 * socket, and the kernel spreads connections between them.
 *
 * @author Netty Bind Starter contributors
 * @since 0.1.0
 */
public class SharedBindingRegistry {

	private final List<ListeningSocket> sockets = new ArrayList<>();

	/**
	 * Return a snapshot of the listening sockets, in the order they were bound.
	 * @return the sockets
	 */
	public synchronized List<BoundSocket> sockets() {
		return List.copyOf(this.sockets);
	}

	/**
	 * Add a member to the socket it asks for: join the existing socket on that address
	 * and port when both are shared, bind a new one otherwise.
	 * @param request what the member asks of the socket
	 * @param member the member
	 * @param acceptorLoops the event loops that accept the connections of a new socket
	 * @param opener binds a new socket
	 * @return the socket that the member now belongs to
	 * @throws AddressInUseException if the address and port are taken
	 * @throws SharedBindingConflictException if the member cannot share the socket
	 */
	public synchronized ListeningSocket join(SocketRequest request, SocketMember member, EventLoopGroup acceptorLoops,
			SocketOpener opener) {
		ListeningSocket existing = find(request);
		if (existing != null && !request.reusesPortOf(existing)) {
			checkCanShare(request, existing);
			existing.add(member);
			return existing;
		}
		ListeningSocket socket = new ListeningSocket(request, acceptorLoops);
		socket.add(member);
		SocketOpener.Opened opened = open(request, socket, opener);
		socket.bound(opened.server(), opened.attachment());
		this.sockets.add(socket);
		return socket;
	}

	/**
	 * Take a member out of its socket: it gets no new connection; the socket closes
	 * when it was the last member.
	 * @param socket the socket
	 * @param member the member
	 */
	public synchronized void leave(ListeningSocket socket, SocketMember member) {
		if (socket.isOnlyMember(member)) {
			// Closed while the member still takes what it accepts: a connection accepted in
			// between would find no server and be reset, where another process that shares
			// the socket (handed over or inherited) would have served it. Closed before it is
			// forgotten, too: a bind of its port meanwhile waits for the lock, then binds a
			// new socket, instead of failing as held by another process.
			socket.close();
			socket.remove(member);
			this.sockets.remove(socket);
		}
		else {
			socket.remove(member);
		}
	}

	private void checkCanShare(SocketRequest request, ListeningSocket existing) {
		if (!request.shared() || !existing.isShared()) {
			List<String> unshared = new ArrayList<>();
			if (!request.shared()) {
				unshared.add(request.names().serverName());
			}
			if (!existing.isShared()) {
				unshared.addAll(memberNames(existing));
			}
			throw new AddressInUseException(request, memberNames(existing), true, unshared, null);
		}
		if (request.v6Only() != existing.isV6Only()) {
			throw new SharedBindingConflictException(request.names(), existing, "v6-only", request.v6Only(),
					existing.isV6Only());
		}
		Map<String, Object> groupSettings = existing.settings();
		request.settings().forEach((property, value) -> {
			Object groupValue = groupSettings.get(property);
			if (!Objects.equals(value, groupValue)) {
				throw new SharedBindingConflictException(request.names(), existing, property, value, groupValue);
			}
		});
	}

	private SocketOpener.Opened open(SocketRequest request, ListeningSocket socket, SocketOpener opener) {
		if (request.path() != null && request.inheritedDescriptor() == null) {
			UnixSocketFile.claim(request);
		}
		try {
			return opener.open(socket);
		}
		catch (ServerSetupException ex) {
			throw ex;
		}
		catch (RuntimeException ex) {
			if (BindFailures.isAddressInUse(ex)) {
				throw new AddressInUseException(request, overlappingHolders(request), false, List.of(), ex);
			}
			throw BindFailures.cannotBind(request, ex);
		}
	}

	private @Nullable ListeningSocket find(SocketRequest request) {
		for (ListeningSocket socket : this.sockets) {
			if (request.asksForSocketOf(socket.request(), socket.port())) {
				return socket;
			}
		}
		return null;
	}

	private List<String> overlappingHolders(SocketRequest request) {
		if (request.address() == null) {
			// A path is held by one socket at most, and that one would have been found.
			return List.of();
		}
		return this.sockets.stream()
			.filter((socket) -> socket.address() != null && socket.port() == request.port()
					&& overlaps(socket.request(), request))
			.flatMap((socket) -> memberNames(socket).stream())
			.toList();
	}

	/**
	 * Return whether two binds of one port can take the same connections: the same
	 * address, a wildcard and an address of its family, or a dual-stack IPv6 wildcard
	 * and any IPv4 address.
	 */
	private static boolean overlaps(SocketRequest one, SocketRequest other) {
		InetAddress a = one.address();
		InetAddress b = other.address();
		if (a.equals(b)) {
			return true;
		}
		if ((a instanceof Inet4Address) == (b instanceof Inet4Address)) {
			return a.isAnyLocalAddress() || b.isAnyLocalAddress();
		}
		SocketRequest ipv6 = (a instanceof Inet6Address) ? one : other;
		return ipv6.address().isAnyLocalAddress() && !ipv6.v6Only();
	}

	private static List<String> memberNames(ListeningSocket socket) {
		return socket.members().stream().map(SocketMember::name).toList();
	}

	/**
	 * Binds a new listening socket.
	 */
	@FunctionalInterface
	public interface SocketOpener {

		/**
		 * Bind the socket.
		 * @param socket the socket to bind: its child event loop group and its handler
		 * must serve the connections
		 * @return the bound server and what it holds
		 */
		Opened open(ListeningSocket socket);

		/**
		 * A bound socket.
		 *
		 * @param server the bound server
		 * @param attachment what the socket holds and closes with it, such as its TLS,
		 * or {@code null}
		 */
		record Opened(DisposableServer server, @Nullable AutoCloseable attachment) {

		}

	}

}
