package dev.nettybind.server;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Locale;
import java.util.function.BiFunction;

import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpRequest;
import org.jspecify.annotations.Nullable;
import reactor.netty.http.server.ConnectionInfo;
import reactor.netty.transport.AddressUtils;

/**
 * Applies the {@code Forwarded} (RFC 7239: {@code for}, {@code proto}, {@code host}) or,
 * without it, the {@code X-Forwarded-For/-Proto/-Host/-Port} headers of a request, only
 * when the connection's peer is in a trusted block; the headers of any other peer are
 * ignored, so that a client cannot spoof its address. Of several values the first is
 * taken, as Reactor Netty's own handler (package-private, so not reusable) does: the
 * client as the first proxy saw it. Taking the right-most untrusted hop instead would
 * need the trusted blocks to cover every proxy of the chain, which users rarely know;
 * the documented rule is that a trusted proxy sets these headers, it does not append.
 *
 * @author Netty Bind Starter contributors
 */
final class TrustedForwardedHeaders implements BiFunction<ConnectionInfo, HttpRequest, ConnectionInfo> {

	private final List<CidrBlock> trusted;

	TrustedForwardedHeaders(List<CidrBlock> trusted) {
		this.trusted = List.copyOf(trusted);
	}

	@Override
	public ConnectionInfo apply(ConnectionInfo info, HttpRequest request) {
		InetSocketAddress peer = info.getRemoteAddress();
		if (peer == null || peer.getAddress() == null
				|| this.trusted.stream().noneMatch((block) -> block.contains(peer.getAddress()))) {
			return info;
		}
		HttpHeaders headers = request.headers();
		String forwarded = first(headers.get("Forwarded"));
		if (forwarded != null) {
			return applyForwarded(info, forwarded);
		}
		info = withScheme(info, first(headers.get("X-Forwarded-Proto")));
		info = withHost(info, first(headers.get("X-Forwarded-Host")));
		info = withPort(info, first(headers.get("X-Forwarded-Port")));
		return withRemoteAddress(info, first(headers.get("X-Forwarded-For")));
	}

	private static ConnectionInfo applyForwarded(ConnectionInfo info, String element) {
		String forValue = null;
		String proto = null;
		String host = null;
		for (String pair : element.split(";")) {
			int equals = pair.indexOf('=');
			if (equals > 0) {
				String value = unquote(pair.substring(equals + 1).strip());
				switch (pair.substring(0, equals).strip().toLowerCase(Locale.ROOT)) {
					case "for" -> forValue = value;
					case "proto" -> proto = value;
					case "host" -> host = value;
					default -> {
					}
				}
			}
		}
		// The scheme first, so that a host without a port gets the scheme's default port.
		return withRemoteAddress(withHost(withScheme(info, proto), host), forValue);
	}

	private static ConnectionInfo withScheme(ConnectionInfo info, @Nullable String scheme) {
		return (scheme != null) ? info.withScheme(scheme.toLowerCase(Locale.ROOT)) : info;
	}

	private static ConnectionInfo withHost(ConnectionInfo info, @Nullable String host) {
		if (host == null) {
			return info;
		}
		InetSocketAddress address = AddressUtils.parseAddress(host,
				ConnectionInfo.getDefaultHostPort(info.getScheme()), false);
		return info.withHostAddress(address, address.getHostString(), address.getPort());
	}

	private static ConnectionInfo withPort(ConnectionInfo info, @Nullable String port) {
		if (port == null || port.length() > 5 || !port.chars().allMatch(Character::isDigit)) {
			return info;
		}
		int number = Integer.parseInt(port);
		return info.withHostAddress(AddressUtils.createUnresolved(info.getHostName(), number), info.getHostName(),
				number);
	}

	private static ConnectionInfo withRemoteAddress(ConnectionInfo info, @Nullable String address) {
		if (address == null) {
			return info;
		}
		return info.withRemoteAddress(AddressUtils.parseAddress(address, info.getRemoteAddress().getPort(), false));
	}

	/**
	 * Return the first of the comma-separated values of a header, {@code null} if none.
	 */
	private static @Nullable String first(@Nullable String header) {
		if (header == null) {
			return null;
		}
		String first = header.split(",", 2)[0].strip();
		return first.isEmpty() ? null : first;
	}

	private static String unquote(String value) {
		return (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\""))
				? value.substring(1, value.length() - 1) : value;
	}

}
