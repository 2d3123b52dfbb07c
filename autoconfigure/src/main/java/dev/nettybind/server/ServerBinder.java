package dev.nettybind.server;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.netty.channel.EventLoopGroup;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.http.server.HttpServerRoutes;

import org.springframework.boot.convert.DurationStyle;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.util.unit.DataSize;

import dev.nettybind.address.BindAddressResolver;
import dev.nettybind.diagnostics.ServerSetupException;
import dev.nettybind.shared.ListeningSocket;
import dev.nettybind.shared.RequestPolicy;
import dev.nettybind.shared.SharedBindingRegistry;
import dev.nettybind.shared.SocketMember;
import dev.nettybind.shared.SocketRequest;
import dev.nettybind.tls.ClientCertificateMode;
import dev.nettybind.tls.ServerTls;

/**
 * Binds servers at run time, as Dart's {@code HttpServer.bind(...)} does, with the same
 * options as {@code bind.servers}. The servers of {@code bind.servers} are bound by it
 * too; every server it bound is closed gracefully when the application closes.
 *
 * <pre class="code">
 * BoundServer server = binder.bind("tenant-42", BindOptions.of("LOOPBACK_IP_V4", 0),
 * 		(request, response) -&gt; response.sendString(Mono.just("hello")));
 * int port = server.port();
 * </pre>
 *
 * @author Netty Bind Starter contributors
 * @since 0.1.0
 */
public class ServerBinder {

	private static final Log logger = LogFactory.getLog(ServerBinder.class);

	private final BindAddressResolver addressResolver;

	private final SharedBindingRegistry registry;

	private final EventLoops eventLoops;

	private final SocketServerFactory serverFactory;

	private final ApplicationEventPublisher eventPublisher;

	private final Duration shutdownTimeout;

	private final Map<String, DefaultBoundServer> servers = new LinkedHashMap<>();

	ServerBinder(BindAddressResolver addressResolver, SharedBindingRegistry registry, EventLoops eventLoops,
			SocketServerFactory serverFactory, ApplicationEventPublisher eventPublisher, Duration shutdownTimeout) {
		this.addressResolver = addressResolver;
		this.registry = registry;
		this.eventLoops = eventLoops;
		this.serverFactory = serverFactory;
		this.eventPublisher = eventPublisher;
		this.shutdownTimeout = shutdownTimeout;
	}

	/**
	 * Bind a server now; this blocks until the socket listens, so call it off the event
	 * loops.
	 * @param name the name of the server, unique among the servers that are not closed
	 * or failed
	 * @param options how to bind it
	 * @param handler the handler of its requests
	 * @return the bound server
	 * @throws dev.nettybind.diagnostics.ServerSetupException if it cannot be bound
	 */
	public BoundServer bind(String name, BindOptions options,
			BiFunction<? super HttpServerRequest, ? super HttpServerResponse, ? extends Publisher<Void>> handler) {
		Objects.requireNonNull(handler, "handler");
		DefaultBoundServer server = create(name, options, () -> handler);
		try {
			start(server);
		}
		catch (RuntimeException ex) {
			// A listener of ServerBoundEvent may fail after the socket was bound.
			server.close(Duration.ZERO);
			synchronized (this) {
				this.servers.remove(name, server);
			}
			throw ex;
		}
		return server;
	}

	/**
	 * Bind a server now, serving the given routes; this blocks until the socket
	 * listens, so call it off the event loops.
	 * @param name the name of the server, unique among the servers that are not closed
	 * or failed
	 * @param options how to bind it
	 * @param routes declares the routes of the server
	 * @return the bound server
	 * @throws dev.nettybind.diagnostics.ServerSetupException if it cannot be bound
	 */
	public BoundServer bind(String name, BindOptions options, Consumer<? super HttpServerRoutes> routes) {
		return bind(name, options, Handlers.routes(routes));
	}

	/**
	 * Return every server this binder made, in the order they were made, including
	 * those that are closed but not replaced.
	 * @return the servers
	 */
	public synchronized List<BoundServer> servers() {
		return List.copyOf(this.servers.values());
	}

	/**
	 * Return the server with the given name.
	 * @param name the name
	 * @return the server, or {@code null}
	 */
	public synchronized @Nullable BoundServer server(String name) {
		return this.servers.get(name);
	}

	synchronized DefaultBoundServer create(String name, BindOptions options,
			Supplier<BiFunction<? super HttpServerRequest, ? super HttpServerResponse, ? extends Publisher<Void>>> handler) {
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(options, "options");
		DefaultBoundServer existing = this.servers.get(name);
		if (existing != null && existing.state() != BoundServer.State.CLOSED
				&& existing.state() != BoundServer.State.FAILED) {
			throw new IllegalStateException("A server named '" + name + "' exists already (" + existing.state() + ")");
		}
		DefaultBoundServer server = new DefaultBoundServer(name, options, handler, this.registry,
				this.shutdownTimeout);
		this.servers.put(name, server);
		return server;
	}

	void start(DefaultBoundServer server) {
		String name = server.name();
		BindOptions options = server.options();
		try {
			checkLimits(name, options.limits());
			checkClientCertificate(name, options);
			InetAddress address = this.addressResolver.resolve(name, options.address());
			BiFunction<? super HttpServerRequest, ? super HttpServerResponse, ? extends Publisher<Void>> handler = server
				.handler();
			SocketRequest request = new SocketRequest(name, address, options.port(), options.isV6Only(),
					options.isShared(), options.isReusePort(), options.distribution(), options.socketSettings());
			EventLoopGroup ownLoops = (options.eventLoopThreads() > 0)
					? this.eventLoops.dedicated(name, options.eventLoopThreads()) : null;
			SocketMember member = new SocketMember(name, (ownLoops != null) ? ownLoops : this.eventLoops.common(),
					handler, policy(options));
			try {
				ListeningSocket socket = this.registry.join(request, member, this.eventLoops.common(),
						(newSocket) -> this.serverFactory.bind(name, options, newSocket));
				server.bound(address, socket, member, ownLoops);
				logger.info(describe(server, socket));
			}
			catch (RuntimeException ex) {
				if (ownLoops != null) {
					EventLoops.shutDown(ownLoops);
				}
				throw ex;
			}
		}
		catch (RuntimeException ex) {
			server.failed(ex);
			throw ex;
		}
		this.eventPublisher.publishEvent(new ServerBoundEvent(server));
	}

	private static void checkLimits(String name, ServerLimits limits) {
		// Netty refuses sizes below one byte; a negative duration would silently mean none.
		checkSize(name, "limits.max-initial-line-length", limits.maxInitialLineLength(), "4KB");
		checkSize(name, "limits.max-header-size", limits.maxHeaderSize(), "8KB");
		checkDuration(name, "limits.header-timeout", limits.headerTimeout());
		checkDuration(name, "limits.idle-timeout", limits.idleTimeout());
		checkDuration(name, "limits.read-timeout", limits.readTimeout());
	}

	private static void checkClientCertificate(String name, BindOptions options) {
		ClientCertificateMode mode = options.clientCertificate();
		if (mode != ClientCertificateMode.NONE && !options.isSecure()) {
			String property = (mode == ClientCertificateMode.REQUIRE) ? "require-client-certificate"
					: "request-client-certificate";
			String path = ServerSetupException.propertyPath(name, property);
			throw new ServerSetupException(name, path, true,
					"Server '" + name + "' asks clients for a certificate, but is not secure: it has no "
							+ "'certificate-name'.",
					"Set '" + ServerSetupException.propertyPath(name, "certificate-name") + "', or remove '" + path
							+ "'.",
					null);
		}
	}

	private static void checkSize(String name, String property, DataSize size, String example) {
		if (size.toBytes() < 1) {
			String path = ServerSetupException.propertyPath(name, property);
			throw new ServerSetupException(name, path, size,
					"Server '" + name + "' has a limit of " + size + " in '" + path + "': no request fits in it.",
					"Set '" + path + "' to a size of at least 1B, for example " + example + ".", null);
		}
	}

	private static void checkDuration(String name, String property, @Nullable Duration duration) {
		if (duration != null && duration.isNegative()) {
			String path = ServerSetupException.propertyPath(name, property);
			throw new ServerSetupException(name, path, DurationStyle.SIMPLE.print(duration),
					"Server '" + name + "' has a negative duration in '" + path + "'.",
					"Set '" + path + "' to a positive duration, or to 0 for no limit.", null);
		}
	}

	private static RequestPolicy policy(BindOptions options) {
		ServerLimits limits = options.limits();
		long maxBodySize = (limits.maxBodySize() != null) ? limits.maxBodySize().toBytes() : -1;
		return new RequestPolicy(limits.headerTimeout(), maxBodySize, options.isMetrics());
	}

	/**
	 * Return the name of the transport the servers run on.
	 * @return {@code epoll} or {@code nio}
	 */
	public String transport() {
		return this.eventLoops.transport();
	}

	/**
	 * Close every server: all stop accepting first, then they drain together.
	 * @param timeout how long requests in flight may still run
	 */
	void closeAll(Duration timeout) {
		List<Mono<Void>> drains = new ArrayList<>();
		for (BoundServer server : servers()) {
			drains.add(((DefaultBoundServer) server).stopAccepting(timeout));
		}
		Mono.when(drains).block();
	}

	private String describe(BoundServer server, ListeningSocket socket) {
		String sharing = socket.isShared() ? ", shared: member " + socket.members().size() + " of " + socket : "";
		ServerTls tls = socket.tls();
		String security = (tls != null) ? "https, " + tls.certificate().getSubjectX500Principal().getName() + ", client "
				+ "certificate " + tls.clientCertificateMode().name().toLowerCase(Locale.ROOT) : "http";
		return "Server '" + server.name() + "' listening on " + socket + " (" + security + ", "
				+ server.options().protocols() + ", " + this.eventLoops.transport() + sharing + ")";
	}

}
