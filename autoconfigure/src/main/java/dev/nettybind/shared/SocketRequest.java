package dev.nettybind.shared;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.nettybind.diagnostics.OptionNames;

/**
 * What a server asks of the listening socket it binds or joins.
 * <p>
 * Not API: public only because the binder makes it from the options of a server, in
 * another package.
 *
 * @param names the names of the server and of its options, for errors
 * @param address the address to bind
 * @param port the port to bind, 0 for a new socket on an ephemeral port
 * @param v6Only whether an IPv6 socket refuses IPv4 clients
 * @param shared whether other servers may join the socket
 * @param reusePort whether the socket sets {@code SO_REUSEPORT}, so that other sockets,
 * of this process or of others, may bind the same address and port
 * @param distribution how connections are distributed among the members
 * @param socketSettings the other settings that belong to the socket, by property name;
 * every member of a shared socket must ask for the same
 * @author Netty Bind Starter contributors
 * @since 0.1.0
 */
public record SocketRequest(OptionNames names, InetAddress address, int port, boolean v6Only, boolean shared,
		boolean reusePort, Distribution distribution, Map<String, Object> socketSettings) {

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

	static String format(InetAddress address, int port) {
		String host = address.getHostAddress();
		return (address instanceof Inet6Address) ? "[" + host + "]:" + port : host + ":" + port;
	}

}
