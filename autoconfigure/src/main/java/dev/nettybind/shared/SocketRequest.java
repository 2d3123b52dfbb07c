package dev.nettybind.shared;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a server asks of the listening socket it binds or joins.
 *
 * @param serverName the name of the server
 * @param address the address to bind
 * @param port the port to bind, 0 for a new socket on an ephemeral port
 * @param v6Only whether an IPv6 socket refuses IPv4 clients
 * @param shared whether other servers may join the socket
 * @param distribution how connections are distributed among the members
 * @param socketSettings the other settings that belong to the socket, by property name;
 * every member of a shared socket must ask for the same
 * @author Netty Bind Starter contributors
 * @since 0.1.0
 */
public record SocketRequest(String serverName, InetAddress address, int port, boolean v6Only, boolean shared,
		Distribution distribution, Map<String, Object> socketSettings) {

	/**
	 * Return every setting that the members of a shared socket must agree on, by
	 * property name, v6-only excepted.
	 * @return the settings
	 */
	Map<String, Object> settings() {
		Map<String, Object> settings = new LinkedHashMap<>();
		settings.put("distribution", this.distribution);
		settings.putAll(this.socketSettings);
		return settings;
	}

	static String format(InetAddress address, int port) {
		String host = address.getHostAddress();
		return (address instanceof Inet6Address) ? "[" + host + "]:" + port : host + ":" + port;
	}

}
