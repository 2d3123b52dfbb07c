package dev.nettybind.server;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.jspecify.annotations.Nullable;
import reactor.netty.http.HttpProtocol;
import reactor.netty.http.server.ProxyProtocolSupportType;

import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.util.unit.DataSize;

import dev.nettybind.shared.Distribution;
import dev.nettybind.tls.ClientCertificateMode;

/**
 * How to bind one server: the arguments of Dart's {@code HttpServer.bind}, and every
 * option of a server of {@code bind.servers}. Each option is declared here once, with
 * its default and its constraint; {@code bind.servers.<name>.*} binds onto the same
 * fields, and the binder validates both the same way.
 * <p>
 * The fluent methods return a copy, so that options can be shared and derived:
 *
 * <pre class="code">
 * BindOptions options = BindOptions.of("LOOPBACK_IP_V4", 0).backlog(128);
 * </pre>
 *
 * The setters exist for property binding; a server keeps a copy of the options it was
 * bound with.
 *
 * @author Netty Bind Starter contributors
 * @since 0.1.0
 */
public class BindOptions {

	/**
	 * Address to listen on: LOOPBACK_IP_V4, LOOPBACK_IP_V6, ANY_IP_V4, ANY_IP_V6, an IPv4
	 * or IPv6 literal (brackets and a zone id allowed), a host name, of which the first
	 * address returned by the lookup is used, or 'unix:' and the path of a Unix domain
	 * socket.
	 */
	@NotBlank(message = "must not be blank: use LOOPBACK_IP_V4, LOOPBACK_IP_V6, ANY_IP_V4, ANY_IP_V6, an IP literal, "
			+ "a host name or unix:/path/to/socket")
	private String address = "LOOPBACK_IP_V4";

	/**
	 * Listening socket to take over instead of binding one: 'systemd' for a socket
	 * passed by systemd socket activation (LISTEN_FDS, chosen by LISTEN_FDNAMES equal to
	 * the server name, or the only one passed), or 'fd:' and the number of an inherited
	 * descriptor. Address and port are then those of the socket; when set, the socket
	 * must be on them. Needs the epoll transport.
	 */
	@Pattern(regexp = "systemd|fd:[0-9]+", message = "must be systemd or fd: and a descriptor number, such as fd:3")
	private @Nullable String inherit;

	/**
	 * Port to listen on; 0 picks an ephemeral port, published as
	 * 'local.bind.<name>.port'.
	 */
	@Min(value = 0, message = "must be between 0 and 65535 (0 picks an ephemeral port)")
	@Max(value = 65535, message = "must be between 0 and 65535 (0 picks an ephemeral port)")
	private int port = 0;

	/**
	 * Listen backlog of the socket; 0 lets the system choose (net.core.somaxconn on
	 * Linux).
	 */
	@Min(value = 0, message = "must be 0 (the system default) or more")
	private int backlog = 0;

	/**
	 * File mode of a Unix domain socket, in octal as chmod takes it (such as 660); unset
	 * leaves the mode the process's umask gives.
	 */
	@Pattern(regexp = "[0-7]{3}", message = "must be three octal digits, such as 660 (owner and group may connect)")
	private @Nullable String unixSocketPermissions;

	/**
	 * Whether an IPv6 socket refuses IPv4 clients (IPV6_V6ONLY). Without it an IPv6
	 * address also accepts IPv4 clients.
	 */
	private boolean v6Only = false;

	/**
	 * Whether other servers of this application may bind the same address, port and
	 * v6-only setting; connections are then distributed among them.
	 */
	private boolean shared = false;

	/**
	 * How a shared socket hands its connections to its servers. All servers sharing a
	 * socket must agree.
	 */
	@NotNull(message = "must be set: round-robin or least-connections")
	private Distribution distribution = Distribution.ROUND_ROBIN;

	/**
	 * Whether to set SO_REUSEPORT, so that several processes (or several servers of this
	 * application that are not shared) can bind the same address and port, the kernel
	 * spreading connections among them. Needs the epoll transport.
	 */
	private boolean reusePort = false;

	/**
	 * Number of event-loop threads of this server's own, so that a slow handler does not
	 * stall other servers; 0 shares the application's event loops.
	 */
	@Min(value = 0, message = "must be 0 (the application's event loops) or more")
	private int eventLoopThreads = 0;

	/**
	 * Alias (nickname) or subject DN of the certificate, in the certificate database,
	 * that makes this server secure (HTTPS). The DN is compared as an X.500 name, so
	 * spacing and attribute case do not matter.
	 */
	private @Nullable String certificateName;

	/**
	 * Whether a secure server asks clients for a certificate; clients that send none are
	 * still accepted, clients whose certificate does not chain to a trusted certificate
	 * of the database are refused.
	 */
	private boolean requestClientCertificate = false;

	/**
	 * Whether a secure server refuses clients without a certificate that chains to a
	 * trusted certificate of the database (mutual TLS).
	 */
	private boolean requireClientCertificate = false;

	/**
	 * Certificates by the host name a client asks for (TLS Server Name Indication): an
	 * exact name, or a wildcard of one label written in brackets ('[*.example.com]'), to
	 * the alias or subject DN of a certificate of the database. Clients that name no host,
	 * or another one, get the certificate of certificate-name.
	 */
	@NotNull
	private Map<String, String> sni = Map.of();

	/**
	 * Whether a secure server refuses, with the TLS alert unrecognized_name, a client that
	 * asks for a host name that neither sni maps nor the default certificate covers,
	 * instead of presenting the default certificate.
	 */
	private boolean sniStrict = false;

	/**
	 * HTTP protocols to speak: H2 and HTTP11 on a secure server (negotiated with ALPN),
	 * H2C and HTTP11 on a plain one. By default a secure server speaks H2 and HTTP11, a
	 * plain one HTTP11.
	 */
	@NotNull
	private List<HttpProtocol> protocols = List.of();

	/**
	 * Whether to record the requests (by status) and bytes of this server, and Reactor
	 * Netty's own reactor.netty.http.server.* meters. Connection meters are always
	 * recorded.
	 */
	private boolean metrics = false;

	/**
	 * What the server accepts from its clients, and for how long it waits for them.
	 */
	@Valid
	@NotNull
	@NestedConfigurationProperty
	private Limits limits = new Limits();

	/**
	 * How the server compresses its responses.
	 */
	@Valid
	@NotNull
	@NestedConfigurationProperty
	private Compression compression = new Compression();

	/**
	 * Which peers may tell the server, in Forwarded and X-Forwarded-* headers, whom a
	 * request came from.
	 */
	@Valid
	@NotNull
	@NestedConfigurationProperty
	private Forwarded forwarded = new Forwarded();

	/**
	 * Whether connections begin with the PROXY protocol header (v1 or v2) of a load
	 * balancer, whose client address then stands for the peer's: off; on, every
	 * connection must send one; auto, a connection may (for health checks that send
	 * none). Servers sharing a socket must agree.
	 */
	@NotNull(message = "must be set: off, on or auto")
	private ProxyProtocolSupportType proxyProtocol = ProxyProtocolSupportType.OFF;

	/**
	 * Whether and how the server logs each request it answered, to the logger
	 * dev.nettybind.access.<name>.
	 */
	@Valid
	@NotNull
	@NestedConfigurationProperty
	private AccessLog accessLog = new AccessLog();

	/**
	 * Name of a secure server of this application to which this plain server redirects
	 * every request (308 Permanent Redirect, to the actual port of that server); the
	 * redirect then answers instead of a handler.
	 */
	private @Nullable String redirectTo;

	/**
	 * Create options with every default: the IPv4 loopback address, an ephemeral port.
	 */
	public BindOptions() {
	}

	/**
	 * Options to bind the given address and port.
	 * @param address LOOPBACK_IP_V4, LOOPBACK_IP_V6, ANY_IP_V4, ANY_IP_V6, an IP literal
	 * or a host name (the first address of its lookup is used)
	 * @param port the port, 0 for an ephemeral port
	 * @return a new {@link BindOptions}
	 */
	public static BindOptions of(String address, int port) {
		BindOptions options = new BindOptions();
		options.setAddress(address);
		options.setPort(port);
		return options;
	}

	/**
	 * Return a copy of these options, as plain {@link BindOptions}.
	 * @return the copy
	 */
	public BindOptions copy() {
		return with((copy) -> {
		});
	}

	private BindOptions with(Consumer<BindOptions> change) {
		BindOptions copy = OptionProperties.copy(this, BindOptions.class);
		change.accept(copy);
		return copy;
	}

	/**
	 * Return a copy that binds the given address.
	 * @param address see {@link #getAddress()}
	 * @return a new {@link BindOptions}
	 */
	public BindOptions address(String address) {
		return with((copy) -> copy.setAddress(address));
	}

	/**
	 * Return a copy that binds the given port.
	 * @param port see {@link #getPort()}
	 * @return a new {@link BindOptions}
	 */
	public BindOptions port(int port) {
		return with((copy) -> copy.setPort(port));
	}

	/**
	 * Return a copy that takes over an inherited listening socket instead of binding.
	 * @param inherit see {@link #getInherit()}
	 * @return a new {@link BindOptions}
	 */
	public BindOptions inherit(@Nullable String inherit) {
		return with((copy) -> copy.setInherit(inherit));
	}

	/**
	 * Return a copy that gives a Unix domain socket the given file mode.
	 * @param unixSocketPermissions see {@link #getUnixSocketPermissions()}
	 * @return a new {@link BindOptions}
	 */
	public BindOptions unixSocketPermissions(@Nullable String unixSocketPermissions) {
		return with((copy) -> copy.setUnixSocketPermissions(unixSocketPermissions));
	}

	/**
	 * Return a copy with the given listen backlog.
	 * @param backlog the backlog, 0 to let the system choose
	 * @return a new {@link BindOptions}
	 */
	public BindOptions backlog(int backlog) {
		return with((copy) -> copy.setBacklog(backlog));
	}

	/**
	 * Return a copy that sets whether an IPv6 socket refuses IPv4 clients.
	 * @param v6Only {@code true} for an IPv6-only socket
	 * @return a new {@link BindOptions}
	 */
	public BindOptions v6Only(boolean v6Only) {
		return with((copy) -> copy.setV6Only(v6Only));
	}

	/**
	 * Return a copy that sets whether other servers of this application may bind the
	 * same address, port and v6-only setting, sharing one socket.
	 * @param shared {@code true} to share
	 * @return a new {@link BindOptions}
	 */
	public BindOptions shared(boolean shared) {
		return with((copy) -> copy.setShared(shared));
	}

	/**
	 * Return a copy that sets how a shared socket distributes its connections.
	 * @param distribution the distribution
	 * @return a new {@link BindOptions}
	 */
	public BindOptions distribution(Distribution distribution) {
		return with((copy) -> copy.setDistribution(distribution));
	}

	/**
	 * Return a copy that sets whether the socket sets {@code SO_REUSEPORT}, so that
	 * several processes (or several servers of this one that are not shared) can bind
	 * the same address and port. Needs the epoll transport.
	 * @param reusePort {@code true} to set {@code SO_REUSEPORT}
	 * @return a new {@link BindOptions}
	 */
	public BindOptions reusePort(boolean reusePort) {
		return with((copy) -> copy.setReusePort(reusePort));
	}

	/**
	 * Return a copy that gives the server event loops of its own, so that a slow handler
	 * of this server does not stall the others (the analogue of a Dart isolate).
	 * @param eventLoopThreads the number of threads, 0 to share the application's
	 * @return a new {@link BindOptions}
	 */
	public BindOptions eventLoopThreads(int eventLoopThreads) {
		return with((copy) -> copy.setEventLoopThreads(eventLoopThreads));
	}

	/**
	 * Return a copy that makes the server secure, as Dart's {@code HttpServer.bindSecure}
	 * does: it presents the certificate with this alias (nickname) or subject DN from
	 * the certificate database.
	 * @param certificateName the alias or subject DN, {@code null} for plain HTTP
	 * @return a new {@link BindOptions}
	 */
	public BindOptions certificateName(@Nullable String certificateName) {
		return with((copy) -> copy.setCertificateName(certificateName));
	}

	/**
	 * Return a copy that sets whether a secure server asks clients for a certificate.
	 * @param requestClientCertificate see {@link #isRequestClientCertificate()}
	 * @return a new {@link BindOptions}
	 */
	public BindOptions requestClientCertificate(boolean requestClientCertificate) {
		return with((copy) -> copy.setRequestClientCertificate(requestClientCertificate));
	}

	/**
	 * Return a copy that sets whether a secure server refuses clients without a trusted
	 * certificate.
	 * @param requireClientCertificate see {@link #isRequireClientCertificate()}
	 * @return a new {@link BindOptions}
	 */
	public BindOptions requireClientCertificate(boolean requireClientCertificate) {
		return with((copy) -> copy.setRequireClientCertificate(requireClientCertificate));
	}

	/**
	 * Return a copy that sets whether a secure server asks its clients for a
	 * certificate, as one mode.
	 * @param mode the client-certificate mode
	 * @return a new {@link BindOptions}
	 */
	public BindOptions clientCertificate(ClientCertificateMode mode) {
		Objects.requireNonNull(mode, "mode");
		return with((copy) -> {
			copy.setRequestClientCertificate(mode == ClientCertificateMode.REQUEST);
			copy.setRequireClientCertificate(mode == ClientCertificateMode.REQUIRE);
		});
	}

	/**
	 * Return a copy that presents the given certificates to the clients that ask for
	 * these host names (SNI).
	 * @param sni see {@link #getSni()}
	 * @return a new {@link BindOptions}
	 */
	public BindOptions sni(Map<String, String> sni) {
		return with((copy) -> copy.setSni(sni));
	}

	/**
	 * Return a copy that refuses, or not, the clients that ask for an unknown host name.
	 * @param sniStrict see {@link #isSniStrict()}
	 * @return a new {@link BindOptions}
	 */
	public BindOptions sniStrict(boolean sniStrict) {
		return with((copy) -> copy.setSniStrict(sniStrict));
	}

	/**
	 * Return a copy that sets the HTTP protocols the server speaks: {@code H2} and
	 * {@code HTTP11} on a secure server (negotiated with ALPN), {@code H2C} and
	 * {@code HTTP11} on a plain one.
	 * @param protocols the protocols, none for the defaults
	 * @return a new {@link BindOptions}
	 */
	public BindOptions protocols(HttpProtocol... protocols) {
		return with((copy) -> copy.setProtocols(List.of(protocols)));
	}

	/**
	 * Return a copy that sets whether to record the requests (by status) and the bytes
	 * of the server, and Reactor Netty's own {@code reactor.netty.http.server.*} meters.
	 * @param metrics {@code true} to record them
	 * @return a new {@link BindOptions}
	 */
	public BindOptions metrics(boolean metrics) {
		return with((copy) -> copy.setMetrics(metrics));
	}

	/**
	 * Return a copy with the given limits.
	 * @param limits the limits
	 * @return a new {@link BindOptions}
	 */
	public BindOptions limits(Limits limits) {
		Objects.requireNonNull(limits, "limits");
		return with((copy) -> copy.setLimits(OptionProperties.copy(limits, Limits.class)));
	}

	/**
	 * Return a copy with the given compression.
	 * @param compression the compression
	 * @return a new {@link BindOptions}
	 */
	public BindOptions compression(Compression compression) {
		Objects.requireNonNull(compression, "compression");
		return with((copy) -> copy.setCompression(OptionProperties.copy(compression, Compression.class)));
	}

	/**
	 * Return a copy with the given trust in forwarded headers.
	 * @param forwarded the forwarded headers settings
	 * @return a new {@link BindOptions}
	 */
	public BindOptions forwarded(Forwarded forwarded) {
		Objects.requireNonNull(forwarded, "forwarded");
		return with((copy) -> copy.setForwarded(OptionProperties.copy(forwarded, Forwarded.class)));
	}

	/**
	 * Return a copy that reads, or not, the PROXY protocol header of each connection.
	 * @param proxyProtocol see {@link #getProxyProtocol()}
	 * @return a new {@link BindOptions}
	 */
	public BindOptions proxyProtocol(ProxyProtocolSupportType proxyProtocol) {
		Objects.requireNonNull(proxyProtocol, "proxyProtocol");
		return with((copy) -> copy.setProxyProtocol(proxyProtocol));
	}

	/**
	 * Return a copy with the given access log.
	 * @param accessLog the access log settings
	 * @return a new {@link BindOptions}
	 */
	public BindOptions accessLog(AccessLog accessLog) {
		Objects.requireNonNull(accessLog, "accessLog");
		return with((copy) -> copy.setAccessLog(OptionProperties.copy(accessLog, AccessLog.class)));
	}

	/**
	 * Return a copy that redirects every request to the given secure server, which must
	 * be bound first; the handler given to {@link ServerBinder#bind} is then not called.
	 * @param redirectTo the name of the secure server, {@code null} for no redirect
	 * @return a new {@link BindOptions}
	 */
	public BindOptions redirectTo(@Nullable String redirectTo) {
		return with((copy) -> copy.setRedirectTo(redirectTo));
	}

	/**
	 * Return the address to listen on: {@code LOOPBACK_IP_V4}, {@code LOOPBACK_IP_V6},
	 * {@code ANY_IP_V4}, {@code ANY_IP_V6}, an IPv4 or IPv6 literal (brackets and a zone
	 * id allowed), a host name, of which the first address returned by the lookup is
	 * used, or {@code unix:} and the path of a Unix domain socket. Must not be blank;
	 * defaults to {@code LOOPBACK_IP_V4}.
	 * @return the address as given
	 */
	public String getAddress() {
		return this.address;
	}

	/**
	 * Set the address.
	 * @param address see {@link #getAddress()}
	 */
	public void setAddress(String address) {
		this.address = address;
	}

	/**
	 * Return the port to listen on, 0 to 65535; 0, the default, picks an ephemeral port,
	 * published as {@code local.bind.<name>.port}.
	 * @return the port, 0 for an ephemeral port
	 */
	public int getPort() {
		return this.port;
	}

	/**
	 * Set the port.
	 * @param port see {@link #getPort()}
	 */
	public void setPort(int port) {
		this.port = port;
	}

	/**
	 * Return the listening socket to take over instead of binding one: {@code systemd}
	 * for a socket passed by systemd socket activation ({@code LISTEN_FDS}, chosen by
	 * {@code LISTEN_FDNAMES} equal to the server name, or the only one passed), or
	 * {@code fd:} and the number of an inherited descriptor. Address and port are then
	 * those of the socket; when set, the socket must be on them. Needs the epoll
	 * transport. Not set by default: a socket is bound.
	 * @return {@code systemd}, {@code fd:} and a descriptor number, or {@code null} to
	 * bind a socket
	 */
	public @Nullable String getInherit() {
		return this.inherit;
	}

	/**
	 * Set which inherited listening socket to take over.
	 * @param inherit see {@link #getInherit()}
	 */
	public void setInherit(@Nullable String inherit) {
		this.inherit = inherit;
	}

	/**
	 * Return the file mode of a Unix domain socket, in octal as {@code chmod} takes it:
	 * three octal digits, such as {@code 660}. Not set by default, which leaves the mode
	 * the process's umask gives.
	 * @return three octal digits, or {@code null} for the mode the umask gives
	 */
	public @Nullable String getUnixSocketPermissions() {
		return this.unixSocketPermissions;
	}

	/**
	 * Set the file mode of a Unix domain socket.
	 * @param unixSocketPermissions see {@link #getUnixSocketPermissions()}
	 */
	public void setUnixSocketPermissions(@Nullable String unixSocketPermissions) {
		this.unixSocketPermissions = unixSocketPermissions;
	}

	/**
	 * Return the listen backlog of the socket, 0 or more; 0, the default, lets the system
	 * choose ({@code net.core.somaxconn} on Linux).
	 * @return the backlog, 0 for the system default
	 */
	public int getBacklog() {
		return this.backlog;
	}

	/**
	 * Set the listen backlog.
	 * @param backlog see {@link #getBacklog()}
	 */
	public void setBacklog(int backlog) {
		this.backlog = backlog;
	}

	/**
	 * Return whether an IPv6 socket refuses IPv4 clients ({@code IPV6_V6ONLY}). Defaults
	 * to {@code false}: an IPv6 address also accepts IPv4 clients.
	 * @return whether the socket is IPv6-only
	 */
	public boolean isV6Only() {
		return this.v6Only;
	}

	/**
	 * Set whether an IPv6 socket refuses IPv4 clients.
	 * @param v6Only see {@link #isV6Only()}
	 */
	public void setV6Only(boolean v6Only) {
		this.v6Only = v6Only;
	}

	/**
	 * Return whether other servers of this application may bind the same address, port
	 * and v6-only setting; connections are then distributed among them. Defaults to
	 * {@code false}.
	 * @return whether the socket is shared
	 */
	public boolean isShared() {
		return this.shared;
	}

	/**
	 * Set whether other servers may share the socket.
	 * @param shared see {@link #isShared()}
	 */
	public void setShared(boolean shared) {
		this.shared = shared;
	}

	/**
	 * Return how a shared socket hands its connections to its servers:
	 * {@code round-robin}, the default, or {@code least-connections}. All servers sharing
	 * a socket must agree.
	 * @return the distribution
	 */
	public Distribution getDistribution() {
		return this.distribution;
	}

	/**
	 * Set how a shared socket distributes its connections.
	 * @param distribution see {@link #getDistribution()}
	 */
	public void setDistribution(Distribution distribution) {
		this.distribution = distribution;
	}

	/**
	 * Return whether to set {@code SO_REUSEPORT}, so that several processes (or several
	 * servers of this application that are not shared) can bind the same address and
	 * port, the kernel spreading connections among them. Needs the epoll transport.
	 * Defaults to {@code false}.
	 * @return whether the port may be reused
	 */
	public boolean isReusePort() {
		return this.reusePort;
	}

	/**
	 * Set whether the socket sets {@code SO_REUSEPORT}.
	 * @param reusePort see {@link #isReusePort()}
	 */
	public void setReusePort(boolean reusePort) {
		this.reusePort = reusePort;
	}

	/**
	 * Return the number of event-loop threads of this server's own, so that a slow
	 * handler does not stall other servers; 0, the default, shares the application's
	 * event loops.
	 * @return the thread count, 0 for the application's event loops
	 */
	public int getEventLoopThreads() {
		return this.eventLoopThreads;
	}

	/**
	 * Set the number of event-loop threads of the server's own.
	 * @param eventLoopThreads see {@link #getEventLoopThreads()}
	 */
	public void setEventLoopThreads(int eventLoopThreads) {
		this.eventLoopThreads = eventLoopThreads;
	}

	/**
	 * Return the alias (nickname) or subject DN of the certificate, in the certificate
	 * database, that makes this server secure (HTTPS). The DN is compared as an X.500
	 * name, so spacing and attribute case do not matter. Not set by default: the server
	 * speaks plain HTTP.
	 * @return the certificate name, or {@code null} for plain HTTP
	 */
	public @Nullable String getCertificateName() {
		return this.certificateName;
	}

	/**
	 * Set the alias or subject DN of the certificate of a secure server.
	 * @param certificateName see {@link #getCertificateName()}
	 */
	public void setCertificateName(@Nullable String certificateName) {
		this.certificateName = certificateName;
	}

	/**
	 * Return whether a secure server asks clients for a certificate; clients that send
	 * none are still accepted, clients whose certificate does not chain to a trusted
	 * certificate of the database are refused. Defaults to {@code false}.
	 * @return whether it asks
	 */
	public boolean isRequestClientCertificate() {
		return this.requestClientCertificate;
	}

	/**
	 * Set whether a secure server asks clients for a certificate.
	 * @param requestClientCertificate see {@link #isRequestClientCertificate()}
	 */
	public void setRequestClientCertificate(boolean requestClientCertificate) {
		this.requestClientCertificate = requestClientCertificate;
	}

	/**
	 * Return whether a secure server refuses clients without a certificate that chains to
	 * a trusted certificate of the database (mutual TLS). Defaults to {@code false}.
	 * @return whether it requires one
	 */
	public boolean isRequireClientCertificate() {
		return this.requireClientCertificate;
	}

	/**
	 * Set whether a secure server refuses clients without a trusted certificate.
	 * @param requireClientCertificate see {@link #isRequireClientCertificate()}
	 */
	public void setRequireClientCertificate(boolean requireClientCertificate) {
		this.requireClientCertificate = requireClientCertificate;
	}

	/**
	 * Return the certificates by the host name a client asks for (TLS Server Name
	 * Indication): an exact name, or a wildcard of one label written in brackets
	 * ({@code [*.example.com]}), to the alias or subject DN of a certificate of the
	 * database. Clients that name no host, or another one, get the certificate of
	 * {@code certificate-name}. Empty by default.
	 * @return the certificate names by host name or wildcard, empty for none
	 */
	public Map<String, String> getSni() {
		return this.sni;
	}

	/**
	 * Set the certificates, by the host name that a client asks for.
	 * @param sni see {@link #getSni()}
	 */
	public void setSni(Map<String, String> sni) {
		this.sni = Collections.unmodifiableMap(new LinkedHashMap<>(sni));
	}

	/**
	 * Return whether a secure server refuses, with the TLS alert
	 * {@code unrecognized_name}, a client that asks for a host name that neither
	 * {@code sni} maps nor the default certificate covers, instead of presenting the
	 * default certificate. Defaults to {@code false}.
	 * @return whether SNI is strict
	 */
	public boolean isSniStrict() {
		return this.sniStrict;
	}

	/**
	 * Set whether a client that asks for an unknown host name is refused.
	 * @param sniStrict see {@link #isSniStrict()}
	 */
	public void setSniStrict(boolean sniStrict) {
		this.sniStrict = sniStrict;
	}

	/**
	 * Return the HTTP protocols to speak: {@code H2} and {@code HTTP11} on a secure
	 * server (negotiated with ALPN), {@code H2C} and {@code HTTP11} on a plain one. Empty
	 * by default: a secure server then speaks {@code H2} and {@code HTTP11}, a plain one
	 * {@code HTTP11}.
	 * @return the protocols as given, empty for the defaults
	 * @see #resolvedProtocols()
	 */
	public List<HttpProtocol> getProtocols() {
		return this.protocols;
	}

	/**
	 * Set the HTTP protocols.
	 * @param protocols see {@link #getProtocols()}
	 */
	public void setProtocols(List<HttpProtocol> protocols) {
		this.protocols = List.copyOf(protocols);
	}

	/**
	 * Return whether to record the requests (by status) and bytes of this server, and
	 * Reactor Netty's own {@code reactor.netty.http.server.*} meters. Connection meters
	 * are always recorded. Defaults to {@code false}.
	 * @return whether metrics are on
	 */
	public boolean isMetrics() {
		return this.metrics;
	}

	/**
	 * Set whether requests and bytes are recorded.
	 * @param metrics see {@link #isMetrics()}
	 */
	public void setMetrics(boolean metrics) {
		this.metrics = metrics;
	}

	/**
	 * Return what the server accepts from its clients, and for how long it waits for them
	 * (see {@link Limits}); the defaults are safe for a server facing the Internet.
	 * @return the limits
	 */
	public Limits getLimits() {
		return this.limits;
	}

	/**
	 * Set what the server accepts from its clients.
	 * @param limits see {@link #getLimits()}
	 */
	public void setLimits(Limits limits) {
		this.limits = limits;
	}

	/**
	 * Return how the server compresses its responses (see {@link Compression}); off by
	 * default.
	 * @return the compression
	 */
	public Compression getCompression() {
		return this.compression;
	}

	/**
	 * Set how the server compresses its responses.
	 * @param compression see {@link #getCompression()}
	 */
	public void setCompression(Compression compression) {
		this.compression = compression;
	}

	/**
	 * Return which peers may tell the server, in {@code Forwarded} and
	 * {@code X-Forwarded-*} headers, whom a request came from (see {@link Forwarded}); by
	 * default none may.
	 * @return the forwarded headers settings
	 */
	public Forwarded getForwarded() {
		return this.forwarded;
	}

	/**
	 * Set which peers the server trusts with forwarded headers.
	 * @param forwarded see {@link #getForwarded()}
	 */
	public void setForwarded(Forwarded forwarded) {
		this.forwarded = forwarded;
	}

	/**
	 * Return whether connections begin with the PROXY protocol header (v1 or v2) of a
	 * load balancer, whose client address then stands for the peer's: {@code off}, the
	 * default; {@code on}, every connection must send one; {@code auto}, a connection may
	 * (for health checks that send none). Servers sharing a socket must agree.
	 * @return off, on (required) or auto (optional)
	 */
	public ProxyProtocolSupportType getProxyProtocol() {
		return this.proxyProtocol;
	}

	/**
	 * Set whether connections begin with a PROXY protocol header.
	 * @param proxyProtocol see {@link #getProxyProtocol()}
	 */
	public void setProxyProtocol(ProxyProtocolSupportType proxyProtocol) {
		this.proxyProtocol = proxyProtocol;
	}

	/**
	 * Return whether and how the server logs each request it answered, to the logger
	 * {@code dev.nettybind.access.<name>} (see {@link AccessLog}); off by default.
	 * @return the access log settings
	 */
	public AccessLog getAccessLog() {
		return this.accessLog;
	}

	/**
	 * Set whether and how the server logs the requests it answered.
	 * @param accessLog see {@link #getAccessLog()}
	 */
	public void setAccessLog(AccessLog accessLog) {
		this.accessLog = accessLog;
	}

	/**
	 * Return the name of a secure server of this application to which this plain server
	 * redirects every request (308 Permanent Redirect, to the actual port of that
	 * server); the redirect then answers instead of a handler. Not set by default.
	 * @return the server name, or {@code null} for no redirect
	 */
	public @Nullable String getRedirectTo() {
		return this.redirectTo;
	}

	/**
	 * Set the name of the secure server this server redirects every request to.
	 * @param redirectTo see {@link #getRedirectTo()}
	 */
	public void setRedirectTo(@Nullable String redirectTo) {
		this.redirectTo = redirectTo;
	}

	/**
	 * Return whether the server speaks TLS: it has a certificate name.
	 * @return whether it is secure
	 */
	public boolean secure() {
		return this.certificateName != null;
	}

	/**
	 * Return whether a secure server asks its clients for a certificate, as one mode.
	 * @return the client-certificate mode
	 */
	public ClientCertificateMode clientCertificateMode() {
		if (this.requireClientCertificate) {
			return ClientCertificateMode.REQUIRE;
		}
		return this.requestClientCertificate ? ClientCertificateMode.REQUEST : ClientCertificateMode.NONE;
	}

	/**
	 * Return the HTTP protocols the server speaks, defaults applied.
	 * @return the protocols
	 */
	public List<HttpProtocol> resolvedProtocols() {
		if (!this.protocols.isEmpty()) {
			return this.protocols;
		}
		return secure() ? List.of(HttpProtocol.H2, HttpProtocol.HTTP11) : List.of(HttpProtocol.HTTP11);
	}

	/**
	 * Return every option by its property name, as {@code bind.servers.<name>} spells
	 * it, the options of a group under its prefix ({@code limits.max-body-size}).
	 * @return the options, in the order this class declares them
	 */
	public Map<String, @Nullable Object> asProperties() {
		return OptionProperties.of(this);
	}

	@Override
	public String toString() {
		return OptionProperties.describe(this);
	}

	/**
	 * What a server accepts from its clients, and for how long it waits for them. The
	 * defaults are safe for a server facing the Internet; 0 means no limit wherever a
	 * limit can be turned off.
	 */
	public static class Limits {

		/**
		 * Longest HTTP/1.1 request line (method, URI, version); longer ones are answered
		 * 414. HTTP/2 has no request line: its path counts in max-header-size.
		 */
		@NotNull
		@AtLeast(value = "1B", message = "must be at least 1B, or no request fits, for example 4KB")
		private DataSize maxInitialLineLength = DataSize.ofKilobytes(4);

		/**
		 * Largest request headers; larger ones are answered 431. On HTTP/2 it is also the
		 * SETTINGS_MAX_HEADER_LIST_SIZE the server announces.
		 */
		@NotNull
		@AtLeast(value = "1B", message = "must be at least 1B, or no request fits, for example 8KB")
		private DataSize maxHeaderSize = DataSize.ofKilobytes(8);

		/**
		 * Largest body a request may declare in its Content-Length; larger ones are
		 * answered 413 without calling the handler; 0 for no limit. Bodies of unknown
		 * length are the handler's to cap.
		 */
		@NotNull
		@AtLeast(value = "0B", message = "must be 0 (no limit) or more")
		private DataSize maxBodySize = DataSize.ofMegabytes(16);

		/**
		 * How long a new connection may take to deliver the headers of its first request
		 * before it is closed, against slowloris; 0 for no limit.
		 */
		@NotNull
		@AtLeast(value = "0s", message = "must be a positive duration, or 0 for no limit")
		private Duration headerTimeout = Duration.ofSeconds(20);

		/**
		 * How long a connection may wait for its next request before it is closed; 0 for
		 * no limit, the default, as Reactor Netty enforces it at a cost on every request.
		 */
		@NotNull
		@AtLeast(value = "0s", message = "must be a positive duration, or 0 for no limit")
		private Duration idleTimeout = Duration.ZERO;

		/**
		 * How long the body of a request may pause between two reads before the
		 * connection is closed; 0 for no limit, the default, as Reactor Netty enforces it
		 * at a cost on every request.
		 */
		@NotNull
		@AtLeast(value = "0s", message = "must be a positive duration, or 0 for no limit")
		private Duration readTimeout = Duration.ZERO;

		/**
		 * Most connections open at once; the next one is closed as it is accepted,
		 * without harming the others. 0 for no limit.
		 */
		@Min(value = 0, message = "must be 0 (no limit) or more")
		private int maxConnections = 10_000;

		/**
		 * Most HTTP/2 streams a connection may have open at once. Netty also refuses more
		 * than 200 stream resets in 30s (rapid reset).
		 */
		@Min(value = 1, message = "must be 1 or more")
		private long maxConcurrentStreams = 128;

		/**
		 * Create the default limits: 4KB request line, 8KB headers, 16MB body, 20s for
		 * the first request headers, 10,000 connections, 128 HTTP/2 streams; no idle or
		 * read timeout, as in Spring Boot and Reactor Netty.
		 */
		public Limits() {
		}

		private Limits with(Consumer<Limits> change) {
			Limits copy = OptionProperties.copy(this, Limits.class);
			change.accept(copy);
			return copy;
		}

		/**
		 * Return a copy with the given longest request line.
		 * @param maxInitialLineLength see {@link #getMaxInitialLineLength()}
		 * @return a new {@link Limits}
		 */
		public Limits maxInitialLineLength(DataSize maxInitialLineLength) {
			return with((copy) -> copy.setMaxInitialLineLength(maxInitialLineLength));
		}

		/**
		 * Return a copy with the given largest request headers.
		 * @param maxHeaderSize see {@link #getMaxHeaderSize()}
		 * @return a new {@link Limits}
		 */
		public Limits maxHeaderSize(DataSize maxHeaderSize) {
			return with((copy) -> copy.setMaxHeaderSize(maxHeaderSize));
		}

		/**
		 * Return a copy with the given largest declared body.
		 * @param maxBodySize see {@link #getMaxBodySize()}
		 * @return a new {@link Limits}
		 */
		public Limits maxBodySize(DataSize maxBodySize) {
			return with((copy) -> copy.setMaxBodySize(maxBodySize));
		}

		/**
		 * Return a copy with the given time for the headers of the first request.
		 * @param headerTimeout see {@link #getHeaderTimeout()}
		 * @return a new {@link Limits}
		 */
		public Limits headerTimeout(Duration headerTimeout) {
			return with((copy) -> copy.setHeaderTimeout(headerTimeout));
		}

		/**
		 * Return a copy with the given idle timeout.
		 * @param idleTimeout see {@link #getIdleTimeout()}
		 * @return a new {@link Limits}
		 */
		public Limits idleTimeout(Duration idleTimeout) {
			return with((copy) -> copy.setIdleTimeout(idleTimeout));
		}

		/**
		 * Return a copy with the given read timeout.
		 * @param readTimeout see {@link #getReadTimeout()}
		 * @return a new {@link Limits}
		 */
		public Limits readTimeout(Duration readTimeout) {
			return with((copy) -> copy.setReadTimeout(readTimeout));
		}

		/**
		 * Return a copy with the given most open connections.
		 * @param maxConnections see {@link #getMaxConnections()}
		 * @return a new {@link Limits}
		 */
		public Limits maxConnections(int maxConnections) {
			return with((copy) -> copy.setMaxConnections(maxConnections));
		}

		/**
		 * Return a copy with the given most concurrent HTTP/2 streams.
		 * @param maxConcurrentStreams see {@link #getMaxConcurrentStreams()}
		 * @return a new {@link Limits}
		 */
		public Limits maxConcurrentStreams(long maxConcurrentStreams) {
			return with((copy) -> copy.setMaxConcurrentStreams(maxConcurrentStreams));
		}

		/**
		 * Return the longest HTTP/1.1 request line (method, URI, version); longer ones
		 * are answered 414. HTTP/2 has no request line: its path counts in
		 * {@code max-header-size}. At least {@code 1B}; defaults to {@code 4KB}.
		 * @return the size
		 */
		public DataSize getMaxInitialLineLength() {
			return this.maxInitialLineLength;
		}

		/**
		 * Set the longest request line.
		 * @param maxInitialLineLength see {@link #getMaxInitialLineLength()}
		 */
		public void setMaxInitialLineLength(DataSize maxInitialLineLength) {
			this.maxInitialLineLength = maxInitialLineLength;
		}

		/**
		 * Return the largest request headers; larger ones are answered 431. On HTTP/2 it
		 * is also the {@code SETTINGS_MAX_HEADER_LIST_SIZE} the server announces. At
		 * least {@code 1B}; defaults to {@code 8KB}.
		 * @return the size
		 */
		public DataSize getMaxHeaderSize() {
			return this.maxHeaderSize;
		}

		/**
		 * Set the largest request headers.
		 * @param maxHeaderSize see {@link #getMaxHeaderSize()}
		 */
		public void setMaxHeaderSize(DataSize maxHeaderSize) {
			this.maxHeaderSize = maxHeaderSize;
		}

		/**
		 * Return the largest body a request may declare in its {@code Content-Length};
		 * larger ones are answered 413 without calling the handler; 0 for no limit.
		 * Bodies of unknown length are the handler's to cap. Defaults to {@code 16MB}.
		 * @return the size, 0 for no limit
		 */
		public DataSize getMaxBodySize() {
			return this.maxBodySize;
		}

		/**
		 * Set the largest body a request may declare.
		 * @param maxBodySize see {@link #getMaxBodySize()}
		 */
		public void setMaxBodySize(DataSize maxBodySize) {
			this.maxBodySize = maxBodySize;
		}

		/**
		 * Return how long a new connection may take to deliver the headers of its first
		 * request before it is closed, against slowloris; 0 for no limit. Defaults to
		 * {@code 20s}.
		 * @return the timeout, 0 for no limit
		 */
		public Duration getHeaderTimeout() {
			return this.headerTimeout;
		}

		/**
		 * Set how long a new connection may take to deliver its first headers.
		 * @param headerTimeout see {@link #getHeaderTimeout()}
		 */
		public void setHeaderTimeout(Duration headerTimeout) {
			this.headerTimeout = headerTimeout;
		}

		/**
		 * Return how long a connection may wait for its next request before it is closed;
		 * 0 for no limit, the default, as Reactor Netty enforces it at a cost on every
		 * request.
		 * @return the timeout, 0 for no limit
		 */
		public Duration getIdleTimeout() {
			return this.idleTimeout;
		}

		/**
		 * Set how long a connection may wait for its next request.
		 * @param idleTimeout see {@link #getIdleTimeout()}
		 */
		public void setIdleTimeout(Duration idleTimeout) {
			this.idleTimeout = idleTimeout;
		}

		/**
		 * Return how long the body of a request may pause between two reads before the
		 * connection is closed; 0 for no limit, the default, as Reactor Netty enforces it
		 * at a cost on every request.
		 * @return the timeout, 0 for no limit
		 */
		public Duration getReadTimeout() {
			return this.readTimeout;
		}

		/**
		 * Set how long the body of a request may pause between two reads.
		 * @param readTimeout see {@link #getReadTimeout()}
		 */
		public void setReadTimeout(Duration readTimeout) {
			this.readTimeout = readTimeout;
		}

		/**
		 * Return the most connections open at once; the next one is closed as it is
		 * accepted, without harming the others. 0 for no limit; defaults to
		 * {@code 10000}.
		 * @return the limit, 0 for none
		 */
		public int getMaxConnections() {
			return this.maxConnections;
		}

		/**
		 * Set the most connections open at once.
		 * @param maxConnections see {@link #getMaxConnections()}
		 */
		public void setMaxConnections(int maxConnections) {
			this.maxConnections = maxConnections;
		}

		/**
		 * Return the most HTTP/2 streams a connection may have open at once, 1 or more;
		 * defaults to {@code 128}. Netty also refuses more than 200 stream resets in 30s
		 * (rapid reset).
		 * @return the limit
		 */
		public long getMaxConcurrentStreams() {
			return this.maxConcurrentStreams;
		}

		/**
		 * Set the most HTTP/2 streams a connection may have open at once.
		 * @param maxConcurrentStreams see {@link #getMaxConcurrentStreams()}
		 */
		public void setMaxConcurrentStreams(long maxConcurrentStreams) {
			this.maxConcurrentStreams = maxConcurrentStreams;
		}

		@Override
		public String toString() {
			return OptionProperties.describe(this);
		}

	}


	/**
	 * How a server compresses its responses (gzip or deflate, as the client accepts),
	 * with the semantics of Spring Boot's {@code server.compression}.
	 */
	public static class Compression {

		/**
		 * Whether to compress responses.
		 */
		private boolean enabled = false;

		/**
		 * Smallest response to compress, by its Content-Length; a response of unknown
		 * length is compressed.
		 */
		@NotNull
		@AtLeast(value = "0B", message = "must be 0 (compress every response) or more")
		private DataSize minResponseSize = DataSize.ofKilobytes(2);

		/**
		 * Media types of the responses to compress; a response without a Content-Type
		 * is not compressed.
		 */
		@NotNull
		private List<String> mimeTypes = List.of("text/html", "text/xml", "text/plain", "text/css",
				"text/javascript", "application/javascript", "application/json", "application/xml");

		/**
		 * Create the default compression: off; when on, responses of 2KB or more of the
		 * usual text types.
		 */
		public Compression() {
		}

		private Compression with(Consumer<Compression> change) {
			Compression copy = OptionProperties.copy(this, Compression.class);
			change.accept(copy);
			return copy;
		}

		/**
		 * Return a copy that turns compression on or off.
		 * @param enabled see {@link #isEnabled()}
		 * @return a new {@link Compression}
		 */
		public Compression enabled(boolean enabled) {
			return with((copy) -> copy.setEnabled(enabled));
		}

		/**
		 * Return a copy with the given smallest response to compress.
		 * @param minResponseSize see {@link #getMinResponseSize()}
		 * @return a new {@link Compression}
		 */
		public Compression minResponseSize(DataSize minResponseSize) {
			return with((copy) -> copy.setMinResponseSize(minResponseSize));
		}

		/**
		 * Return a copy with the given media types to compress.
		 * @param mimeTypes see {@link #getMimeTypes()}
		 * @return a new {@link Compression}
		 */
		public Compression mimeTypes(String... mimeTypes) {
			return with((copy) -> copy.setMimeTypes(List.of(mimeTypes)));
		}

		/**
		 * Return whether to compress responses. Defaults to {@code false}.
		 * @return whether compression is on
		 */
		public boolean isEnabled() {
			return this.enabled;
		}

		/**
		 * Set whether responses are compressed.
		 * @param enabled see {@link #isEnabled()}
		 */
		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		/**
		 * Return the smallest response to compress, by its {@code Content-Length}; a
		 * response of unknown length is compressed. At least {@code 0B}; defaults to
		 * {@code 2KB}.
		 * @return the size
		 */
		public DataSize getMinResponseSize() {
			return this.minResponseSize;
		}

		/**
		 * Set the smallest response to compress.
		 * @param minResponseSize see {@link #getMinResponseSize()}
		 */
		public void setMinResponseSize(DataSize minResponseSize) {
			this.minResponseSize = minResponseSize;
		}

		/**
		 * Return the media types of the responses to compress; a response without a
		 * {@code Content-Type} is not compressed. Defaults to {@code text/html},
		 * {@code text/xml}, {@code text/plain}, {@code text/css},
		 * {@code text/javascript}, {@code application/javascript},
		 * {@code application/json} and {@code application/xml}.
		 * @return the media types
		 */
		public List<String> getMimeTypes() {
			return this.mimeTypes;
		}

		/**
		 * Set the media types of the responses to compress.
		 * @param mimeTypes see {@link #getMimeTypes()}
		 */
		public void setMimeTypes(List<String> mimeTypes) {
			this.mimeTypes = List.copyOf(mimeTypes);
		}

		@Override
		public String toString() {
			return OptionProperties.describe(this);
		}

	}

	/**
	 * Which peers a server trusts with the {@code Forwarded} (RFC 7239) and
	 * {@code X-Forwarded-For/-Proto/-Host/-Port} headers. Of a header with several values
	 * the first is taken, the client as the first proxy saw it, as Reactor Netty and
	 * Spring's {@code ForwardedHeaderUtils} do: a trusted proxy must therefore set these
	 * headers rather than append to what its client sent.
	 */
	public static class Forwarded {

		/**
		 * CIDR blocks (IPv4 or IPv6, such as 10.0.0.0/8 or ::1/128) of the peers whose
		 * forwarded headers change the remote address, scheme, host and port of a
		 * request; the headers of any other peer are ignored. Empty: ignored for all.
		 */
		@NotNull
		private List<String> trustedProxies = List.of();

		/**
		 * Create the default settings: no peer is trusted, forwarded headers are ignored.
		 */
		public Forwarded() {
		}

		/**
		 * Return a copy that trusts the given CIDR blocks.
		 * @param trustedProxies see {@link #getTrustedProxies()}
		 * @return a new {@link Forwarded}
		 */
		public Forwarded trustedProxies(String... trustedProxies) {
			Forwarded copy = OptionProperties.copy(this, Forwarded.class);
			copy.setTrustedProxies(List.of(trustedProxies));
			return copy;
		}

		/**
		 * Return the CIDR blocks (IPv4 or IPv6, such as {@code 10.0.0.0/8} or
		 * {@code ::1/128}) of the peers whose forwarded headers change the remote
		 * address, scheme, host and port of a request; the headers of any other peer are
		 * ignored. Empty by default: ignored for all.
		 * @return the blocks, empty when no peer is trusted
		 */
		public List<String> getTrustedProxies() {
			return this.trustedProxies;
		}

		/**
		 * Set the CIDR blocks of the peers whose forwarded headers are trusted.
		 * @param trustedProxies see {@link #getTrustedProxies()}
		 */
		public void setTrustedProxies(List<String> trustedProxies) {
			this.trustedProxies = List.copyOf(trustedProxies);
		}

		@Override
		public String toString() {
			return OptionProperties.describe(this);
		}

	}

	/**
	 * Whether and how a server logs each request it answered: one line per request, at
	 * INFO, to the logger {@code dev.nettybind.access.<server name>}, so that the
	 * logging system can route it. What the client sent is escaped.
	 */
	public static class AccessLog {

		/**
		 * Whether to log each request.
		 */
		private boolean enabled = false;

		/**
		 * Format of a line: common (the NCSA Common Log Format), combined (common plus
		 * the Referer and User-Agent), or json (one object per line).
		 */
		@NotNull(message = "must be set: common, combined or json")
		private Format format = Format.COMMON;

		/**
		 * Create the default settings: off; when on, the Common Log Format.
		 */
		public AccessLog() {
		}

		private AccessLog with(Consumer<AccessLog> change) {
			AccessLog copy = OptionProperties.copy(this, AccessLog.class);
			change.accept(copy);
			return copy;
		}

		/**
		 * Return a copy that turns the access log on or off.
		 * @param enabled see {@link #isEnabled()}
		 * @return a new {@link AccessLog}
		 */
		public AccessLog enabled(boolean enabled) {
			return with((copy) -> copy.setEnabled(enabled));
		}

		/**
		 * Return a copy with the given format.
		 * @param format see {@link #getFormat()}
		 * @return a new {@link AccessLog}
		 */
		public AccessLog format(Format format) {
			Objects.requireNonNull(format, "format");
			return with((copy) -> copy.setFormat(format));
		}

		/**
		 * Return whether to log each request. Defaults to {@code false}.
		 * @return whether the access log is on
		 */
		public boolean isEnabled() {
			return this.enabled;
		}

		/**
		 * Set whether each request is logged.
		 * @param enabled see {@link #isEnabled()}
		 */
		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		/**
		 * Return the format of a line: {@code common} (the NCSA Common Log Format), the
		 * default, {@code combined} (common plus the Referer and User-Agent), or
		 * {@code json} (one object per line).
		 * @return the format
		 */
		public Format getFormat() {
			return this.format;
		}

		/**
		 * Set the format of a line.
		 * @param format see {@link #getFormat()}
		 */
		public void setFormat(Format format) {
			this.format = format;
		}

		@Override
		public String toString() {
			return OptionProperties.describe(this);
		}

		/**
		 * The format of an access log line.
		 */
		public enum Format {

			/**
			 * The NCSA Common Log Format:
			 * {@code 127.0.0.1 - - [03/Dec/2026:09:00:00 +0000] "GET /a HTTP/1.1" 200 12}.
			 */
			COMMON,

			/**
			 * The Common Log Format followed by the quoted Referer and User-Agent.
			 */
			COMBINED,

			/**
			 * One JSON object per line, with the fields time, server, remote, method,
			 * uri, protocol, status, bytes, duration_ms, referer and user_agent.
			 */
			JSON

		}

	}

}
