package dev.nettybind.server;

import java.net.InetAddress;
import java.util.Arrays;

import io.netty.util.NetUtil;
import org.jspecify.annotations.Nullable;

/**
 * A block of IPv4 or IPv6 addresses in CIDR notation, such as {@code 10.0.0.0/8} or
 * {@code ::1/128}. Only literals are accepted: a host name would need a lookup at
 * startup and could change meaning.
 *
 * @author Netty Bind Starter contributors
 */
final class CidrBlock {

	private final byte[] network;

	private final int prefixLength;

	private CidrBlock(byte[] network, int prefixLength) {
		this.network = network;
		this.prefixLength = prefixLength;
	}

	/**
	 * Parse a block.
	 * @param value an IP literal, a slash and a prefix length
	 * @return the block, or {@code null} if the value is not one
	 */
	static @Nullable CidrBlock parse(String value) {
		int slash = value.indexOf('/');
		if (slash < 0) {
			return null;
		}
		byte[] network = NetUtil.createByteArrayFromIpAddressString(value.substring(0, slash).strip());
		String prefix = value.substring(slash + 1).strip();
		if (network == null || prefix.isEmpty() || prefix.length() > 3
				|| !prefix.chars().allMatch(Character::isDigit)) {
			return null;
		}
		int prefixLength = Integer.parseInt(prefix);
		return (prefixLength <= network.length * 8) ? new CidrBlock(network, prefixLength) : null;
	}

	/**
	 * Return whether the block holds the given address. An IPv4 address is never in an
	 * IPv6 block, and the reverse: the JDK gives IPv4-mapped IPv6 peers as IPv4 already.
	 * @param address the address
	 * @return whether it is in the block
	 */
	boolean contains(InetAddress address) {
		byte[] bytes = address.getAddress();
		if (bytes.length != this.network.length) {
			return false;
		}
		int whole = this.prefixLength / 8;
		if (!Arrays.equals(bytes, 0, whole, this.network, 0, whole)) {
			return false;
		}
		int rest = this.prefixLength % 8;
		int mask = (0xFF << (8 - rest)) & 0xFF;
		return rest == 0 || (bytes[whole] & mask) == (this.network[whole] & mask);
	}

}
