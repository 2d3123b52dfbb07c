package dev.nettybind.server;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link CidrBlock} parses IP literals only and matches by prefix.
 */
class CidrBlockTests {

	@Test
	void matchesByPrefix() throws UnknownHostException {
		CidrBlock block = CidrBlock.parse("192.168.128.0/17");
		assertThat(block.contains(InetAddress.getByName("192.168.255.1"))).isTrue();
		assertThat(block.contains(InetAddress.getByName("192.168.127.255"))).isFalse();
		assertThat(CidrBlock.parse("0.0.0.0/0").contains(InetAddress.getByName("203.0.113.9"))).isTrue();
		assertThat(CidrBlock.parse("10.1.2.3/32").contains(InetAddress.getByName("10.1.2.3"))).isTrue();
		assertThat(CidrBlock.parse("10.1.2.3/32").contains(InetAddress.getByName("10.1.2.4"))).isFalse();
	}

	@Test
	void ipv6BlocksHoldIpv6AddressesOnly() throws UnknownHostException {
		CidrBlock block = CidrBlock.parse("2001:db8::/32");
		assertThat(block.contains(InetAddress.getByName("2001:db8:ffff::1"))).isTrue();
		assertThat(block.contains(InetAddress.getByName("2001:db9::1"))).isFalse();
		assertThat(CidrBlock.parse("::1/128").contains(InetAddress.getByName("::1"))).isTrue();
		assertThat(CidrBlock.parse("::/0").contains(InetAddress.getByName("127.0.0.1"))).isFalse();
		assertThat(CidrBlock.parse("0.0.0.0/0").contains(InetAddress.getByName("::1"))).isFalse();
	}

	@Test
	void onlyLiteralsWithAPrefixInRangeAreBlocks() {
		assertThat(CidrBlock.parse(" 10.0.0.0/8 ")).isNotNull();
		for (String invalid : new String[] { "10.0.0.0", "10.0.0.0/", "10.0.0.0/33", "::/129", "localhost/8",
				"10.0.0/8", "10.0.0.0/+8", "10.0.0.0/0008" }) {
			assertThat(CidrBlock.parse(invalid)).as(invalid).isNull();
		}
	}

}
