package dev.nettybind.config;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import org.jspecify.annotations.Nullable;
import reactor.netty.http.HttpProtocol;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

import dev.nettybind.shared.Distribution;

/**
 * Named HTTP servers, each bound with the semantics of Dart's {@code HttpServer.bind}.
 *
 * @author Netty Bind Starter contributors
 * @since 0.1.0
 */
@ConfigurationProperties("bind")
@Validated
public class BindProperties {

	/**
	 * Whether to bind servers at all. By default the starter is active when
	 * 'bind.servers' declares at least one server; set true to get the programmatic
	 * ServerBinder without any configured server, false to turn the starter off.
	 */
	private final @Nullable Boolean enabled;

	/**
	 * Whether the servers of 'bind.servers' replace Spring Boot's own reactive web
	 * server (server.port) in a WebFlux application: the application is then served
	 * only by them. A management server on its own port (management.server.port) still
	 * starts.
	 */
	private final boolean replaceWebServer;

	/**
	 * Servers to bind, by name. The name is also the qualifier of the server's
	 * BoundServer bean and the key of its 'local.bind.<name>.port' property.
	 */
	private final Map<String, @Valid Server> servers;

	/**
	 * The certificate database that secure servers take their certificate from, by
	 * alias or subject DN.
	 */
	private final @Valid CertificateDatabase certificateDatabase;

	/**
	 * Event loops that serve the connections of every server that has no event loop of
	 * its own.
	 */
	private final @Valid EventLoop eventLoop;

	/**
	 * How servers stop when the application closes.
	 */
	private final @Valid Shutdown shutdown;

	public BindProperties(@Nullable Boolean enabled, @DefaultValue("false") boolean replaceWebServer,
			@DefaultValue Map<String, Server> servers,
			@DefaultValue CertificateDatabase certificateDatabase, @DefaultValue EventLoop eventLoop,
			@DefaultValue Shutdown shutdown) {
		this.enabled = enabled;
		this.replaceWebServer = replaceWebServer;
		this.certificateDatabase = certificateDatabase;
		this.servers = new LinkedHashMap<>(servers);
		this.eventLoop = eventLoop;
		this.shutdown = shutdown;
	}

	public @Nullable Boolean getEnabled() {
		return this.enabled;
	}

	public boolean isReplaceWebServer() {
		return this.replaceWebServer;
	}

	public Map<String, Server> getServers() {
		return this.servers;
	}

	public CertificateDatabase getCertificateDatabase() {
		return this.certificateDatabase;
	}

	public EventLoop getEventLoop() {
		return this.eventLoop;
	}

	public Shutdown getShutdown() {
		return this.shutdown;
	}

	/**
	 * One named server.
	 */
	public static class Server {

		/**
		 * Address to listen on: LOOPBACK_IP_V4, LOOPBACK_IP_V6, ANY_IP_V4, ANY_IP_V6, an
		 * IPv4 or IPv6 literal (brackets and a zone id allowed), or a host name, of which
		 * the first address returned by the lookup is used.
		 */
		@NotBlank(message = "must not be blank: use LOOPBACK_IP_V4, LOOPBACK_IP_V6, ANY_IP_V4, ANY_IP_V6, an IP literal or a host name")
		private final String address;

		/**
		 * Port to listen on; 0 picks an ephemeral port, published as
		 * 'local.bind.<name>.port'.
		 */
		@Min(value = 0, message = "must be between 0 and 65535 (0 picks an ephemeral port)")
		@Max(value = 65535, message = "must be between 0 and 65535 (0 picks an ephemeral port)")
		private final int port;

		/**
		 * Listen backlog of the socket; 0 lets the system choose (net.core.somaxconn on
		 * Linux).
		 */
		@Min(value = 0, message = "must be 0 (the system default) or more")
		private final int backlog;

		/**
		 * Whether an IPv6 socket refuses IPv4 clients (IPV6_V6ONLY). Without it an IPv6
		 * address also accepts IPv4 clients.
		 */
		private final boolean v6Only;

		/**
		 * Whether other servers of this application may bind the same address, port and
		 * v6-only setting; connections are then distributed among them.
		 */
		private final boolean shared;

		/**
		 * How a shared socket hands its connections to its servers. All servers sharing
		 * a socket must agree.
		 */
		private final Distribution distribution;

		/**
		 * Whether to set SO_REUSEPORT, so that several processes (or several servers of
		 * this application that are not shared) can bind the same address and port, the
		 * kernel spreading connections among them. Needs the epoll transport.
		 */
		private final boolean reusePort;

		/**
		 * Number of event-loop threads of this server's own, so that a slow handler does
		 * not stall other servers; 0 shares the application's event loops.
		 */
		@Min(value = 0, message = "must be 0 (the application's event loops) or more")
		private final int eventLoopThreads;

		/**
		 * Alias (nickname) or subject DN of the certificate, in the certificate
		 * database, that makes this server secure (HTTPS). The DN is compared as an
		 * X.500 name, so spacing and attribute case do not matter.
		 */
		private final @Nullable String certificateName;

		/**
		 * Whether a secure server asks clients for a certificate; clients that send
		 * none are still accepted, clients whose certificate does not chain to a
		 * trusted certificate of the database are refused.
		 */
		private final boolean requestClientCertificate;

		/**
		 * Whether a secure server refuses clients without a certificate that chains to
		 * a trusted certificate of the database (mutual TLS).
		 */
		private final boolean requireClientCertificate;

		/**
		 * HTTP protocols to speak: H2 and HTTP11 on a secure server (negotiated with
		 * ALPN), H2C and HTTP11 on a plain one. By default a secure server speaks H2 and
		 * HTTP11, a plain one HTTP11.
		 */
		private final List<HttpProtocol> protocols;

		/**
		 * Whether the application fails to start when this server cannot be bound. When
		 * false the failure is logged, the server is reported FAILED, and the health of
		 * the servers is DOWN.
		 */
		private final boolean required;

		/**
		 * Whether to record the requests (by status) and bytes of this server, and
		 * Reactor Netty's own reactor.netty.http.server.* meters. Connection meters are
		 * always recorded.
		 */
		private final boolean metrics;

		/**
		 * What the server accepts from its clients, and for how long it waits for them.
		 */
		private final @Valid Limits limits;

		/**
		 * Name of the bean that handles requests: a BiFunction<HttpServerRequest,
		 * HttpServerResponse, Publisher<Void>> or a Consumer<HttpServerRoutes>. Without
		 * it the application's WebFlux HttpHandler serves the requests.
		 */
		private final @Nullable String handler;

		public Server(@DefaultValue("LOOPBACK_IP_V4") String address, @DefaultValue("0") int port,
				@DefaultValue("0") int backlog, @DefaultValue("false") boolean v6Only,
				@DefaultValue("false") boolean shared, @DefaultValue("round-robin") Distribution distribution,
				@DefaultValue("false") boolean reusePort, @DefaultValue("0") int eventLoopThreads,
				@Nullable String certificateName, @DefaultValue("false") boolean requestClientCertificate,
				@DefaultValue("false") boolean requireClientCertificate, @DefaultValue List<HttpProtocol> protocols,
				@DefaultValue("true") boolean required, @DefaultValue("false") boolean metrics,
				@DefaultValue Limits limits, @Nullable String handler) {
			this.address = address;
			this.port = port;
			this.backlog = backlog;
			this.v6Only = v6Only;
			this.shared = shared;
			this.distribution = distribution;
			this.reusePort = reusePort;
			this.eventLoopThreads = eventLoopThreads;
			this.certificateName = certificateName;
			this.requestClientCertificate = requestClientCertificate;
			this.requireClientCertificate = requireClientCertificate;
			this.protocols = List.copyOf(protocols);
			this.required = required;
			this.metrics = metrics;
			this.limits = limits;
			this.handler = handler;
		}

		public String getAddress() {
			return this.address;
		}

		public int getPort() {
			return this.port;
		}

		public int getBacklog() {
			return this.backlog;
		}

		public boolean isV6Only() {
			return this.v6Only;
		}

		public boolean isShared() {
			return this.shared;
		}

		public Distribution getDistribution() {
			return this.distribution;
		}

		public boolean isReusePort() {
			return this.reusePort;
		}

		public int getEventLoopThreads() {
			return this.eventLoopThreads;
		}

		public @Nullable String getCertificateName() {
			return this.certificateName;
		}

		public boolean isRequestClientCertificate() {
			return this.requestClientCertificate;
		}

		public boolean isRequireClientCertificate() {
			return this.requireClientCertificate;
		}

		public List<HttpProtocol> getProtocols() {
			return this.protocols;
		}

		public boolean isRequired() {
			return this.required;
		}

		public boolean isMetrics() {
			return this.metrics;
		}

		public Limits getLimits() {
			return this.limits;
		}

		public @Nullable String getHandler() {
			return this.handler;
		}

	}

	/**
	 * Limits of one server.
	 */
	public static class Limits {

		/**
		 * Longest HTTP/1.1 request line (method, URI, version); longer ones are answered
		 * 414. HTTP/2 has no request line: its path counts in max-header-size.
		 */
		@NotNull
		private final DataSize maxInitialLineLength;

		/**
		 * Largest request headers; larger ones are answered 431. On HTTP/2 it is also the
		 * SETTINGS_MAX_HEADER_LIST_SIZE the server announces.
		 */
		@NotNull
		private final DataSize maxHeaderSize;

		/**
		 * Largest body a request may declare in its Content-Length; larger ones are
		 * answered 413 without calling the handler; -1 for no limit. Bodies of unknown
		 * length are the handler's to cap.
		 */
		private final @Nullable DataSize maxBodySize;

		/**
		 * How long a new connection may take to deliver the headers of its first
		 * request before it is closed, against slowloris; 0 for no limit.
		 */
		@NotNull
		private final Duration headerTimeout;

		/**
		 * How long a connection may wait for its next request before it is closed; no
		 * limit by default, as Reactor Netty enforces it at a cost on every request.
		 */
		private final @Nullable Duration idleTimeout;

		/**
		 * How long the body of a request may pause between two reads before the
		 * connection is closed; no limit by default, as Reactor Netty enforces it at a
		 * cost on every request.
		 */
		private final @Nullable Duration readTimeout;

		/**
		 * Most connections open at once; the next one is closed as it is accepted,
		 * without harming the others. -1 or 0 for no limit.
		 */
		@Min(value = -1, message = "must be -1 or 0 (no limit) or more")
		private final int maxConnections;

		/**
		 * Most HTTP/2 streams a connection may have open at once. Netty also refuses
		 * more than 200 stream resets in 30s (rapid reset).
		 */
		@Min(value = 1, message = "must be 1 or more")
		private final long maxConcurrentStreams;

		public Limits(@DefaultValue("4KB") DataSize maxInitialLineLength, @DefaultValue("8KB") DataSize maxHeaderSize,
				@DefaultValue("16MB") @Nullable DataSize maxBodySize, @DefaultValue("20s") Duration headerTimeout,
				@Nullable Duration idleTimeout, @Nullable Duration readTimeout,
				@DefaultValue("10000") int maxConnections, @DefaultValue("128") long maxConcurrentStreams) {
			this.maxInitialLineLength = maxInitialLineLength;
			this.maxHeaderSize = maxHeaderSize;
			this.maxBodySize = maxBodySize;
			this.headerTimeout = headerTimeout;
			this.idleTimeout = idleTimeout;
			this.readTimeout = readTimeout;
			this.maxConnections = maxConnections;
			this.maxConcurrentStreams = maxConcurrentStreams;
		}

		public DataSize getMaxInitialLineLength() {
			return this.maxInitialLineLength;
		}

		public DataSize getMaxHeaderSize() {
			return this.maxHeaderSize;
		}

		public @Nullable DataSize getMaxBodySize() {
			return this.maxBodySize;
		}

		public Duration getHeaderTimeout() {
			return this.headerTimeout;
		}

		public @Nullable Duration getIdleTimeout() {
			return this.idleTimeout;
		}

		public @Nullable Duration getReadTimeout() {
			return this.readTimeout;
		}

		public int getMaxConnections() {
			return this.maxConnections;
		}

		public long getMaxConcurrentStreams() {
			return this.maxConcurrentStreams;
		}

	}

	/**
	 * The certificate database: a key store, or the key store of an SSL bundle.
	 */
	public static class CertificateDatabase {

		/**
		 * Location of the key store, for example 'classpath:certs.p12' or
		 * 'file:/etc/app/certs.p12'. Its key entries are the server certificates, its
		 * trusted-certificate entries the trust anchors for client certificates.
		 */
		private final @Nullable String location;

		/**
		 * Type of the key store: PKCS12 or JKS.
		 */
		private final String type;

		/**
		 * Password of the key store.
		 */
		private final @Nullable String password;

		/**
		 * Password of the private keys, when it differs from the key store's.
		 */
		private final @Nullable String keyPassword;

		/**
		 * Name of a Spring Boot SSL bundle (spring.ssl.bundle.*) whose key store, and
		 * trust store if it has one, is the database; instead of 'location'.
		 */
		private final @Nullable String bundle;

		/**
		 * A trust store whose certificates are the trust anchors for client
		 * certificates, instead of the trusted-certificate entries of the key store.
		 */
		private final @Valid TrustStore trustStore;

		/**
		 * Whether to read the key store again when its file changes, so that new
		 * connections get the new certificate without a restart. An SSL bundle reloads
		 * through its own 'reload-on-update'.
		 */
		private final boolean reloadOnUpdate;

		/**
		 * How often the key store file is checked for changes.
		 */
		@NotNull
		private final Duration reloadCheckInterval;

		public CertificateDatabase(@Nullable String location, @DefaultValue("PKCS12") String type,
				@Nullable String password, @Nullable String keyPassword, @Nullable String bundle,
				@DefaultValue TrustStore trustStore, @DefaultValue("false") boolean reloadOnUpdate,
				@DefaultValue("2s") Duration reloadCheckInterval) {
			this.location = location;
			this.type = type;
			this.password = password;
			this.keyPassword = keyPassword;
			this.bundle = bundle;
			this.trustStore = trustStore;
			this.reloadOnUpdate = reloadOnUpdate;
			this.reloadCheckInterval = reloadCheckInterval;
		}

		public @Nullable String getLocation() {
			return this.location;
		}

		public String getType() {
			return this.type;
		}

		public @Nullable String getPassword() {
			return this.password;
		}

		public @Nullable String getKeyPassword() {
			return this.keyPassword;
		}

		public @Nullable String getBundle() {
			return this.bundle;
		}

		public TrustStore getTrustStore() {
			return this.trustStore;
		}

		public boolean isReloadOnUpdate() {
			return this.reloadOnUpdate;
		}

		public Duration getReloadCheckInterval() {
			return this.reloadCheckInterval;
		}

	}

	/**
	 * A separate trust store for client certificates.
	 */
	public static class TrustStore {

		/**
		 * Location of the trust store, for example 'file:/etc/app/clients-ca.p12'.
		 */
		private final @Nullable String location;

		/**
		 * Type of the trust store: PKCS12 or JKS.
		 */
		private final String type;

		/**
		 * Password of the trust store.
		 */
		private final @Nullable String password;

		public TrustStore(@Nullable String location, @DefaultValue("PKCS12") String type,
				@Nullable String password) {
			this.location = location;
			this.type = type;
			this.password = password;
		}

		public @Nullable String getLocation() {
			return this.location;
		}

		public String getType() {
			return this.type;
		}

		public @Nullable String getPassword() {
			return this.password;
		}

	}

	/**
	 * Event loops shared by the servers.
	 */
	public static class EventLoop {

		/**
		 * Number of event-loop threads; 0 uses the number of CPUs this process may run
		 * on (CPU affinity and container quota), which avoids threads competing for too
		 * few cores.
		 */
		@Min(value = 0, message = "must be 0 (one thread per available CPU) or more")
		private final int threads;

		/**
		 * Whether to use the native epoll transport when it is available. NIO cannot
		 * set IPV6_V6ONLY or SO_REUSEPORT.
		 */
		private final boolean preferNative;

		public EventLoop(@DefaultValue("0") int threads, @DefaultValue("true") boolean preferNative) {
			this.threads = threads;
			this.preferNative = preferNative;
		}

		public int getThreads() {
			return this.threads;
		}

		public boolean isPreferNative() {
			return this.preferNative;
		}

	}

	/**
	 * Shutdown of the servers.
	 */
	public static class Shutdown {

		/**
		 * How long in-flight requests may run once the application closes; what is
		 * still open after it is cut.
		 */
		@NotNull
		private final Duration timeout;

		public Shutdown(@DefaultValue("30s") Duration timeout) {
			this.timeout = timeout;
		}

		public Duration getTimeout() {
			return this.timeout;
		}

	}

}
