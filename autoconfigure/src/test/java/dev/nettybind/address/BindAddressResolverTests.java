package dev.nettybind.address;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import dev.nettybind.diagnostics.OptionNames;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link BindAddressResolver}: what each form of address resolves to.
 */
class BindAddressResolverTests {

	private final AtomicInteger lookups = new AtomicInteger();

	private final BindAddressResolver resolver = new BindAddressResolver((host) -> {
		this.lookups.incrementAndGet();
		if (host.equals("dual.example")) {
			return new InetAddress[] { InetAddress.getByName("::1"), InetAddress.getByName("127.0.0.1") };
		}
		return InetAddress.getAllByName(host);
	});

	@ParameterizedTest
	@CsvSource({ "LOOPBACK_IP_V4, 127.0.0.1", "LOOPBACK_IP_V6, ::1", "ANY_IP_V4, 0.0.0.0", "ANY_IP_V6, ::",
			"loopback_ip_v4, 127.0.0.1", "' ANY_IP_V6 ', ::" })
	void symbolicAddressesNeedNoLookup(String address, String expected) throws Exception {
		assertThat(this.resolver.resolve(OptionNames.configured("api"), address)).isEqualTo(InetAddress.getByName(expected));
		assertThat(this.lookups).hasValue(0);
	}

	@Test
	void anyIpV4IsAnIpv4AddressAndAnyIpV6AnIpv6Address() {
		assertThat(this.resolver.resolve(OptionNames.configured("api"), "ANY_IP_V4")).isInstanceOf(Inet4Address.class);
		assertThat(this.resolver.resolve(OptionNames.configured("api"), "ANY_IP_V6")).isInstanceOf(Inet6Address.class);
	}

	@ParameterizedTest
	@CsvSource({ "127.0.0.2, 127.0.0.2", "::1, ::1", "[::1], ::1", "[fe80::1%1], fe80::1%1", "fe80::1%1, fe80::1%1",
			"::ffff:127.0.0.1, 127.0.0.1" })
	void literalsNeedNoLookup(String address, String expected) throws Exception {
		assertThat(this.resolver.resolve(OptionNames.configured("api"), address)).isEqualTo(InetAddress.getByName(expected));
		assertThat(this.lookups).hasValue(0);
	}

	@Test
	void zoneIdIsKept() {
		Inet6Address address = (Inet6Address) this.resolver.resolve(OptionNames.configured("api"), "[fe80::1%1]");
		assertThat(address.getScopeId()).isEqualTo(1);
	}

	@Test
	void hostNameResolvesToTheFirstAddressOfItsLookup() throws Exception {
		assertThat(this.resolver.resolve(OptionNames.configured("api"), "dual.example"))
			.isEqualTo(InetAddress.getByName("::1"));
		assertThat(this.lookups).hasValue(1);
	}

	@Test
	void unresolvableHostNamesTheServerAndTheHost() {
		assertThatExceptionOfType(UnresolvableAddressException.class)
			.isThrownBy(() -> this.resolver.resolve(OptionNames.configured("api"), "no-such-host.invalid"))
			.satisfies((ex) -> {
				assertThat(ex.getServerName()).isEqualTo("api");
				assertThat(ex.getValue()).isEqualTo("no-such-host.invalid");
				assertThat(ex.getPropertyPath()).isEqualTo("bind.servers.api.address");
			})
			.withMessageContaining("'no-such-host.invalid'");
	}

	@Test
	void bracketsAroundSomethingElseThanAnIpv6LiteralAreAnError() {
		assertThatExceptionOfType(UnresolvableAddressException.class)
			.isThrownBy(() -> this.resolver.resolve(OptionNames.configured("api"), "[localhost]"))
			.withMessageContaining("brackets enclose an IPv6 literal only");
		assertThat(this.lookups).hasValue(0);
	}

	@Test
	void unixAddressNamesTheSocketPathWithoutALookup() {
		OptionNames names = OptionNames.configured("api");
		assertThat(BindAddressResolver.unixSocketPath(names, "unix:/run/app/api.sock")).isEqualTo(Path.of("/run/app/api.sock"));
		assertThat(BindAddressResolver.unixSocketPath(names, " UNIX:relative.sock ")).isEqualTo(Path.of("relative.sock"));
		assertThat(BindAddressResolver.unixSocketPath(names, "127.0.0.1")).isNull();
		assertThat(BindAddressResolver.unixSocketPath(names, "unixhost")).isNull();
		assertThat(this.lookups).hasValue(0);
	}

	@Test
	void unixAddressNeedsAPathThatFitsASocketAddress() {
		OptionNames names = OptionNames.configured("api");
		String longest = "/" + "a".repeat(106);
		assertThat(BindAddressResolver.unixSocketPath(names, "unix:" + longest)).isEqualTo(Path.of(longest));
		assertThatExceptionOfType(UnresolvableAddressException.class)
			.isThrownBy(() -> BindAddressResolver.unixSocketPath(names, "unix:" + longest + "a"))
			.withMessageContaining("whose path is longer than the 107 bytes a socket address holds");
		assertThatExceptionOfType(UnresolvableAddressException.class)
			.isThrownBy(() -> BindAddressResolver.unixSocketPath(names, "unix:"))
			.withMessageContaining("whose path names no path")
			.satisfies((ex) -> assertThat(ex.getPropertyPath()).isEqualTo("bind.servers.api.address"));
	}

}
