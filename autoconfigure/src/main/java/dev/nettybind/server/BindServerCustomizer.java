package dev.nettybind.server;

import reactor.netty.http.server.HttpServer;

/**
 * Customizes the Reactor Netty {@link HttpServer} of a bound server, for what the options
 * do not map: wiretap, decoders, channel options, observers. Every bean of this type is
 * applied, in {@code @Order}, after the options and TLS, when a server opens its socket;
 * a server that joins a shared socket is served by the socket's server as it was
 * customized for the server that opened it. The analogue of Spring Boot's
 * {@code NettyServerCustomizer}, per server.
 *
 * <pre class="code">
 * &#64;Bean
 * BindServerCustomizer wiretapAdmin() {
 * 	return (serverName, server) -&gt; serverName.equals("admin") ? server.wiretap(true) : server;
 * }
 * </pre>
 *
 * @author Netty Bind Starter contributors
 * @since 0.2.0
 */
@FunctionalInterface
public interface BindServerCustomizer {

	/**
	 * Customize the server.
	 * @param serverName the name of the server that opens the socket
	 * @param server the server, its options applied
	 * @return the server to bind
	 */
	HttpServer customize(String serverName, HttpServer server);

}
