package dev.nettybind.shared;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.nettybind.diagnostics.OptionNames;

/**
 * What a server asks of the listening socket it binds or joins.
 * <p>
 * Not API: public only because the binder makes it from the options of a server, in
 * another package.
 *
 * @param names the names of the server and of its options, for errors
 * @param address the address to bind, {@code null} for a Unix domain socket
 * @param port the port to bind, 0 for a new socket on an ephemeral port; -1 for a Unix
 * domain socket
 * @param v6Only whether an IPv6 socket refuses IPv4 clients
 * @param shared whether other servers may join the socket
 * @param reusePort whether the socket sets {@code SO_REUSEPORT}, so that other sockets,
 * of this process or of others, may bind the same address and port
 * @param distribution how connections are distributed among the members
 * @param socketSettings the other settings that belong to the socket, by property name;
 * every member of a shared socket must ask for the same
 * @param path the path of a Unix domain socket, or {@code null} for an IP socket
 * @param inheritedDescriptor the descriptor of an inherited listening socket, which is
 * taken over instead of bound (the address and port, or the path, are then its own), or
 * {@code null} to bind a socket
 * @author Netty Bind Starter contributors
 * @since 0.1.0
 */
public record SocketRequest(OptionNames names, @Nullable InetAddress address, int port, boolean v6Only,
		boolean shared, boolean reusePort, Distribution distribution, Map<String, Object> socketSettings,
		@Nullable Path path, @Nullable Integer inheritedDescriptor) {

	/**
	 * Create a request to bind an IP socket.
	 * @param names the names of the server and of its options, for errors
	 * @param address the address to bind
	 * @param port the port to bind, 0 for a new socket on an ephemeral port
	 * @param v6Only whether an IPv6 socket refuses IPv4 clients
	 * @param shared whether other servers may join the socket
	 * @param reusePort whether the socket sets {@code SO_REUSEPORT}
	 * @param distribution how connections are distributed among the members
	 * @param socketSettings the other settings that belong to the socket
	 */
	public SocketRequest(OptionNames names, InetAddress address, int port, boolean v6Only, boolean shared,
			boolean reusePort, Distribution distribution, Map<String, Object> socketSettings) {
		this(names, address, port, v6Only, shared, reusePort, distribution, socketSettings, null, null);
	}

	/**
	 * Return the name of the server.
	 * @return the server name
	 */
	public String serverName() {
		return this.names.serverName();
	}

	/**
	 * Return whether this request binds a socket of its own beside an existing one on
	 * the same address and port: both set {@code SO_REUSEPORT} and neither is shared, so
	 * the kernel spreads the connections between them.
	 * @param existing the socket already bound there
	 * @return whether to bind a socket of its own
	 */
	boolean reusesPortOf(ListeningSocket existing) {
		SocketRequest other = existing.request();
		return this.reusePort && other.reusePort && !this.shared && !other.shared;
	}

	/**
	 * Return every setting that the members of a shared socket must agree on, by
	 * property name, v6-only excepted.
	 * @return the settings
	 */
	Map<String, Object> settings() {
		Map<String, Object> settings = new LinkedHashMap<>();
		settings.put("distribution", this.distribution);
		settings.put("reuse-port", this.reusePort);
		settings.putAll(this.socketSettings);
		return settings;
	}

	/**
	 * Return whether the socket is found by the same request of another server: one on
	 * the same address and port, on the same path, or with the same inherited
	 * descriptor. A bind on port 0 never is.
	 * @param other the request of the socket already bound
	 * @param boundPort the port that socket listens on
	 * @return whether both ask for the same socket
	 */
	boolean asksForSocketOf(SocketRequest other, int boundPort) {
		if (this.inheritedDescriptor != null || other.inheritedDescriptor != null) {
			return this.inheritedDescriptor != null && this.inheritedDescriptor.equals(other.inheritedDescriptor);
		}
		if (this.path != null || other.path != null) {
			return this.path != null && this.path.equals(other.path);
		}
		return this.port != 0 && this.port == boundPort && this.address.equals(other.address);
	}

	/**
	 * Return where the socket listens, as {@code 127.0.0.1:8080}, {@code [::1]:8080} or
	 * {@code unix:/run/app/api.sock}.
	 * @param boundPort the port, the actual one once bound
	 * @return the location
	 */
	String where(int boundPort) {
		return (this.path != null) ? "unix:" + this.path : format(this.address, boundPort);
	}

	/**
	 * Return an address and port as {@code 127.0.0.1:8080} or {@code [::1]:8080}.
	 * @param address the address
	 * @param port the port
	 * @return the formatted address
	 */
	public static String format(InetAddress address, int port) {
		String host = address.getHostAddress();
		return (address instanceof Inet6Address) ? "[" + host + "]:" + port : host + ":" + port;
	}

}
