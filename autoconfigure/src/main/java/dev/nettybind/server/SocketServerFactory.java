package dev.nettybind.server;

import java.net.Inet6Address;
import java.net.InetSocketAddress;

import io.netty.channel.ChannelOption;
import reactor.netty.http.server.HttpServer;

import org.springframework.boot.context.properties.PropertyMapper;

import dev.nettybind.diagnostics.ServerSetupException;
import dev.nettybind.shared.ListeningSocket;

/**
 * Maps the options of a server onto the Reactor Netty {@link HttpServer} of the socket
 * it binds.
 *
 * @author Netty Bind Starter contributors
 */
final class SocketServerFactory {

	private final EventLoops eventLoops;

	SocketServerFactory(EventLoops eventLoops) {
		this.eventLoops = eventLoops;
	}

	HttpServer create(String serverName, BindOptions options, ListeningSocket socket) {
		HttpServer server = HttpServer.create()
			.bindAddress(() -> new InetSocketAddress(socket.address(), socket.port()))
			.runOn(new SocketLoopResources(this.eventLoops, socket.connectionDistributor(), socket.address()))
			.handle(socket::handle);
		PropertyMapper map = PropertyMapper.get();
		server = map.from(options::backlog)
			.when((backlog) -> backlog > 0)
			.to(server, (httpServer, backlog) -> httpServer.option(ChannelOption.SO_BACKLOG, backlog));
		server = customizeReusePort(server, serverName, options);
		return customizeV6Only(server, serverName, options, socket);
	}

	private HttpServer customizeReusePort(HttpServer server, String serverName, BindOptions options) {
		if (!options.isReusePort()) {
			return server;
		}
		if (!this.eventLoops.isNative()) {
			throw nativeOnly(serverName, "reuse-port", "SO_REUSEPORT");
		}
		return server.option(EpollSockets.REUSE_PORT, true);
	}

	private HttpServer customizeV6Only(HttpServer server, String serverName, BindOptions options,
			ListeningSocket socket) {
		if (!(socket.address() instanceof Inet6Address)) {
			return server;
		}
		if (this.eventLoops.isNative()) {
			// Set either way, so that the net.ipv6.bindv6only sysctl cannot change it.
			return server.option(EpollSockets.V6_ONLY, options.isV6Only() ? 1 : 0);
		}
		if (options.isV6Only()) {
			throw nativeOnly(serverName, "v6-only", "IPV6_V6ONLY");
		}
		return server;
	}

	private static ServerSetupException nativeOnly(String serverName, String property, String option) {
		return new ServerSetupException(serverName, property, true,
				"Server '" + serverName + "' cannot set " + option + ": the NIO transport cannot.",
				"Add io.netty:netty-transport-native-epoll (classifier linux-x86_64) to the class path and leave "
						+ "'bind.event-loop.prefer-native' true, or set '"
						+ ServerSetupException.propertyPath(serverName, property) + "' to false.",
				null);
	}

}
