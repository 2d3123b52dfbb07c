package dev.nettybind.server;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.jspecify.annotations.Nullable;
import reactor.netty.http.HttpProtocol;

import dev.nettybind.shared.Distribution;
import dev.nettybind.tls.ClientCertificateMode;

/**
 * How to bind one server: the arguments of Dart's {@code HttpServer.bind}. Immutable:
 * every method that changes an option returns a new instance.
 *
 * <pre class="code">
 * BindOptions options = BindOptions.of("LOOPBACK_IP_V4", 0).backlog(128);
 * </pre>
 *
 * @author Netty Bind Starter contributors
 * @since 0.1.0
 */
public final class BindOptions {

	private String address;

	private int port;

	private int backlog;

	private boolean v6Only;

	private boolean shared;

	private Distribution distribution = Distribution.ROUND_ROBIN;

	private boolean reusePort;

	private int eventLoopThreads;

	private @Nullable String certificateName;

	private ClientCertificateMode clientCertificate = ClientCertificateMode.NONE;

	private List<HttpProtocol> protocols = List.of();

	private boolean metrics;

	private ServerLimits limits = ServerLimits.DEFAULTS;

	private BindOptions(String address, int port) {
		this.address = address;
		this.port = port;
	}

	private BindOptions(BindOptions other) {
		this.address = other.address;
		this.port = other.port;
		this.backlog = other.backlog;
		this.v6Only = other.v6Only;
		this.shared = other.shared;
		this.distribution = other.distribution;
		this.reusePort = other.reusePort;
		this.eventLoopThreads = other.eventLoopThreads;
		this.certificateName = other.certificateName;
		this.clientCertificate = other.clientCertificate;
		this.protocols = other.protocols;
		this.metrics = other.metrics;
		this.limits = other.limits;
	}

	/**
	 * Options to bind the given address and port.
	 * @param address LOOPBACK_IP_V4, LOOPBACK_IP_V6, ANY_IP_V4, ANY_IP_V6, an IP literal
	 * or a host name (the first address of its lookup is used)
	 * @param port the port, 0 for an ephemeral port
	 * @return a new {@link BindOptions}
	 */
	public static BindOptions of(String address, int port) {
		Objects.requireNonNull(address, "address");
		if (address.isBlank()) {
			throw new IllegalArgumentException("address must not be blank");
		}
		if (port < 0 || port > 65535) {
			throw new IllegalArgumentException("port must be between 0 and 65535, was " + port);
		}
		return new BindOptions(address, port);
	}

	/**
	 * Set the listen backlog.
	 * @param backlog the backlog, 0 to let the system choose
	 * @return a new {@link BindOptions}
	 */
	public BindOptions backlog(int backlog) {
		if (backlog < 0) {
			throw new IllegalArgumentException("backlog must be 0 (the system default) or more, was " + backlog);
		}
		BindOptions copy = new BindOptions(this);
		copy.backlog = backlog;
		return copy;
	}

	/**
	 * Set whether an IPv6 socket refuses IPv4 clients.
	 * @param v6Only {@code true} for an IPv6-only socket
	 * @return a new {@link BindOptions}
	 */
	public BindOptions v6Only(boolean v6Only) {
		BindOptions copy = new BindOptions(this);
		copy.v6Only = v6Only;
		return copy;
	}

	/**
	 * Set whether other servers of this application may bind the same address, port and
	 * v6-only setting, sharing one socket.
	 * @param shared {@code true} to share
	 * @return a new {@link BindOptions}
	 */
	public BindOptions shared(boolean shared) {
		BindOptions copy = new BindOptions(this);
		copy.shared = shared;
		return copy;
	}

	/**
	 * Set how a shared socket distributes its connections among its servers.
	 * @param distribution the distribution
	 * @return a new {@link BindOptions}
	 */
	public BindOptions distribution(Distribution distribution) {
		BindOptions copy = new BindOptions(this);
		copy.distribution = Objects.requireNonNull(distribution, "distribution");
		return copy;
	}

	/**
	 * Set whether the socket sets {@code SO_REUSEPORT}, so that several processes (or
	 * several servers of this one that are not shared) can bind the same address and
	 * port, the kernel spreading connections among them. Needs the epoll transport.
	 * @param reusePort {@code true} to set {@code SO_REUSEPORT}
	 * @return a new {@link BindOptions}
	 */
	public BindOptions reusePort(boolean reusePort) {
		BindOptions copy = new BindOptions(this);
		copy.reusePort = reusePort;
		return copy;
	}

	/**
	 * Give the server event loops of its own, so that a slow handler of this server
	 * does not stall the others (the analogue of a Dart isolate).
	 * @param eventLoopThreads the number of threads, 0 to share the application's
	 * @return a new {@link BindOptions}
	 */
	public BindOptions eventLoopThreads(int eventLoopThreads) {
		if (eventLoopThreads < 0) {
			throw new IllegalArgumentException(
					"eventLoopThreads must be 0 (the application's event loops) or more, was " + eventLoopThreads);
		}
		BindOptions copy = new BindOptions(this);
		copy.eventLoopThreads = eventLoopThreads;
		return copy;
	}

	/**
	 * Make the server secure, as Dart's {@code HttpServer.bindSecure} does: it presents
	 * the certificate with this alias (nickname) or subject DN from the certificate
	 * database.
	 * @param certificateName the alias or subject DN, {@code null} for plain HTTP
	 * @return a new {@link BindOptions}
	 */
	public BindOptions certificateName(@Nullable String certificateName) {
		BindOptions copy = new BindOptions(this);
		copy.certificateName = certificateName;
		return copy;
	}

	/**
	 * Set whether a secure server asks its clients for a certificate.
	 * @param clientCertificate the client-certificate mode
	 * @return a new {@link BindOptions}
	 */
	public BindOptions clientCertificate(ClientCertificateMode clientCertificate) {
		BindOptions copy = new BindOptions(this);
		copy.clientCertificate = Objects.requireNonNull(clientCertificate, "clientCertificate");
		return copy;
	}

	/**
	 * Set the HTTP protocols the server speaks: {@code H2} and {@code HTTP11} on a secure
	 * server (negotiated with ALPN), {@code H2C} and {@code HTTP11} on a plain one.
	 * Without it a secure server speaks {@code H2} and {@code HTTP11}, a plain one
	 * {@code HTTP11}.
	 * @param protocols the protocols
	 * @return a new {@link BindOptions}
	 */
	public BindOptions protocols(HttpProtocol... protocols) {
		BindOptions copy = new BindOptions(this);
		copy.protocols = List.of(protocols);
		return copy;
	}

	/**
	 * Set whether to record the requests (by status) and the bytes of the server, and
	 * Reactor Netty's own {@code reactor.netty.http.server.*} meters.
	 * @param metrics {@code true} to record them
	 * @return a new {@link BindOptions}
	 */
	public BindOptions metrics(boolean metrics) {
		BindOptions copy = new BindOptions(this);
		copy.metrics = metrics;
		return copy;
	}

	/**
	 * Set what the server accepts from its clients, and for how long it waits for them.
	 * @param limits the limits
	 * @return a new {@link BindOptions}
	 */
	public BindOptions limits(ServerLimits limits) {
		BindOptions copy = new BindOptions(this);
		copy.limits = Objects.requireNonNull(limits, "limits");
		return copy;
	}

	/**
	 * Return the address as given.
	 * @return the address
	 */
	public String address() {
		return this.address;
	}

	/**
	 * Return the requested port.
	 * @return the port, 0 for an ephemeral port
	 */
	public int port() {
		return this.port;
	}

	/**
	 * Return the listen backlog.
	 * @return the backlog, 0 for the system default
	 */
	public int backlog() {
		return this.backlog;
	}

	/**
	 * Return whether an IPv6 socket refuses IPv4 clients.
	 * @return whether the socket is IPv6-only
	 */
	public boolean isV6Only() {
		return this.v6Only;
	}

	/**
	 * Return whether other servers may share the socket.
	 * @return whether the socket is shared
	 */
	public boolean isShared() {
		return this.shared;
	}

	/**
	 * Return how a shared socket distributes its connections.
	 * @return the distribution
	 */
	public Distribution distribution() {
		return this.distribution;
	}

	/**
	 * Return whether the socket sets {@code SO_REUSEPORT}.
	 * @return whether the port may be reused
	 */
	public boolean isReusePort() {
		return this.reusePort;
	}

	/**
	 * Return the number of event-loop threads of the server's own.
	 * @return the thread count, 0 for the application's event loops
	 */
	public int eventLoopThreads() {
		return this.eventLoopThreads;
	}

	/**
	 * Return the alias or subject DN of the certificate of a secure server.
	 * @return the certificate name, or {@code null} for plain HTTP
	 */
	public @Nullable String certificateName() {
		return this.certificateName;
	}

	/**
	 * Return whether the server speaks TLS: it has a certificate name.
	 * @return whether it is secure
	 */
	public boolean isSecure() {
		return this.certificateName != null;
	}

	/**
	 * Return whether a secure server asks its clients for a certificate.
	 * @return the client-certificate mode
	 */
	public ClientCertificateMode clientCertificate() {
		return this.clientCertificate;
	}

	/**
	 * Return the HTTP protocols the server speaks, defaults applied.
	 * @return the protocols
	 */
	public List<HttpProtocol> protocols() {
		if (!this.protocols.isEmpty()) {
			return this.protocols;
		}
		return isSecure() ? List.of(HttpProtocol.H2, HttpProtocol.HTTP11) : List.of(HttpProtocol.HTTP11);
	}

	/**
	 * Return whether requests and bytes are recorded.
	 * @return whether metrics are on
	 */
	public boolean isMetrics() {
		return this.metrics;
	}

	/**
	 * Return what the server accepts from its clients.
	 * @return the limits
	 */
	public ServerLimits limits() {
		return this.limits;
	}

	/**
	 * Return the settings, besides address, port, v6-only, reuse-port and distribution, that
	 * belong to the socket: the servers sharing a socket must agree on them.
	 * @return the settings by property name
	 */
	Map<String, Object> socketSettings() {
		Map<String, Object> settings = new LinkedHashMap<>();
		settings.put("backlog", this.backlog);
		settings.put("certificate-name", this.certificateName);
		settings.put("request-client-certificate", this.clientCertificate != ClientCertificateMode.NONE);
		settings.put("require-client-certificate", this.clientCertificate == ClientCertificateMode.REQUIRE);
		settings.put("protocols", protocols());
		settings.put("metrics", this.metrics);
		settings.put("limits.max-initial-line-length", this.limits.maxInitialLineLength());
		settings.put("limits.max-header-size", this.limits.maxHeaderSize());
		settings.put("limits.max-body-size", this.limits.maxBodySize());
		settings.put("limits.header-timeout", this.limits.headerTimeout());
		// Every way to say "no limit" is the same setting.
		settings.put("limits.idle-timeout", limitOrNull(this.limits.idleTimeout()));
		settings.put("limits.read-timeout", limitOrNull(this.limits.readTimeout()));
		settings.put("limits.max-connections", Math.max(this.limits.maxConnections(), 0));
		settings.put("limits.max-concurrent-streams", this.limits.maxConcurrentStreams());
		return settings;
	}

	private static @Nullable Duration limitOrNull(@Nullable Duration duration) {
		return (duration != null && !duration.isZero() && !duration.isNegative()) ? duration : null;
	}

	@Override
	public String toString() {
		return "BindOptions{address=" + this.address + ", port=" + this.port + ", backlog=" + this.backlog
				+ ", v6Only=" + this.v6Only + ", shared=" + this.shared + ", distribution=" + this.distribution
				+ ", reusePort=" + this.reusePort + ", eventLoopThreads=" + this.eventLoopThreads + ", certificateName="
				+ this.certificateName + ", clientCertificate=" + this.clientCertificate + ", protocols=" + protocols()
				+ ", metrics=" + this.metrics + ", limits=" + this.limits + "}";
	}

}
