package dev.nettybind.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.netty.channel.EventLoopGroup;
import jakarta.validation.Validator;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.http.server.HttpServerRoutes;

import org.springframework.context.ApplicationEventPublisher;

import dev.nettybind.address.BindAddressResolver;
import dev.nettybind.diagnostics.OptionNames;
import dev.nettybind.diagnostics.ServerSetupException;
import dev.nettybind.server.InheritedSockets.Inherited;
import dev.nettybind.shared.ListeningSocket;
import dev.nettybind.connection.RequestPolicy;
import dev.nettybind.shared.SharedBindingRegistry;
import dev.nettybind.connection.SocketMember;
import dev.nettybind.shared.SocketRequest;
import dev.nettybind.tls.CertificateDatabase;
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

	private final SharedBindingRegistry registry = new SharedBindingRegistry();

	private final EventLoops eventLoops;

	private final SocketServerFactory serverFactory;

	private final BindOptionsValidation validation;

	private final ApplicationEventPublisher eventPublisher;

	private final Duration shutdownTimeout;

	private final Map<String, DefaultBoundServer> servers = new LinkedHashMap<>();

	private final InheritedSockets inheritedSockets = new InheritedSockets(System.getenv(),
			ProcessHandle.current().pid());

	private volatile SocketHandover.Received received = SocketHandover.Received.NONE;

	private volatile @Nullable SocketHandover handover;

	/**
	 * Create a binder with event loops of its own; the auto-configuration makes the
	 * application's. {@link #dispose()} releases them.
	 * @param addressResolver resolves the addresses of the servers
	 * @param eventLoopThreads the number of event-loop threads, 0 for one per available
	 * CPU
	 * @param preferNative whether to use the epoll transport when it is available
	 * @param certificateDatabase the certificate database of secure servers, if any
	 * @param customizers customize the Reactor Netty server of each socket, in order
	 * @param validator checks the constraints of the options of every server bound from
	 * code (Spring Boot checked those of {@code bind.servers} when it bound them), or
	 * {@code null} without a Bean Validation provider
	 * @param eventPublisher publishes {@link ServerBoundEvent}s
	 * @param shutdownTimeout how long {@link BoundServer#close()} lets requests in
	 * flight run
	 */
	public ServerBinder(BindAddressResolver addressResolver, int eventLoopThreads, boolean preferNative,
			Supplier<@Nullable CertificateDatabase> certificateDatabase, List<BindServerCustomizer> customizers,
			@Nullable Validator validator,
			ApplicationEventPublisher eventPublisher, Duration shutdownTimeout) {
		this.addressResolver = addressResolver;
		this.eventLoops = new EventLoops(eventLoopThreads, preferNative);
		this.serverFactory = new SocketServerFactory(this.eventLoops, certificateDatabase, customizers);
		this.validation = new BindOptionsValidation(validator);
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
	 * @throws ServerSetupException if it cannot be bound; its messages name the
	 * {@link BindOptions} methods to change
	 */
	public BoundServer bind(String name, BindOptions options,
			BiFunction<? super HttpServerRequest, ? super HttpServerResponse, ? extends Publisher<Void>> handler) {
		Objects.requireNonNull(handler, "handler");
		return bind(OptionNames.programmatic(name), options, () -> handler);
	}

	/**
	 * Bind a server now, serving the given routes; this blocks until the socket
	 * listens, so call it off the event loops.
	 * @param name the name of the server, unique among the servers that are not closed
	 * or failed
	 * @param options how to bind it
	 * @param routes declares the routes of the server
	 * @return the bound server
	 * @throws ServerSetupException if it cannot be bound
	 */
	public BoundServer bind(String name, BindOptions options, Consumer<? super HttpServerRoutes> routes) {
		Objects.requireNonNull(routes, "routes");
		HttpServerRoutes declared = HttpServerRoutes.newRoutes();
		routes.accept(declared);
		return bind(name, options, declared);
	}

	/**
	 * Bind a server whose options are named by the given names in its errors, and whose
	 * handler is made once its options are valid. The auto-configuration binds the
	 * servers of {@code bind.servers} with it: the Jakarta constraints of options named
	 * as {@link OptionNames#configured configured} are not checked again, Spring Boot
	 * checked them when it bound {@code bind.servers}.
	 * @param names the name of the server, and how its errors name its options
	 * @param options how to bind it
	 * @param handler makes the handler of its requests
	 * @return the bound server
	 * @throws ServerSetupException if it cannot be bound
	 */
	public BoundServer bind(OptionNames names,
			BindOptions options, Supplier<? extends BiFunction<? super HttpServerRequest, ? super HttpServerResponse,
					? extends Publisher<Void>>> handler) {
		DefaultBoundServer server = create(names, options);
		try {
			start(server, handler);
		}
		catch (RuntimeException ex) {
			server.failed(ex);
			throw ex;
		}
		try {
			this.eventPublisher.publishEvent(new ServerBoundEvent(server));
		}
		catch (RuntimeException ex) {
			// A listener failed after the socket was bound: the server must not stay.
			server.stopAccepting(Duration.ZERO).block();
			synchronized (this) {
				this.servers.remove(names.serverName(), server);
			}
			throw ex;
		}
		return server;
	}

	/**
	 * Check, before any of them is bound, that servers about to be bound together, the
	 * servers of {@code bind.servers}, redirect only to secure servers among them or
	 * among the bound ones; a redirect may so name a server bound after it, and answers
	 * 503 until that server is bound.
	 * @param servers the options of the configured servers, by name
	 * @throws ServerSetupException naming the first {@code redirect-to} at fault
	 */
	public void checkRedirects(Map<String, ? extends BindOptions> servers) {
		servers.forEach((name, options) -> {
			String target = options.getRedirectTo();
			if (target != null) {
				BindOptions targetOptions = servers.containsKey(target) ? servers.get(target) : liveOptions(target);
				HttpsRedirect.checkTarget(OptionNames.configured(name), target, targetOptions);
			}
		});
	}

	/**
	 * Return every server this binder made, in the order they were made, including
	 * those that failed, and those closed since the binder last bound a server (it then
	 * forgets the closed ones).
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

	private synchronized @Nullable BindOptions liveOptions(String name) {
		DefaultBoundServer server = this.servers.get(name);
		return isLive(server) ? server.options() : null;
	}

	/**
	 * Return whether a server holds its name: it is neither closed nor failed.
	 */
	private static boolean isLive(@Nullable DefaultBoundServer server) {
		return server != null && server.state() != BoundServer.State.CLOSED
				&& server.state() != BoundServer.State.FAILED;
	}

	/**
	 * Return the listening sockets of the servers, shared or not.
	 * @return the registry of the sockets
	 */
	public SharedBindingRegistry registry() {
		return this.registry;
	}

	/**
	 * Return the name of the transport the servers run on.
	 * @return {@code epoll} or {@code nio}
	 */
	public String transport() {
		return this.eventLoops.transport();
	}

	/**
	 * Take over the listening sockets of the process of this application that offers
	 * them on a handover socket, if one does: the servers bound next serve them instead
	 * of binding new ones, where their options ask for the same address and port, or
	 * path. Epoll only.
	 * @param path the path of the handover socket ({@code bind.handover.path})
	 * @param timeout how long the handover may take
	 * @throws ServerSetupException if a process offers sockets there but they could not
	 * be taken
	 */
	public void receiveHandover(Path path, Duration timeout) {
		checkHandoverTransport(path);
		try {
			this.received = SocketHandover.receive(path, this.eventLoops.common(), timeout);
		}
		catch (IOException ex) {
			throw handoverFailure(path, "could not take over the listening sockets of the process offering them "
					+ "there: " + ex.getMessage(), ex);
		}
		if (!this.received.descriptors().isEmpty()) {
			logger.info("Took over the listening sockets of servers " + this.received.descriptors().keySet()
					+ " from the process offering them on " + path);
		}
	}

	/**
	 * Offer the listening sockets of every server to the next process of this
	 * application, on a handover socket: it takes them over and the servers of this one
	 * can then close without refusing or losing a connection. Sockets received but not
	 * used are closed.
	 * @param path the path of the handover socket ({@code bind.handover.path})
	 * @throws ServerSetupException if the handover socket cannot be bound
	 */
	public void offerHandover(Path path) {
		checkHandoverTransport(path);
		SocketHandover.Received received = this.received;
		this.received = SocketHandover.Received.NONE;
		Set<Integer> used = new HashSet<>();
		this.registry.sockets().stream()
			.map((socket) -> ((ListeningSocket) socket).request().inheritedDescriptor())
			.filter(Objects::nonNull)
			.forEach(used::add);
		received.descriptors().values().stream().filter((descriptor) -> !used.contains(descriptor)).distinct()
			.forEach(EpollSockets::close);
		try {
			this.handover = SocketHandover.offer(path, received.listener(), this.eventLoops.common(),
					() -> this.registry.sockets().stream().map(ListeningSocket.class::cast).toList());
		}
		catch (IOException | RuntimeException ex) {
			throw handoverFailure(path, "could not offer its listening sockets there: " + ex.getMessage(), ex);
		}
	}

	private void checkHandoverTransport(Path path) {
		if (!this.eventLoops.isNative()) {
			throw handoverFailure(path, "needs the epoll transport to pass sockets between processes", null);
		}
	}

	private static ServerSetupException handoverFailure(Path path, String reason, @Nullable Throwable cause) {
		return new ServerSetupException("(every server)", "bind.handover.path", path,
				"The application " + reason + ".",
				"Check that the previous process runs the same version of the starter with the same "
						+ "'bind.handover.path', with the epoll transport, or remove 'bind.handover.path'.",
				cause);
	}

	/**
	 * Close every server gracefully: all stop accepting at once, then they drain in
	 * parallel.
	 * @param timeout how long requests in flight may still run
	 * @return a {@link Mono} that completes when every server is closed
	 */
	public Mono<Void> closeAll(Duration timeout) {
		SocketHandover handover = this.handover;
		if (handover != null) {
			// A stopping process hands over nothing: its sockets are about to close.
			this.handover = null;
			handover.close();
		}
		List<Mono<Void>> drains = new ArrayList<>();
		for (BoundServer server : servers()) {
			drains.add(((DefaultBoundServer) server).stopAccepting(timeout));
		}
		return Mono.when(drains);
	}

	/**
	 * Close every server at once, cutting the requests in flight, and release the event
	 * loops. The binder binds nothing afterwards.
	 */
	public void dispose() {
		closeAll(Duration.ZERO).block();
		this.eventLoops.dispose();
	}

	private synchronized DefaultBoundServer create(OptionNames names, BindOptions options) {
		Objects.requireNonNull(names, "names");
		Objects.requireNonNull(options, "options");
		String name = names.serverName();
		DefaultBoundServer existing = this.servers.get(name);
		if (isLive(existing)) {
			throw new IllegalStateException("A server named '" + name + "' exists already (" + existing.state() + ")");
		}
		DefaultBoundServer server = new DefaultBoundServer(names, options.copy(), this.registry, this.shutdownTimeout);
		// Closed servers are forgotten here: bound under ever new names, they would pile up.
		this.servers.values().removeIf((candidate) -> candidate.state() == BoundServer.State.CLOSED);
		this.servers.put(name, server);
		return server;
	}

	private void start(DefaultBoundServer server, Supplier<? extends BiFunction<? super HttpServerRequest,
			? super HttpServerResponse, ? extends Publisher<Void>>> handlerFactory) {
		OptionNames names = server.names();
		String name = names.serverName();
		BindOptions options = server.options();
		if (names.isConfigured()) {
			// Spring Boot checked its constraints when it bound (and validated) BindProperties.
			this.validation.checkRules(names, options);
		}
		else {
			this.validation.validate(names, options);
		}
		SocketRequest request = request(names, options);
		String redirectTo = options.getRedirectTo();
		BiFunction<? super HttpServerRequest, ? super HttpServerResponse, ? extends Publisher<Void>> handler;
		if (redirectTo != null) {
			BindOptions target = liveOptions(redirectTo);
			// A configured server may redirect to one bound after it: checkRedirects checked that it is declared.
			if (target != null || !names.isConfigured()) {
				HttpsRedirect.checkTarget(names, redirectTo, target);
			}
			handler = new HttpsRedirect(redirectTo, this::server);
		}
		else {
			handler = Objects.requireNonNull(handlerFactory.get(), "handler");
		}
		EventLoopGroup ownLoops = (options.getEventLoopThreads() > 0)
				? this.eventLoops.dedicated(name, options.getEventLoopThreads()) : null;
		SocketMember member = new SocketMember(name, (ownLoops != null) ? ownLoops : this.eventLoops.common(),
				handler, policy(options));
		try {
			ListeningSocket socket = this.registry.join(request, member, this.eventLoops.common(),
					(newSocket) -> this.serverFactory.bind(names, options, newSocket));
			server.bound(socket, member, ownLoops);
			// Built only when logged: a startup builds one per server, on the thread that binds the next.
			if (logger.isInfoEnabled()) {
				logger.info(describe(server, socket));
			}
		}
		catch (RuntimeException ex) {
			if (ownLoops != null) {
				EventLoops.shutDown(ownLoops);
			}
			throw ex;
		}
	}

	/**
	 * Return what a server asks of its socket: an IP socket on its resolved address, a
	 * Unix domain socket on its path, or the inherited socket it takes over.
	 */
	private SocketRequest request(OptionNames names, BindOptions options) {
		String inherit = options.getInherit();
		Path path = BindAddressResolver.unixSocketPath(names, options.getAddress());
		if ((inherit != null || path != null) && !this.eventLoops.isNative()) {
			String option = (inherit != null) ? "inherit" : "address";
			throw new ServerSetupException(names.serverName(), names.of(option),
					(inherit != null) ? inherit : options.getAddress(),
					"Server '" + names.serverName() + "' needs the epoll transport for "
							+ ((inherit != null) ? "an inherited socket" : "a Unix domain socket")
							+ ": Reactor Netty serves neither on NIO.",
					"Add io.netty:netty-transport-native-epoll (classifier linux-x86_64) to the class path and leave "
							+ "'bind.event-loop.prefer-native' true, or change '" + names.of(option) + "'.",
					null);
		}
		Inherited inherited;
		if (inherit != null) {
			inherited = this.inheritedSockets.take(names, inherit);
			String mismatch = mismatch(names, options, path, inherited);
			if (mismatch != null) {
				throw mismatchFailure(names, options, mismatch, inherited);
			}
		}
		else {
			inherited = handedOver(names, options, path);
		}
		Map<String, Object> socketSettings = OptionProperties.socketSettings(options);
		if (inherited != null) {
			return boundRequest(names, options, socketSettings, inherited.address(), inherited.descriptor());
		}
		if (path != null) {
			return boundRequest(names, options, socketSettings, UnixDomainSocketAddress.of(path), null);
		}
		return new SocketRequest(names, this.addressResolver.resolve(names, options.getAddress()), options.getPort(),
				options.isV6Only(), options.isShared(), options.isReusePort(), options.getDistribution(),
				socketSettings);
	}

	/**
	 * Return the request of a socket whose address is given, or that is bound already:
	 * a Unix domain socket, or an inherited one. Its owner chose IPV6_V6ONLY and
	 * SO_REUSEPORT, which the options may not set.
	 */
	private static SocketRequest boundRequest(OptionNames names, BindOptions options,
			Map<String, Object> socketSettings, SocketAddress address, @Nullable Integer descriptor) {
		if (address instanceof UnixDomainSocketAddress unix) {
			return new SocketRequest(names, null, -1, false, options.isShared(), false, options.getDistribution(),
					socketSettings, unix.getPath(), descriptor);
		}
		InetSocketAddress inet = (InetSocketAddress) address;
		return new SocketRequest(names, inet.getAddress(), inet.getPort(), false, options.isShared(), false,
				options.getDistribution(), socketSettings, null, descriptor);
	}

	/**
	 * Return the socket that the previous process handed over for a server, when it is
	 * where the options ask for; otherwise the server binds a socket of its own.
	 */
	private @Nullable Inherited handedOver(OptionNames names, BindOptions options, @Nullable Path path) {
		Integer descriptor = this.received.descriptors().get(names.serverName());
		if (descriptor == null) {
			return null;
		}
		Inherited inherited = this.inheritedSockets.describe(names, descriptor);
		String mismatch = mismatch(names, options, path, inherited);
		if (mismatch != null) {
			logger.info("Server '" + names.serverName() + "' binds a socket of its own: the one handed over, "
					+ where(inherited) + ", is not the one its " + mismatch + " asks for");
			return null;
		}
		return inherited;
	}

	/**
	 * Return the option that says the server expects another socket than the inherited
	 * one: the default address and port 0 ask for none in particular.
	 * @return {@code address}, {@code port}, or {@code null} when the socket is the one
	 */
	private @Nullable String mismatch(OptionNames names, BindOptions options, @Nullable Path path,
			Inherited inherited) {
		boolean addressSet = !BindAddressResolver.LOOPBACK_IP_V4.equals(options.getAddress());
		if (inherited.address() instanceof UnixDomainSocketAddress unix) {
			if (options.getPort() != 0) {
				return "port";
			}
			return ((path != null) ? !unix.getPath().equals(path) : addressSet) ? "address" : null;
		}
		InetSocketAddress inet = (InetSocketAddress) inherited.address();
		if (options.getPort() != 0 && options.getPort() != inet.getPort()) {
			return "port";
		}
		boolean otherAddress = path != null
				|| (addressSet && !this.addressResolver.resolve(names, options.getAddress()).equals(inet.getAddress()));
		return otherAddress ? "address" : null;
	}

	private static ServerSetupException mismatchFailure(OptionNames names, BindOptions options, String mismatch,
			Inherited inherited) {
		Object value = mismatch.equals("port") ? options.getPort() : options.getAddress();
		return new ServerSetupException(names.serverName(), names.of(mismatch), value,
				"Server '" + names.serverName() + "' expects its socket at " + names.of(mismatch) + " " + value
						+ ", but the inherited socket (" + names.of("inherit") + ": " + options.getInherit()
						+ ") listens on " + where(inherited) + ".",
				"Pass the socket the server expects, or change '" + names.of(mismatch) + "' (or leave it unset: "
						+ "the server then takes whatever socket it inherits).",
				null);
	}

	private static String where(Inherited inherited) {
		if (inherited.address() instanceof UnixDomainSocketAddress unix) {
			return "unix:" + unix.getPath();
		}
		InetSocketAddress inet = (InetSocketAddress) inherited.address();
		return SocketRequest.format(inet.getAddress(), inet.getPort());
	}

	private static RequestPolicy policy(BindOptions options) {
		BindOptions.Limits limits = options.getLimits();
		return new RequestPolicy(limits.getHeaderTimeout(), limits.getMaxBodySize().toBytes(), options.isMetrics());
	}

	private String describe(BoundServer server, ListeningSocket socket) {
		String sharing = socket.isShared() ? ", shared: member " + socket.members().size() + " of " + socket : "";
		String security = (socket.attachment() instanceof ServerTls tls) ? "https, "
				+ tls.certificate().getSubjectX500Principal().getName() + ", client certificate "
				+ tls.clientCertificateMode().name().toLowerCase(Locale.ROOT) : "http";
		return "Server '" + server.name() + "' listening on " + socket + " ("
				+ (socket.isInherited() ? "inherited, " : "") + security + ", "
				+ server.options().resolvedProtocols() + ", " + this.eventLoops.transport() + sharing + ")";
	}

}
