package dev.nettybind.server;

import java.net.InetAddress;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

import dev.nettybind.shared.BoundSocket;
import dev.nettybind.connection.TrafficCounts;

/**
 * A named HTTP server, bound with the semantics of Dart's {@code HttpServer.bind}. Each
 * server of {@code bind.servers} is a bean of this type, qualified by its name:
 *
 * <pre class="code">
 * &#64;Autowired &#64;Qualifier("admin") BoundServer admin;
 * </pre>
 *
 * @author Netty Bind Starter contributors
 * @since 0.1.0
 */
public interface BoundServer {

	/**
	 * Return the name of the server.
	 * @return the name
	 */
	String name();

	/**
	 * Return the options the server was bound with.
	 * @return the options
	 */
	BindOptions options();

	/**
	 * Return the address the server listens on, as resolved from its options, or as the
	 * inherited socket has it; {@code null} before it is bound, and for a Unix domain
	 * socket.
	 * @return the address
	 */
	@Nullable InetAddress address();

	/**
	 * Return the port the server listens on: the actual port, also when port 0 was
	 * asked for; the requested port before it is bound; -1 on a Unix domain socket.
	 * @return the port
	 */
	int port();

	/**
	 * Return the path of the Unix domain socket the server listens on.
	 * @return the path, or {@code null} for an IP socket and before it is bound
	 * @since 0.2.0
	 */
	@Nullable Path path();

	/**
	 * Return whether the server speaks TLS.
	 * @return whether it is secure
	 */
	boolean isSecure();

	/**
	 * Return the certificate a secure server presents to new connections; it follows
	 * reloads of the certificate database.
	 * @return the certificate, or {@code null} for a plain server or before it is bound
	 */
	@Nullable X509Certificate certificate();

	/**
	 * Return whether the server shares its socket with other servers.
	 * @return whether it is shared
	 */
	boolean isShared();

	/**
	 * Return the listening socket the server belongs to: its own, or the one it shares.
	 * @return the socket, or {@code null} before it is bound
	 */
	@Nullable BoundSocket socket();

	/**
	 * Return the responses, by status, and the bytes of this server, counted when its
	 * metrics are on.
	 * @return the counts, or {@code null} before it is bound
	 */
	@Nullable TrafficCounts traffic();

	/**
	 * Return why the server could not be bound.
	 * @return the reason, or {@code null} unless the state is {@link State#FAILED}
	 */
	@Nullable String failure();

	/**
	 * Return the number of connections of this server that are open now.
	 * @return the open connections
	 */
	int activeConnections();

	/**
	 * Return the number of connections this server has accepted since it was bound.
	 * @return the accepted connections
	 */
	long acceptedConnections();

	/**
	 * Return the lifecycle state of the server.
	 * @return the state
	 */
	State state();

	/**
	 * Close the server gracefully, waiting at most the application's shutdown timeout
	 * ({@code bind.shutdown.timeout}): it takes no new connection, lets the requests in
	 * flight finish, then closes its connections. Its socket closes when no other
	 * server shares it. This blocks until the server is closed, so call it off the event
	 * loops: on one of them (in a handler) it throws {@link IllegalStateException} and
	 * the server stays bound.
	 */
	void close();

	/**
	 * Close the server gracefully, waiting at most the given time for the requests in
	 * flight; what is still open then is cut. This blocks until the server is closed, so
	 * call it off the event loops, as {@link #close()}.
	 * @param timeout how long requests in flight may still run
	 */
	void close(Duration timeout);

	/**
	 * The lifecycle of a server.
	 */
	enum State {

		/**
		 * Configured, not bound yet.
		 */
		NEW,

		/**
		 * Listening and serving.
		 */
		BOUND,

		/**
		 * Could not be bound; {@link BoundServer#failure()} says why. Only a server that
		 * is not required lets the application start in this state.
		 */
		FAILED,

		/**
		 * Taking no new connection, letting the requests in flight finish.
		 */
		CLOSING,

		/**
		 * Closed.
		 */
		CLOSED

	}

}
