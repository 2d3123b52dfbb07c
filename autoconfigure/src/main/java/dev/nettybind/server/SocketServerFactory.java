package dev.nettybind.server;

import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

import io.netty.channel.ChannelOption;
import org.jspecify.annotations.Nullable;
import reactor.netty.http.HttpProtocol;
import reactor.netty.http.server.HttpServer;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.PropertyMapper;
import org.springframework.util.ClassUtils;
import org.springframework.util.unit.DataSize;

import dev.nettybind.diagnostics.ServerSetupException;
import dev.nettybind.shared.ListeningSocket;
import dev.nettybind.shared.SharedBindingRegistry.SocketOpener.Opened;
import dev.nettybind.shared.TrafficCounter;
import dev.nettybind.tls.CertificateDatabase;
import dev.nettybind.tls.ServerTls;

/**
 * Maps the options of a server onto the Reactor Netty {@link HttpServer} of the socket
 * it binds, and binds it.
 *
 * @author Netty Bind Starter contributors
 */
final class SocketServerFactory {

	private static final boolean MICROMETER = ClassUtils.isPresent("io.micrometer.core.instrument.MeterRegistry",
			SocketServerFactory.class.getClassLoader());

	private final EventLoops eventLoops;

	private final ObjectProvider<CertificateDatabase> certificateDatabase;

	SocketServerFactory(EventLoops eventLoops, ObjectProvider<CertificateDatabase> certificateDatabase) {
		this.eventLoops = eventLoops;
		this.certificateDatabase = certificateDatabase;
	}

	Opened bind(String serverName, BindOptions options, ListeningSocket socket) {
		checkProtocols(serverName, options);
		HttpServer server = HttpServer.create()
			.bindAddress(() -> new InetSocketAddress(socket.address(), socket.port()))
			.runOn(new SocketLoopResources(this.eventLoops, socket.connectionDistributor(), socket.address()))
			.protocol(options.protocols().toArray(HttpProtocol[]::new))
			.handle(socket::handle);
		PropertyMapper map = PropertyMapper.get();
		server = map.from(options::backlog)
			.when((backlog) -> backlog > 0)
			.to(server, (httpServer, backlog) -> httpServer.option(ChannelOption.SO_BACKLOG, backlog));
		server = customizeLimits(server, options.limits());
		server = customizeMetrics(server, options);
		server = customizeReusePort(server, serverName, options);
		server = customizeV6Only(server, serverName, options, socket);
		ServerTls tls = tls(serverName, options);
		if (tls != null) {
			server = tls.apply(server);
		}
		try {
			return new Opened(server.bindNow(), tls);
		}
		catch (RuntimeException ex) {
			if (tls != null) {
				tls.close();
			}
			throw ex;
		}
	}

	private @Nullable ServerTls tls(String serverName, BindOptions options) {
		String certificateName = options.certificateName();
		if (certificateName == null) {
			return null;
		}
		CertificateDatabase database = this.certificateDatabase.getIfAvailable();
		if (database == null) {
			throw new ServerSetupException(serverName, ServerSetupException.propertyPath(serverName, "certificate-name"),
					certificateName,
					"Server '" + serverName + "' asks for the certificate '" + certificateName
							+ "', but no certificate database is configured.",
					"Set 'bind.certificate-database.location' to a PKCS12 or JKS key store holding the certificate, "
							+ "or 'bind.certificate-database.bundle' to an SSL bundle.",
					null);
		}
		return ServerTls.create(database, serverName, certificateName, options.clientCertificate(),
				options.protocols().contains(HttpProtocol.H2));
	}

	private static void checkProtocols(String serverName, BindOptions options) {
		List<HttpProtocol> protocols = options.protocols();
		String property = ServerSetupException.propertyPath(serverName, "protocols");
		if (protocols.contains(HttpProtocol.HTTP3)) {
			throw new ServerSetupException(serverName, property, protocols,
					"Server '" + serverName + "' asks for HTTP/3, which runs over QUIC (UDP), not over the TCP socket "
							+ "of a bound server.",
					"Remove HTTP3 from '" + property + "'.", null);
		}
		if (options.isSecure() && protocols.contains(HttpProtocol.H2C)) {
			throw new ServerSetupException(serverName, property, protocols,
					"Server '" + serverName + "' is secure but asks for H2C, HTTP/2 without TLS.",
					"Use H2 instead of H2C in '" + property + "'.", null);
		}
		if (!options.isSecure() && protocols.contains(HttpProtocol.H2)) {
			throw new ServerSetupException(serverName, property, protocols,
					"Server '" + serverName + "' asks for H2, HTTP/2 over TLS, but has no certificate.",
					"Use H2C for HTTP/2 without TLS in '" + property + "', or set '"
							+ ServerSetupException.propertyPath(serverName, "certificate-name") + "'.",
					null);
		}
	}

	private static HttpServer customizeLimits(HttpServer server, ServerLimits limits) {
		PropertyMapper map = PropertyMapper.get();
		// HTTP/2 has no request line: its header list limit covers the path as well.
		server = server.httpRequestDecoder((spec) -> spec.maxInitialLineLength(toInt(limits.maxInitialLineLength()))
			.maxHeaderSize(toInt(limits.maxHeaderSize())))
			.http2Settings((settings) -> settings.maxConcurrentStreams(limits.maxConcurrentStreams())
				.maxHeaderListSize(limits.maxHeaderSize().toBytes()));
		server = map.from(limits::idleTimeout).when(SocketServerFactory::isPositive).to(server, HttpServer::idleTimeout);
		server = map.from(limits::readTimeout).when(SocketServerFactory::isPositive).to(server, HttpServer::readTimeout);
		return map.from(limits::maxConnections).when((max) -> max > 0).to(server, HttpServer::maxConnections);
	}

	private static boolean isPositive(Duration duration) {
		// Zero means no limit: Reactor Netty would make it 1ms.
		return !duration.isZero() && !duration.isNegative();
	}

	private static int toInt(DataSize size) {
		return (int) Math.min(Integer.MAX_VALUE, size.toBytes());
	}

	private static HttpServer customizeMetrics(HttpServer server, BindOptions options) {
		if (!options.isMetrics()) {
			return server;
		}
		server = TrafficCounter.countBytes(server);
		return MICROMETER ? server.metrics(true, SocketServerFactory::uriTag) : server;
	}

	/**
	 * Keep the {@code uri} tag of Reactor Netty's meters bounded: no query, and every
	 * path segment with a digit (an id) folded into {@code {id}}.
	 * @param uri the request URI
	 * @return the tag value
	 */
	static String uriTag(String uri) {
		int query = uri.indexOf('?');
		String path = (query >= 0) ? uri.substring(0, query) : uri;
		return Arrays.stream(path.split("/", -1))
			.map((segment) -> segment.chars().anyMatch(Character::isDigit) ? "{id}" : segment)
			.collect(Collectors.joining("/"));
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
		return new ServerSetupException(serverName, ServerSetupException.propertyPath(serverName, property), true,
				"Server '" + serverName + "' cannot set " + option + ": the NIO transport cannot.",
				"Add io.netty:netty-transport-native-epoll (classifier linux-x86_64) to the class path and leave "
						+ "'bind.event-loop.prefer-native' true, or set '"
						+ ServerSetupException.propertyPath(serverName, property) + "' to false.",
				null);
	}

}
