package dev.nettybind.server;

import java.net.InetAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.HttpProtocol;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerConfig;

import org.springframework.test.util.ReflectionTestUtils;
import org.springframework.util.unit.DataSize;

import dev.nettybind.Clients;
import dev.nettybind.connection.RequestPolicy;
import dev.nettybind.connection.SocketMember;
import dev.nettybind.diagnostics.OptionNames;
import dev.nettybind.diagnostics.ServerSetupException;
import dev.nettybind.shared.ListeningSocket;
import dev.nettybind.shared.SharedBindingRegistry;
import dev.nettybind.shared.SharedBindingRegistry.SocketOpener.Opened;
import dev.nettybind.shared.SocketRequest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Tests for {@link SocketServerFactory}: each option of {@link BindOptions} reaches the
 * configuration of the Reactor Netty {@link HttpServer} that is bound, as Spring Boot's
 * {@code NettyReactiveWebServerFactoryCustomizerTests} check for Boot's own server.
 * <p>
 * Each test binds a real socket on 127.0.0.1, port 0, and reads the
 * {@link HttpServerConfig} the bound server runs with: Reactor Netty keeps it in the
 * acceptor handler of the server channel, which these tests read by reflection (they
 * fail loudly should Reactor Netty move it). "No limit" (0) is checked against the
 * configuration of an untouched {@code HttpServer.create()}.
 */
class SocketServerFactoryTests {

	/**
	 * The largest {@code SETTINGS_MAX_HEADER_LIST_SIZE}: an unsigned 32-bit value.
	 */
	private static final long MAX_HTTP2_HEADER_LIST_SIZE = 0xFFFFFFFFL;

	private static final String CONNECTION_LIMIT = "bind.connectionLimit";

	private static final HttpServerConfig REACTOR_NETTY_DEFAULTS = HttpServer.create().configuration();

	private final List<Runnable> cleanUps = new ArrayList<>();

	private final Set<EventLoops> eventLoops = new HashSet<>();

	@AfterEach
	void cleanUp() {
		for (int i = this.cleanUps.size() - 1; i >= 0; i--) {
			this.cleanUps.get(i).run();
		}
	}

	@Test
	void boundServerAnswersWithTheHandlerOfItsMember() {
		DisposableServer server = bind(new BindOptions());
		assertThat(Clients.get("127.0.0.1", server.port(), "/").body()).isEqualTo("hello");
	}

	@Test
	void backlogIsSetOnTheServerChannel() {
		DisposableServer server = bind(new BindOptions().backlog(42));
		assertThat(option(server, ChannelOption.SO_BACKLOG)).isEqualTo(42);
		assertThat(server.channel().config().getOption(ChannelOption.SO_BACKLOG)).isEqualTo(42);
	}

	@Test
	void backlogOfZeroLeavesTheSystemDefault() {
		DisposableServer server = bind(new BindOptions().backlog(0));
		assertThat(configuration(server).options()).doesNotContainKey(ChannelOption.SO_BACKLOG);
	}

	@Test
	void idleAndReadTimeoutsAreSet() {
		DisposableServer server = bind(withLimits(
				(limits) -> limits.idleTimeout(Duration.ofSeconds(31)).readTimeout(Duration.ofSeconds(17))));
		assertThat(configuration(server).idleTimeout()).isEqualTo(Duration.ofSeconds(31));
		assertThat(configuration(server).readTimeout()).isEqualTo(Duration.ofSeconds(17));
	}

	@Test
	void idleAndReadTimeoutsOfZeroAreNone() {
		// Reactor Netty would turn a zero timeout into 1ms.
		DisposableServer server = bind(
				withLimits((limits) -> limits.idleTimeout(Duration.ZERO).readTimeout(Duration.ZERO)));
		assertThat(REACTOR_NETTY_DEFAULTS.idleTimeout()).isNull();
		assertThat(REACTOR_NETTY_DEFAULTS.readTimeout()).isNull();
		assertThat(configuration(server).idleTimeout()).isNull();
		assertThat(configuration(server).readTimeout()).isNull();
	}

	@Test
	void maxConnectionsIsEnforcedInFrontOfReactorNettysAcceptorAndNotByIt() {
		DisposableServer server = bind(withLimits((limits) -> limits.maxConnections(7)));
		assertThat(configuration(server).maxConnections()).isNotPositive();
		assertThat((Integer) ReflectionTestUtils.getField(acceptor(server), "maxConnections")).isNotPositive();
		assertThat(ReflectionTestUtils.getField(connectionLimit(server), "maxConnections")).isEqualTo(7);
	}

	@Test
	void maxConnectionsOfZeroIsNone() {
		DisposableServer server = bind(withLimits((limits) -> limits.maxConnections(0)));
		assertThat(configuration(server).maxConnections()).isEqualTo(REACTOR_NETTY_DEFAULTS.maxConnections())
			.isNotPositive();
	}

	@Test
	void defaultMaxConnectionsIsTenThousand() {
		assertThat(ReflectionTestUtils.getField(connectionLimit(bind(new BindOptions())), "maxConnections"))
			.isEqualTo(10_000);
	}

	@Test
	void requestDecoderLimitsAreSet() {
		DisposableServer server = bind(withLimits((limits) -> limits.maxInitialLineLength(DataSize.ofBytes(1234))
			.maxHeaderSize(DataSize.ofKilobytes(3))));
		assertThat(configuration(server).decoder().maxInitialLineLength()).isEqualTo(1234);
		assertThat(configuration(server).decoder().maxHeaderSize()).isEqualTo(3 * 1024);
	}

	@Test
	void requestDecoderLimitsBeyondAnIntAreCapped() {
		DisposableServer server = bind(withLimits((limits) -> limits.maxInitialLineLength(DataSize.ofGigabytes(4))
			.maxHeaderSize(DataSize.ofBytes(MAX_HTTP2_HEADER_LIST_SIZE))));
		assertThat(configuration(server).decoder().maxInitialLineLength()).isEqualTo(Integer.MAX_VALUE);
		assertThat(configuration(server).decoder().maxHeaderSize()).isEqualTo(Integer.MAX_VALUE);
		assertThat(configuration(server).http2SettingsSpec().maxHeaderListSize()).isEqualTo(MAX_HTTP2_HEADER_LIST_SIZE);
	}

	@Test
	void http2HeaderListSizeBeyondItsMaximumIsCapped() {
		DisposableServer server = bind(withLimits((limits) -> limits.maxHeaderSize(DataSize.ofGigabytes(4))));
		assertThat(configuration(server).decoder().maxHeaderSize()).isEqualTo(Integer.MAX_VALUE);
		assertThat(configuration(server).http2SettingsSpec().maxHeaderListSize()).isEqualTo(MAX_HTTP2_HEADER_LIST_SIZE);
	}

	@Test
	void http2SettingsAreSet() {
		DisposableServer server = bind(new BindOptions().protocols(HttpProtocol.H2C, HttpProtocol.HTTP11)
			.limits(new BindOptions.Limits().maxConcurrentStreams(33).maxHeaderSize(DataSize.ofKilobytes(5))));
		assertThat(configuration(server).http2SettingsSpec().maxConcurrentStreams()).isEqualTo(33);
		// HTTP/2 has no request line: its header list limit covers the path too.
		assertThat(configuration(server).http2SettingsSpec().maxHeaderListSize()).isEqualTo(5 * 1024);
	}

	@Test
	void protocolsAreSet() {
		DisposableServer server = bind(new BindOptions().protocols(HttpProtocol.H2C, HttpProtocol.HTTP11));
		assertThat(configuration(server).protocols()).containsExactlyInAnyOrder(HttpProtocol.H2C,
				HttpProtocol.HTTP11);
	}

	@Test
	void plainServerSpeaksHttp11ByDefault() {
		HttpServerConfig configuration = configuration(bind(new BindOptions()));
		assertThat(configuration.protocols()).containsExactly(HttpProtocol.HTTP11);
		assertThat(configuration.isSecure()).isFalse();
	}

	@Test
	void metricsRecordReactorNettyMetersWithBoundedUriTagsAndCountBytes() {
		HttpServerConfig configuration = configuration(bind(new BindOptions().metrics(true)));
		assertThat(configuration.metricsRecorder()).isNotNull();
		assertThat(configuration.uriTagValue()).isNotNull();
		assertThat(configuration.uriTagValue().apply("/users/42/orders?page=2")).isEqualTo("/users/{id}/orders");
		// TrafficCounter counts the bytes of every connection.
		assertThat(configuration.doOnChannelInit()).isNotSameAs(REACTOR_NETTY_DEFAULTS.doOnChannelInit());
	}

	@Test
	void withoutMetricsNothingIsRecorded() {
		HttpServerConfig configuration = configuration(bind(new BindOptions().metrics(false)));
		assertThat(configuration.metricsRecorder()).isNull();
		assertThat(configuration.uriTagValue()).isNull();
	}

	@Test
	void reusePortIsSetOnEpoll() {
		assumeTrue(EventLoops.isNativeTransportAvailable(), "epoll is available");
		DisposableServer server = bind(new EventLoops(1, true), new BindOptions().reusePort(true));
		assertThat(option(server, EpollSockets.REUSE_PORT)).isEqualTo(true);
		assertThat(server.channel().config().getOption(EpollSockets.REUSE_PORT)).isTrue();
	}

	@Test
	void reusePortIsRefusedOnNio() {
		assertThatExceptionOfType(ServerSetupException.class)
			.isThrownBy(() -> bind(new EventLoops(1, false), new BindOptions().reusePort(true)))
			.withMessageStartingWith("Server 'api' cannot set SO_REUSEPORT: the NIO transport cannot.");
	}

	@Test
	void v6OnlyIsSetEitherWayOnAnIpv6SocketOnEpoll() {
		assumeTrue(EventLoops.isNativeTransportAvailable(), "epoll is available");
		EventLoops eventLoops = new EventLoops(1, true);
		DisposableServer v6Only = bind(eventLoops, new BindOptions().address("::1").v6Only(true));
		DisposableServer dualStack = bind(eventLoops, new BindOptions().address("::1").v6Only(false));
		assertThat(option(v6Only, EpollSockets.V6_ONLY)).isEqualTo(1);
		assertThat(option(dualStack, EpollSockets.V6_ONLY)).isEqualTo(0);
	}

	@Test
	void v6OnlyIsNotSetOnAnIpv4Socket() {
		assumeTrue(EventLoops.isNativeTransportAvailable(), "epoll is available");
		DisposableServer server = bind(new EventLoops(1, true), new BindOptions().v6Only(true));
		assertThat(configuration(server).options()).doesNotContainKey(EpollSockets.V6_ONLY);
	}

	@Test
	void secureServerWithoutCertificateDatabaseIsRefused() {
		assertThatExceptionOfType(ServerSetupException.class)
			.isThrownBy(() -> bind(new BindOptions().certificateName("server")))
			.withMessageStartingWith(
					"Server 'api' asks for the certificate 'server', but no certificate database is configured.");
	}

	private static BindOptions withLimits(Function<BindOptions.Limits, BindOptions.Limits> limits) {
		return new BindOptions().limits(limits.apply(new BindOptions.Limits()));
	}

	private DisposableServer bind(BindOptions options) {
		return bind(new EventLoops(1, false), options);
	}

	/**
	 * Bind a socket for the options on 127.0.0.1 (or their address), port 0, as
	 * {@link ServerBinder} does, with one member that answers {@code hello}.
	 */
	private DisposableServer bind(EventLoops eventLoops, BindOptions options) {
		if (this.eventLoops.add(eventLoops)) {
			// Disposed after every socket that runs on them: the clean-ups run last first.
			this.cleanUps.add(eventLoops::dispose);
		}
		SocketServerFactory factory = new SocketServerFactory(eventLoops, () -> null, List.of());
		OptionNames names = OptionNames.programmatic("api");
		BindOptions bound = options.address(options.getAddress().equals("::1") ? "::1" : "127.0.0.1").port(0);
		InetAddress address = address(bound.getAddress());
		SocketRequest request = new SocketRequest(names, address, 0, bound.isV6Only(), false, bound.isReusePort(),
				bound.getDistribution(), OptionProperties.socketSettings(bound));
		SocketMember member = new SocketMember("api", eventLoops.common(),
				(req, res) -> res.sendString(Mono.just("hello")), new RequestPolicy(Duration.ZERO, 0, false));
		SharedBindingRegistry registry = new SharedBindingRegistry();
		AtomicReference<Opened> opened = new AtomicReference<>();
		ListeningSocket socket = registry.join(request, member, eventLoops.common(), (newSocket) -> {
			opened.set(factory.bind(names, bound, newSocket));
			return opened.get();
		});
		this.cleanUps.add(() -> registry.leave(socket, member));
		assertThat(socket.isBound()).isTrue();
		return opened.get().server();
	}

	private static InetAddress address(String literal) {
		try {
			return InetAddress.getByName(literal);
		}
		catch (java.net.UnknownHostException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Return the configuration the bound server runs with: Reactor Netty's acceptor
	 * hands every accepted connection to an initializer that holds it.
	 */
	private static HttpServerConfig configuration(DisposableServer server) {
		Object initializer = ReflectionTestUtils.getField(acceptor(server), "childHandler");
		assertThat(initializer).isNotNull();
		return (HttpServerConfig) ReflectionTestUtils.getField(initializer, "config");
	}

	private static Object option(DisposableServer server, ChannelOption<?> option) {
		return configuration(server).options().get(option);
	}

	private static ChannelHandler connectionLimit(DisposableServer server) {
		// Added as the socket is bound, on its event loop: maybe after bindNow returned.
		return await().until(() -> server.channel().pipeline().get(CONNECTION_LIMIT), Objects::nonNull);
	}

	private static ChannelHandler acceptor(DisposableServer server) {
		Channel channel = server.channel();
		for (Map.Entry<String, ChannelHandler> handler : channel.pipeline()) {
			if (handler.getValue().getClass().getName().equals("reactor.netty.transport.ServerTransport$Acceptor")) {
				return handler.getValue();
			}
		}
		throw new IllegalStateException("No Reactor Netty acceptor in " + channel.pipeline().names());
	}

}
