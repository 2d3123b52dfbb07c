package dev.nettybind.server;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import io.netty.channel.ChannelOption;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.util.NetUtil;
import org.jspecify.annotations.Nullable;
import reactor.netty.DisposableServer;
import reactor.netty.http.HttpProtocol;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.http.server.ProxyProtocolSupportType;

import org.springframework.boot.context.properties.PropertyMapper;
import org.springframework.util.ClassUtils;
import org.springframework.util.MimeType;
import org.springframework.util.MimeTypeUtils;
import org.springframework.util.StringUtils;
import org.springframework.util.unit.DataSize;

import dev.nettybind.diagnostics.OptionNames;
import dev.nettybind.diagnostics.ServerSetupException;
import dev.nettybind.shared.ListeningSocket;
import dev.nettybind.shared.SocketRequest;
import dev.nettybind.shared.SharedBindingRegistry.SocketOpener.Opened;
import dev.nettybind.connection.SocketMember;
import dev.nettybind.connection.TrafficCounter;
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

	private static final boolean HAPROXY = ClassUtils.isPresent("io.netty.handler.codec.haproxy.HAProxyMessageDecoder",
			SocketServerFactory.class.getClassLoader());

	/**
	 * The largest SETTINGS_MAX_HEADER_LIST_SIZE of HTTP/2, an unsigned 32-bit value.
	 */
	private static final long MAX_HEADER_LIST_SIZE = 0xFFFFFFFFL;

	private final EventLoops eventLoops;

	private final Supplier<@Nullable CertificateDatabase> certificateDatabase;

	private final List<BindServerCustomizer> customizers;

	SocketServerFactory(EventLoops eventLoops, Supplier<@Nullable CertificateDatabase> certificateDatabase,
			List<BindServerCustomizer> customizers) {
		this.eventLoops = eventLoops;
		this.certificateDatabase = certificateDatabase;
		this.customizers = List.copyOf(customizers);
	}

	Opened bind(OptionNames names, BindOptions options, ListeningSocket socket) {
		SocketRequest request = socket.request();
		HttpServer server = HttpServer.create()
			.bindAddress(() -> bindAddress(request))
			.runOn(new SocketLoopResources(this.eventLoops, socket.connectionDistributor(), request,
					(options.getBacklog() > 0) ? options.getBacklog() : NetUtil.SOMAXCONN))
			.protocol(options.resolvedProtocols().toArray(HttpProtocol[]::new))
			.handle(socket::handle);
		PropertyMapper map = PropertyMapper.get();
		server = map.from(options::getBacklog)
			.when((backlog) -> backlog > 0)
			.to(server, (httpServer, backlog) -> httpServer.option(ChannelOption.SO_BACKLOG, backlog));
		server = customizeLimits(server, options.getLimits());
		server = customizeMetrics(server, options);
		server = customizeCompression(server, options.getCompression());
		server = customizeForwarded(server, options.getForwarded());
		server = customizeProxyProtocol(server, names, options.getProxyProtocol());
		server = map.from(options::getAccessLog)
			.when(BindOptions.AccessLog::isEnabled)
			.to(server, (httpServer, accessLog) -> httpServer.accessLog(true,
					new AccessLogLines(accessLog.getFormat(), names.serverName())));
		server = customizeReusePort(server, names, options);
		server = customizeV6Only(server, names, options, socket);
		ServerTls tls = tls(names, options);
		if (tls != null) {
			server = tls.apply(server);
		}
		List<HttpProtocol> protocols = options.resolvedProtocols();
		boolean http2 = protocols.contains(HttpProtocol.H2) || protocols.contains(HttpProtocol.H2C);
		server = SocketMember.prepare(server, tls != null, http2, options.getLimits().getMaxConnections(),
				socket::members);
		for (BindServerCustomizer customizer : this.customizers) {
			server = customizer.customize(names.serverName(), server);
		}
		DisposableServer bound = null;
		try {
			bound = server.bindNow();
			setPermissions(names, options, request);
			return new Opened(bound, tls);
		}
		catch (RuntimeException ex) {
			if (bound != null) {
				bound.disposeNow();
			}
			if (tls != null) {
				tls.close();
			}
			throw ex;
		}
	}

	private static SocketAddress bindAddress(SocketRequest request) {
		Path path = request.path();
		return (path != null) ? EpollSockets.domainSocketAddress(path)
				: new InetSocketAddress(request.address(), request.port());
	}

	private static void setPermissions(OptionNames names, BindOptions options, SocketRequest request) {
		String permissions = options.getUnixSocketPermissions();
		Path path = request.path();
		if (permissions == null || path == null || request.inheritedDescriptor() != null) {
			return;
		}
		try {
			Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(rwx(permissions)));
		}
		catch (IOException ex) {
			throw new ServerSetupException(names.serverName(), names.of("unix-socket-permissions"), permissions,
					"Server '" + names.serverName() + "' could not set the mode of its socket file " + path + ": "
							+ ex.getMessage() + ".",
					"Run the application as the owner of " + path.getParent() + ", or remove '"
							+ names.of("unix-socket-permissions") + "'.",
					ex);
		}
	}

	private @Nullable ServerTls tls(OptionNames names, BindOptions options) {
		String certificateName = options.getCertificateName();
		if (certificateName == null) {
			return null;
		}
		CertificateDatabase database = this.certificateDatabase.get();
		if (database == null) {
			throw new ServerSetupException(names.serverName(), names.of("certificate-name"), certificateName,
					"Server '" + names.serverName() + "' asks for the certificate '" + certificateName
							+ "', but no certificate database is configured.",
					"Set 'bind.certificate-database.location' to a PKCS12 or JKS key store holding the certificate, "
							+ "or 'bind.certificate-database.bundle' to an SSL bundle.",
					null);
		}
		return ServerTls.create(database, names, certificateName, options.getSni(), options.isSniStrict(),
				options.clientCertificateMode(),
				options.resolvedProtocols().contains(HttpProtocol.H2));
	}

	/**
	 * Return a mode of three octal digits, validated, as {@code ls} writes it:
	 * {@code 660} is {@code rw-rw----}.
	 */
	private static String rwx(String octal) {
		StringBuilder rwx = new StringBuilder(9);
		for (char digit : octal.toCharArray()) {
			int bits = digit - '0';
			rwx.append(((bits & 4) != 0) ? 'r' : '-')
				.append(((bits & 2) != 0) ? 'w' : '-')
				.append(((bits & 1) != 0) ? 'x' : '-');
		}
		return rwx.toString();
	}

	private static HttpServer customizeLimits(HttpServer server, BindOptions.Limits limits) {
		PropertyMapper map = PropertyMapper.get();
		// HTTP/2 has no request line: its header list limit covers the path as well.
		server = server
			.httpRequestDecoder((spec) -> spec.maxInitialLineLength(toInt(limits.getMaxInitialLineLength()))
				.maxHeaderSize(toInt(limits.getMaxHeaderSize())))
			.http2Settings((settings) -> settings.maxConcurrentStreams(limits.getMaxConcurrentStreams())
				.maxHeaderListSize(Math.min(limits.getMaxHeaderSize().toBytes(), MAX_HEADER_LIST_SIZE)));
		// Zero means no limit: Reactor Netty would make a zero timeout 1ms.
		server = map.from(limits::getIdleTimeout)
			.when((timeout) -> !timeout.isZero())
			.to(server, HttpServer::idleTimeout);
		// Not max-connections: SocketMember.prepare enforces it in front of Reactor Netty's
		// acceptor, which would count each connection a second time.
		return map.from(limits::getReadTimeout)
			.when((timeout) -> !timeout.isZero())
			.to(server, HttpServer::readTimeout);
	}

	private static int toInt(DataSize size) {
		return (int) Math.min(Integer.MAX_VALUE, size.toBytes());
	}

	private static HttpServer customizeCompression(HttpServer server, BindOptions.Compression compression) {
		if (!compression.isEnabled()) {
			return server;
		}
		// Valid: BindOptionsValidation parsed them.
		List<MimeType> mimeTypes = compression.getMimeTypes().stream().map(MimeTypeUtils::parseMimeType).toList();
		// Reactor Netty checks the size and this predicate together, as Boot's own server.
		return server.compress(toInt(compression.getMinResponseSize()))
			.compress((request, response) -> isCompressible(response, mimeTypes));
	}

	private static boolean isCompressible(HttpServerResponse response, List<MimeType> mimeTypes) {
		String contentType = response.responseHeaders().get(HttpHeaderNames.CONTENT_TYPE);
		if (!StringUtils.hasLength(contentType)) {
			return false;
		}
		MimeType type = MimeTypeUtils.parseMimeType(contentType);
		return mimeTypes.stream().anyMatch((candidate) -> candidate.isCompatibleWith(type));
	}

	private static HttpServer customizeForwarded(HttpServer server, BindOptions.Forwarded forwarded) {
		if (forwarded.getTrustedProxies().isEmpty()) {
			return server;
		}
		// Validated before the socket is bound: every block parses.
		List<CidrBlock> trusted = forwarded.getTrustedProxies()
			.stream()
			.map(CidrBlock::parse)
			.map(Objects::requireNonNull)
			.toList();
		return server.forwarded(new TrustedForwardedHeaders(trusted));
	}

	private static HttpServer customizeProxyProtocol(HttpServer server, OptionNames names,
			ProxyProtocolSupportType proxyProtocol) {
		if (proxyProtocol == ProxyProtocolSupportType.OFF) {
			return server;
		}
		if (!HAPROXY) {
			throw new ServerSetupException(names.serverName(), names.of("proxy-protocol"), proxyProtocol,
					"Server '" + names.serverName() + "' cannot read the PROXY protocol: Netty's decoder of it is "
							+ "not on the class path.",
					"Add io.netty:netty-codec-haproxy to the class path (the starter brings it), or set '"
							+ names.of("proxy-protocol") + "' to off.",
					null);
		}
		return server.proxyProtocol(proxyProtocol);
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

	private HttpServer customizeReusePort(HttpServer server, OptionNames names, BindOptions options) {
		if (!options.isReusePort()) {
			return server;
		}
		if (!this.eventLoops.isNative()) {
			throw nativeOnly(names, "reuse-port", "SO_REUSEPORT");
		}
		return server.option(EpollSockets.REUSE_PORT, true);
	}

	private HttpServer customizeV6Only(HttpServer server, OptionNames names, BindOptions options,
			ListeningSocket socket) {
		// An inherited socket is bound already: its owner chose IPV6_V6ONLY.
		if (!(socket.address() instanceof Inet6Address) || socket.isInherited()) {
			return server;
		}
		if (this.eventLoops.isNative()) {
			// Set either way, so that the net.ipv6.bindv6only sysctl cannot change it.
			return server.option(EpollSockets.V6_ONLY, options.isV6Only() ? 1 : 0);
		}
		if (options.isV6Only()) {
			throw nativeOnly(names, "v6-only", "IPV6_V6ONLY");
		}
		return server;
	}

	private static ServerSetupException nativeOnly(OptionNames names, String property, String option) {
		return new ServerSetupException(names.serverName(), names.of(property), true,
				"Server '" + names.serverName() + "' cannot set " + option + ": the NIO transport cannot.",
				"Add io.netty:netty-transport-native-epoll (classifier linux-x86_64) to the class path and leave "
						+ "'bind.event-loop.prefer-native' true, or set '"
						+ names.of(property) + "' to false.",
				null);
	}

}
