package dev.nettybind.web;

import java.util.Collection;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import org.jspecify.annotations.Nullable;
import reactor.netty.Connection;

import org.springframework.http.server.reactive.AbstractServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpRequestDecorator;
import org.springframework.web.server.ServerWebExchange;

import dev.nettybind.server.BoundServer;

/**
 * Tells which server of {@code bind.servers} serves an exchange. The attribute
 * {@link #ATTRIBUTE} of every exchange a bound server serves holds that server.
 *
 * @author Netty Bind Starter contributors
 * @since 0.2.0
 */
public final class BoundServerExchange {

	/**
	 * The exchange attribute that holds the {@link BoundServer} serving it:
	 * {@code BoundServer.class.getName()}.
	 */
	public static final String ATTRIBUTE = BoundServer.class.getName();

	static final AttributeKey<BoundServer> SERVER = AttributeKey.valueOf(BoundServerExchange.class, "server");

	private BoundServerExchange() {
	}

	/**
	 * Return the server that serves an exchange.
	 * @param exchange the exchange
	 * @return the server, or {@code null} if none of {@code bind.servers} serves it (Boot's
	 * own server does, or a test client bound to the application)
	 */
	public static @Nullable BoundServer server(ServerWebExchange exchange) {
		if (exchange.getAttribute(ATTRIBUTE) instanceof BoundServer server) {
			return server;
		}
		BoundServer server = server(exchange.getRequest());
		if (server != null) {
			exchange.getAttributes().put(ATTRIBUTE, server);
		}
		return server;
	}

	/**
	 * Return whether one of the named servers serves an exchange.
	 * @param exchange the exchange
	 * @param serverNames the names of the servers
	 * @return whether a server of that name serves it
	 */
	public static boolean isServedBy(ServerWebExchange exchange, Collection<String> serverNames) {
		BoundServer server = server(exchange);
		return server != null && serverNames.contains(server.name());
	}

	private static @Nullable BoundServer server(ServerHttpRequest request) {
		while (request instanceof ServerHttpRequestDecorator decorator) {
			request = decorator.getDelegate();
		}
		if (!(request instanceof AbstractServerHttpRequest served)) {
			return null;
		}
		Object nativeRequest;
		try {
			nativeRequest = served.getNativeRequest();
		}
		catch (IllegalStateException ex) {
			// A mock request has no server underneath.
			return null;
		}
		return (nativeRequest instanceof Connection connection) ? of(connection.channel()) : null;
	}

	static @Nullable BoundServer of(Channel channel) {
		return channel.attr(SERVER).get();
	}

}
