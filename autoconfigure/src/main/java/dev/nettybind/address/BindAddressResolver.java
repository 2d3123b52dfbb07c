package dev.nettybind.address;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Stream;

import io.netty.util.NetUtil;
import org.jspecify.annotations.Nullable;

import dev.nettybind.diagnostics.OptionNames;
import dev.nettybind.diagnostics.Suggestions;

/**
 * Turns the {@code address} of a server into the {@link InetAddress} it binds, as Dart's
 * {@code HttpServer.bind} does: a symbolic name ({@value #LOOPBACK_IP_V4},
 * {@value #LOOPBACK_IP_V6}, {@value #ANY_IP_V4}, {@value #ANY_IP_V6}), an IP literal
 * (IPv6 with or without brackets, with or without a zone id), or a host name, of which
 * the first address returned by the lookup is used. An address that begins with
 * {@value #UNIX_SOCKET_PREFIX} is the path of a Unix domain socket instead.
 *
 * @author Netty Bind Starter contributors
 * @since 0.1.0
 */
public final class BindAddressResolver {

	/** The IPv4 loopback address, {@code 127.0.0.1}. */
	public static final String LOOPBACK_IP_V4 = "LOOPBACK_IP_V4";

	/** The IPv6 loopback address, {@code ::1}. */
	public static final String LOOPBACK_IP_V6 = "LOOPBACK_IP_V6";

	/** The IPv4 wildcard address, {@code 0.0.0.0}: every IPv4 interface. */
	public static final String ANY_IP_V4 = "ANY_IP_V4";

	/** The IPv6 wildcard address, {@code ::}: every interface. */
	public static final String ANY_IP_V6 = "ANY_IP_V6";

	/**
	 * How the address of a Unix domain socket begins, as in
	 * {@code unix:/run/app/api.sock}.
	 */
	public static final String UNIX_SOCKET_PREFIX = "unix:";

	/**
	 * The longest path a Unix domain socket address holds on Linux: {@code sun_path} is
	 * 108 bytes, its terminating NUL included.
	 */
	private static final int MAX_UNIX_SOCKET_PATH_BYTES = 107;

	private final HostLookup lookup;

	/**
	 * Create a resolver that looks host names up with the JDK's resolver.
	 */
	public BindAddressResolver() {
		this(InetAddress::getAllByName);
	}

	/**
	 * Create a resolver that looks host names up with the given lookup, for example a
	 * service registry.
	 * @param lookup the lookup
	 */
	public BindAddressResolver(HostLookup lookup) {
		this.lookup = lookup;
	}

	/**
	 * Resolve the given address.
	 * @param names the names of the options of the server the address belongs to, for
	 * errors
	 * @param address the configured address
	 * @return the address to bind
	 * @throws UnresolvableAddressException if a host name does not resolve
	 */
	public InetAddress resolve(OptionNames names, String address) {
		Objects.requireNonNull(address, "address");
		String value = address.trim();
		InetAddress symbolic = symbolic(value);
		if (symbolic != null) {
			return symbolic;
		}
		if (value.indexOf('_') >= 0) {
			// No host name has an underscore (RFC 1123): a misspelled symbolic address,
			// which must not become a lookup on the network.
			throw UnresolvableAddressException.notSymbolic(names, address, closestSymbolic(value));
		}
		try {
			if (NetUtil.isValidIpV4Address(value) || NetUtil.isValidIpV6Address(value)) {
				// A literal: InetAddress parses it without any lookup, brackets and zone id too.
				return InetAddress.getByName(value);
			}
			if (value.startsWith("[")) {
				throw new UnknownHostException("brackets enclose an IPv6 literal only");
			}
			InetAddress[] all = this.lookup.lookup(value);
			if (all.length == 0) {
				throw new UnknownHostException("the lookup returned no address");
			}
			return all[0];
		}
		catch (UnknownHostException ex) {
			throw new UnresolvableAddressException(names, address, ex);
		}
	}

	/**
	 * Return the path of the Unix domain socket an address names.
	 * @param names the names of the options of the server the address belongs to, for
	 * errors
	 * @param address the configured address
	 * @return the path, or {@code null} when the address is an IP address or a host name
	 * @throws UnresolvableAddressException if the path is empty or too long for a socket
	 * address
	 */
	public static @Nullable Path unixSocketPath(OptionNames names, String address) {
		String value = address.trim();
		if (!value.regionMatches(true, 0, UNIX_SOCKET_PREFIX, 0, UNIX_SOCKET_PREFIX.length())) {
			return null;
		}
		String path = value.substring(UNIX_SOCKET_PREFIX.length());
		if (path.isEmpty()) {
			throw UnresolvableAddressException.badUnixSocketPath(names, address, "names no path");
		}
		if (path.getBytes(StandardCharsets.UTF_8).length > MAX_UNIX_SOCKET_PATH_BYTES) {
			throw UnresolvableAddressException.badUnixSocketPath(names, address,
					"is longer than the " + MAX_UNIX_SOCKET_PATH_BYTES + " bytes a socket address holds");
		}
		return Path.of(path);
	}

	private static InetAddress symbolic(String value) {
		return switch (value.toUpperCase(Locale.ROOT)) {
			case LOOPBACK_IP_V4 -> NetUtil.LOCALHOST4;
			case LOOPBACK_IP_V6 -> NetUtil.LOCALHOST6;
			case ANY_IP_V4 -> Wildcards.IPV4;
			case ANY_IP_V6 -> Wildcards.IPV6;
			default -> null;
		};
	}

	private static String closestSymbolic(String value) {
		String upper = value.toUpperCase(Locale.ROOT);
		return Stream.of(LOOPBACK_IP_V4, LOOPBACK_IP_V6, ANY_IP_V4, ANY_IP_V6)
			.min(Comparator.comparingInt((symbol) -> Suggestions.editDistance(upper, symbol)))
			.orElseThrow();
	}

	/**
	 * Looks a host name up.
	 */
	@FunctionalInterface
	public interface HostLookup {

		/**
		 * Return every address of the host, in the order of preference: the first is
		 * bound.
		 * @param host the host name
		 * @return the addresses
		 * @throws UnknownHostException if the host does not resolve
		 */
		InetAddress[] lookup(String host) throws UnknownHostException;

	}

	private static final class Wildcards {

		static final InetAddress IPV4 = parse("0.0.0.0");

		static final InetAddress IPV6 = parse("::");

		private static InetAddress parse(String literal) {
			try {
				return InetAddress.getByName(literal);
			}
			catch (UnknownHostException ex) {
				throw new IllegalStateException(ex);
			}
		}

	}

}
