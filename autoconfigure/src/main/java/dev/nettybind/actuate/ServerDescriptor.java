package dev.nettybind.actuate;

import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import reactor.netty.http.HttpProtocol;

import org.springframework.boot.convert.DurationStyle;
import org.springframework.util.unit.DataSize;

import dev.nettybind.server.BindOptions;
import dev.nettybind.server.BoundServer;
import dev.nettybind.shared.BoundSocket;
import dev.nettybind.tls.ClientCertificateMode;

/**
 * What the {@code servers} endpoint shows of one server. Holds no password and no key
 * material.
 *
 * @param name the name of the server
 * @param requestedAddress the address as configured
 * @param address the address bound, once bound
 * @param requestedPort the port as configured, 0 for an ephemeral one
 * @param port the actual port, -1 on a Unix domain socket
 * @param path the path of a Unix domain socket, once bound
 * @param inherited whether the socket was inherited (systemd socket activation, or a
 * given descriptor) rather than bound
 * @param v6Only whether the IPv6 socket refuses IPv4 clients
 * @param backlog the listen backlog, requested and effective
 * @param shared the shared socket, when the server shares one
 * @param secure whether the server speaks TLS
 * @param certificate the certificate a secure server presents
 * @param clientCertificate whether clients are asked for a certificate
 * @param protocols the HTTP protocols spoken
 * @param transport the transport, epoll or nio
 * @param state the lifecycle state
 * @param failure why the server could not be bound
 * @param connections its connections, open and accepted
 * @param options every option it was bound with, by property name
 * @author Netty Bind Starter contributors
 * @since 0.1.0
 */
public record ServerDescriptor(String name, String requestedAddress, @Nullable String address, int requestedPort,
		int port, @Nullable String path, boolean inherited, boolean v6Only, Backlog backlog, @Nullable Shared shared, boolean secure,
		@Nullable Certificate certificate, ClientCertificateMode clientCertificate, List<HttpProtocol> protocols,
		String transport, BoundServer.State state, @Nullable String failure, Connections connections,
		Map<String, @Nullable Object> options) {

	static ServerDescriptor of(BoundServer server, String transport) {
		BindOptions options = server.options();
		BoundSocket socket = server.socket();
		X509Certificate certificate = server.certificate();
		return new ServerDescriptor(server.name(), options.getAddress(),
				(server.address() != null) ? server.address().getHostAddress() : null, options.getPort(), server.port(),
				(server.path() != null) ? server.path().toString() : null, socket != null && socket.isInherited(),
				options.isV6Only(), new Backlog(options.getBacklog(), (socket != null) ? socket.backlog() : -1),
				(socket != null && socket.isShared()) ? Shared.of(socket, server.name()) : null, server.isSecure(),
				(certificate != null) ? Certificate.of(certificate) : null, options.clientCertificateMode(),
				options.resolvedProtocols(), transport, server.state(), server.failure(),
				new Connections(server.activeConnections(), server.acceptedConnections()), options(options));
	}

	/**
	 * Return the options as the endpoint shows them: durations and sizes as they are
	 * written in properties.
	 */
	private static Map<String, @Nullable Object> options(BindOptions options) {
		Map<String, @Nullable Object> shown = new LinkedHashMap<>();
		options.asProperties().forEach((name, value) -> shown.put(name, shown(value)));
		return shown;
	}

	private static @Nullable Object shown(@Nullable Object value) {
		if (value instanceof Duration duration) {
			return DurationStyle.SIMPLE.print(duration);
		}
		if (value instanceof DataSize || value instanceof Enum<?>) {
			return value.toString();
		}
		return value;
	}

	/**
	 * The listen backlog.
	 *
	 * @param requested as configured, 0 for the system default
	 * @param effective what the socket was bound with, -1 while not bound
	 */
	public record Backlog(int requested, int effective) {

	}

	/**
	 * The shared socket of a server.
	 *
	 * @param socket the address and port of the socket
	 * @param member the position of this server among the members, from 1; {@code null}
	 * once it left the socket
	 * @param members the servers sharing it now
	 * @param distribution how connections are distributed
	 */
	public record Shared(String socket, @Nullable Integer member, List<String> members, String distribution) {

		static Shared of(BoundSocket socket, String name) {
			List<String> members = socket.serverNames();
			int index = members.indexOf(name);
			return new Shared(socket.toString(), (index >= 0) ? index + 1 : null, members,
					socket.distribution().name());
		}

	}

	/**
	 * The certificate of a secure server.
	 *
	 * @param subject its subject DN
	 * @param issuer its issuer DN
	 * @param notAfter when it expires
	 */
	public record Certificate(String subject, String issuer, Instant notAfter) {

		static Certificate of(X509Certificate certificate) {
			return new Certificate(certificate.getSubjectX500Principal().getName(),
					certificate.getIssuerX500Principal().getName(), certificate.getNotAfter().toInstant());
		}

	}

	/**
	 * The connections of a server.
	 *
	 * @param active open now
	 * @param accepted accepted since it was bound
	 */
	public record Connections(int active, long accepted) {

	}

}
