package dev.nettybind.server;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import reactor.netty.http.HttpProtocol;

import org.springframework.util.unit.DataSize;

import dev.nettybind.shared.Distribution;
import dev.nettybind.tls.ClientCertificateMode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.entry;

/**
 * Tests for {@link BindOptions} and the properties view of it: options are values, and
 * each is named as in {@code bind.servers}.
 */
class BindOptionsTests {

	@Test
	void propertiesAreNamedAsInBindServersInTheOrderOfTheModel() {
		Map<String, Object> properties = BindOptions.of("ANY_IP_V6", 8080).asProperties();
		assertThat(properties.keySet()).startsWith("address", "inherit", "port", "backlog",
				"unix-socket-permissions", "v6-only", "shared", "distribution", "reuse-port", "event-loop-threads", "certificate-name")
			.contains("limits.max-body-size", "limits.header-timeout", "compression.mime-types",
					"forwarded.trusted-proxies", "access-log.format")
			.doesNotContain("limits", "compression")
			.endsWith("redirect-to");
		assertThat(properties).contains(entry("address", "ANY_IP_V6"), entry("port", 8080),
				entry("limits.max-body-size", DataSize.ofMegabytes(16)), entry("certificate-name", null));
	}

	@Test
	void fluentMethodsReturnACopyAndLeaveTheOptionsAsTheyWere() {
		BindOptions options = BindOptions.of("LOOPBACK_IP_V4", 0);
		BindOptions changed = options.port(8080).backlog(16).shared(true).certificateName("api");
		assertThat(options.getPort()).isZero();
		assertThat(options.getBacklog()).isZero();
		assertThat(options.isShared()).isFalse();
		assertThat(options.secure()).isFalse();
		assertThat(changed.getPort()).isEqualTo(8080);
		assertThat(changed.getBacklog()).isEqualTo(16);
		assertThat(changed.isShared()).isTrue();
		assertThat(changed.secure()).isTrue();
	}

	@Test
	void copyIsDeepSoThatAChangedGroupOfTheCopyLeavesTheOriginal() {
		BindOptions options = BindOptions.of("LOOPBACK_IP_V4", 0)
			.limits(new BindOptions.Limits().maxConnections(5))
			.distribution(Distribution.LEAST_CONNECTIONS);
		BindOptions copy = options.copy();
		copy.getLimits().setMaxConnections(7);
		copy.getCompression().setEnabled(true);
		assertThat(options.getLimits().getMaxConnections()).isEqualTo(5);
		assertThat(options.getCompression().isEnabled()).isFalse();
		assertThat(copy.getDistribution()).isEqualTo(Distribution.LEAST_CONNECTIONS);
		assertThat(copy.asProperties()).containsEntry("limits.max-connections", 7);
	}

	@Test
	void copyOfASubclassIsPlainOptions() {
		BindOptions options = new BindOptions() {
		}.port(9000);
		assertThat(options.getClass()).isEqualTo(BindOptions.class);
		assertThat(options.getPort()).isEqualTo(9000);
	}

	@Test
	void groupGivenToTheOptionsIsCopied() {
		BindOptions.Limits limits = new BindOptions.Limits().idleTimeout(Duration.ofSeconds(5));
		BindOptions options = BindOptions.of("LOOPBACK_IP_V4", 0).limits(limits);
		limits.setIdleTimeout(Duration.ofSeconds(9));
		assertThat(options.getLimits().getIdleTimeout()).isEqualTo(Duration.ofSeconds(5));
	}

	@Test
	void toStringNamesEveryOption() {
		assertThat(BindOptions.of("ANY_IP_V4", 8080)).hasToString(
				"BindOptions" + BindOptions.of("ANY_IP_V4", 8080).asProperties())
			.asString()
			.startsWith("BindOptions{address=ANY_IP_V4, inherit=null, port=8080, ");
	}

	@Test
	void protocolsDefaultToHttp11AndToH2AndHttp11WhenSecure() {
		assertThat(BindOptions.of("LOOPBACK_IP_V4", 0).resolvedProtocols()).containsExactly(HttpProtocol.HTTP11);
		assertThat(BindOptions.of("LOOPBACK_IP_V4", 0).certificateName("api").resolvedProtocols())
			.containsExactly(HttpProtocol.H2, HttpProtocol.HTTP11);
		assertThat(BindOptions.of("LOOPBACK_IP_V4", 0).protocols(HttpProtocol.H2C).resolvedProtocols())
			.containsExactly(HttpProtocol.H2C);
	}

	@Test
	void requiringAClientCertificateWinsOverRequestingOne() {
		BindOptions options = BindOptions.of("LOOPBACK_IP_V4", 0).certificateName("api");
		assertThat(options.clientCertificateMode()).isEqualTo(ClientCertificateMode.NONE);
		assertThat(options.requestClientCertificate(true).clientCertificateMode())
			.isEqualTo(ClientCertificateMode.REQUEST);
		assertThat(options.requestClientCertificate(true).requireClientCertificate(true).clientCertificateMode())
			.isEqualTo(ClientCertificateMode.REQUIRE);
		BindOptions requesting = options.clientCertificate(ClientCertificateMode.REQUEST);
		assertThat(requesting.isRequestClientCertificate()).isTrue();
		assertThat(requesting.isRequireClientCertificate()).isFalse();
		assertThat(requesting.clientCertificate(ClientCertificateMode.REQUIRE).isRequireClientCertificate()).isTrue();
		assertThat(requesting.clientCertificate(ClientCertificateMode.NONE).clientCertificateMode())
			.isEqualTo(ClientCertificateMode.NONE);
	}

	@Test
	void socketSettingsLeaveOutWhatBelongsToEachServer() {
		Map<String, Object> settings = OptionProperties
			.socketSettings(BindOptions.of("ANY_IP_V4", 8080).shared(true).backlog(32).redirectTo("secure"));
		assertThat(settings).doesNotContainKeys("address", "port", "shared", "v6-only", "event-loop-threads",
				"redirect-to")
			.containsEntry("backlog", 32)
			.containsEntry("protocols", List.of(HttpProtocol.HTTP11));
	}

	@Test
	void explicitDefaultProtocolsAreTheSameSocketSettingAsNone() {
		assertThat(OptionProperties.socketSettings(BindOptions.of("LOOPBACK_IP_V4", 0).protocols(HttpProtocol.HTTP11)))
			.isEqualTo(OptionProperties.socketSettings(BindOptions.of("LOOPBACK_IP_V4", 0)));
	}

	@Test
	void propertiesOfAModelTypeAreItsInstanceFieldsOnly() {
		assertThat(OptionProperties.of(new Sample())).containsExactly(entry("max-size", 3));
	}

	@Test
	void fieldWithoutAGetterAndASetterIsAnErrorOfTheModel() {
		assertThatIllegalStateException().isThrownBy(() -> OptionProperties.of(new WithoutSetter()))
			.withMessageContaining("hidden")
			.withMessageEndingWith("needs a getter and a setter");
	}

	/**
	 * A model type: public, so that its accessors can be invoked by reflection.
	 */
	public static class Sample {

		static final int DEFAULT_MAX_SIZE = 3;

		private int maxSize = DEFAULT_MAX_SIZE;

		public int getMaxSize() {
			return this.maxSize;
		}

		public void setMaxSize(int maxSize) {
			this.maxSize = maxSize;
		}

	}

	/**
	 * A model type whose field has no setter.
	 */
	public static class WithoutSetter {

		private int hidden;

		public int getHidden() {
			return this.hidden;
		}

	}

}
