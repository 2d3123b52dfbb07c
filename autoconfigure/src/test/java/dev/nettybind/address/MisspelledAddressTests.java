package dev.nettybind.address;

import java.net.InetAddress;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.nettybind.diagnostics.OptionNames;
import dev.nettybind.diagnostics.Suggestions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A misspelled symbolic address fails without any lookup, and the report suggests the
 * symbolic address it was meant to be.
 */
class MisspelledAddressTests {

	private final AtomicInteger lookups = new AtomicInteger();

	private final BindAddressResolver resolver = new BindAddressResolver((host) -> {
		this.lookups.incrementAndGet();
		return new InetAddress[] { InetAddress.getLoopbackAddress() };
	});

	@ParameterizedTest
	@CsvSource({ "LOOPBAK_IP_V4, LOOPBACK_IP_V4", "loopback_ipv6, LOOPBACK_IP_V6", "ANY_IPV4, ANY_IP_V4",
			"ANY_IP_6, ANY_IP_V6" })
	void misspelledSymbolicAddressIsNotLookedUpAndTheClosestIsSuggested(String address, String closest) {
		assertThatExceptionOfType(UnresolvableAddressException.class)
			.isThrownBy(() -> this.resolver.resolve(OptionNames.configured("api"), address))
			.satisfies((ex) -> {
				assertThat(ex.getPropertyPath()).isEqualTo("bind.servers.api.address");
				assertThat(ex.getDescription()).isEqualTo("Server 'api' has the address '" + address
						+ "', which is no symbolic address and, with an underscore, no host name either.");
				assertThat(ex.getAction()).startsWith("Did you mean " + closest + "?");
			});
		assertThat(this.lookups).hasValue(0);
	}

	@Test
	void addressStartingWithAnUnderscoreIsNotLookedUp() {
		assertThatExceptionOfType(UnresolvableAddressException.class)
			.isThrownBy(() -> this.resolver.resolve(OptionNames.configured("api"), "_loopback"))
			.satisfies((ex) -> assertThat(ex.getDescription()).endsWith("with an underscore, no host name either."));
		assertThat(this.lookups).hasValue(0);
	}

	@ParameterizedTest
	@CsvSource({ "kitten, sitting, 3", "LOOPBACK_IP_V4, LOOPBACK_IP_V4, 0", "ANY_IP_V4, ANY_IP_V6, 1", "'', abc, 3" })
	void editDistanceCountsInsertionsDeletionsAndSubstitutions(String one, String other, int distance) {
		assertThat(Suggestions.editDistance(one, other)).isEqualTo(distance);
	}

}
