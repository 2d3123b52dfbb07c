package dev.nettybind.server;

import java.time.Duration;
import java.util.Map;

import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import reactor.netty.http.HttpProtocol;

import org.springframework.util.unit.DataSize;

import dev.nettybind.diagnostics.OptionNames;
import dev.nettybind.diagnostics.ServerSetupException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * Tests for {@link BindOptionsValidation}: which options a server is refused with, and
 * the option that the report names.
 */
class BindOptionsValidationTests {

	private static ValidatorFactory factory;

	private final OptionNames names = OptionNames.configured("api");

	private BindOptionsValidation validation;

	@BeforeAll
	static void createValidatorFactory() {
		factory = Validation.buildDefaultValidatorFactory();
	}

	@AfterAll
	static void closeValidatorFactory() {
		factory.close();
	}

	@BeforeEach
	void createValidation() {
		Validator validator = factory.getValidator();
		this.validation = new BindOptionsValidation(validator);
	}

	@Test
	void defaultOptionsAreValid() {
		assertThatNoException().isThrownBy(() -> this.validation.validate(this.names, new BindOptions()));
	}

	@Test
	void firstViolationInTheOrderOfTheModelIsReported() {
		BindOptions options = plain().port(70000).backlog(-1);
		assertThatExceptionOfType(ServerSetupException.class)
			.isThrownBy(() -> this.validation.validate(this.names, options))
			.satisfies((ex) -> {
				assertThat(ex.getPropertyPath()).isEqualTo("bind.servers.api.port");
				assertThat(ex.getValue()).isEqualTo(70000);
				assertThat(ex.getDescription()).isEqualTo("Server 'api' has an invalid value for "
						+ "'bind.servers.api.port': must be between 0 and 65535 (0 picks an ephemeral port).");
			});
	}

	@RepeatedTest(5)
	void firstOfManyViolationsInTheOrderOfTheModelIsReportedWhateverTheOrderOfTheValidator() {
		// The validator's violations come in no fixed order: five of them, five times.
		BindOptions options = plain().limits(new BindOptions.Limits().maxConnections(-1).maxConcurrentStreams(0))
			.eventLoopThreads(-1)
			.backlog(-1)
			.port(-1);
		assertRefused(options, "port");
	}

	@Test
	void violationOfAGroupNamesTheOptionUnderItsPrefix() {
		BindOptions options = plain().limits(new BindOptions.Limits().headerTimeout(Duration.ofSeconds(-1)));
		assertThatExceptionOfType(ServerSetupException.class)
			.isThrownBy(() -> this.validation.validate(this.names, options))
			.satisfies((ex) -> {
				assertThat(ex.getPropertyPath()).isEqualTo("bind.servers.api.limits.header-timeout");
				assertThat(ex.getValue()).isEqualTo("-1s");
			});
	}

	@Test
	void sizeBelowItsLeastIsRefusedAndTheLeastItselfIsValid() {
		assertRefused(plain().limits(new BindOptions.Limits().maxHeaderSize(DataSize.ofBytes(0))),
				"limits.max-header-size");
		assertThatNoException().isThrownBy(() -> this.validation.validate(this.names,
				plain().limits(new BindOptions.Limits().maxHeaderSize(DataSize.ofBytes(1)))));
	}

	@Test
	void durationOfZeroIsValid() {
		assertThatNoException().isThrownBy(() -> this.validation.validate(this.names,
				plain().limits(new BindOptions.Limits().idleTimeout(Duration.ZERO))));
	}

	@Test
	void withoutAValidatorOnlyTheRulesThatTieOptionsTogetherApply() {
		BindOptionsValidation withoutValidator = new BindOptionsValidation(null);
		assertThatNoException().isThrownBy(() -> withoutValidator.validate(this.names, plain().backlog(-1)));
		assertThatExceptionOfType(ServerSetupException.class)
			.isThrownBy(() -> withoutValidator.validate(this.names, plain().requireClientCertificate(true)));
	}

	@Test
	void requiringAClientCertificateWithoutTlsIsRefused() {
		assertThatExceptionOfType(ServerSetupException.class)
			.isThrownBy(() -> this.validation.validate(this.names, plain().requireClientCertificate(true)))
			.satisfies((ex) -> {
				assertThat(ex.getPropertyPath()).isEqualTo("bind.servers.api.require-client-certificate");
				assertThat(ex.getDescription()).isEqualTo("Server 'api' asks clients for a certificate, but is not "
						+ "secure: it has no 'bind.servers.api.certificate-name'.");
				assertThat(ex.getAction()).isEqualTo("Set 'bind.servers.api.certificate-name', or remove "
						+ "'bind.servers.api.require-client-certificate'.");
			});
	}

	@Test
	void requestingAClientCertificateWithoutTlsIsRefused() {
		assertRefused(plain().requestClientCertificate(true), "request-client-certificate");
	}

	@Test
	void clientCertificateOfASecureServerIsValid() {
		assertValid(secure().requireClientCertificate(true));
		assertValid(secure().requestClientCertificate(true));
	}

	@Test
	void http3IsRefused() {
		assertThatExceptionOfType(ServerSetupException.class)
			.isThrownBy(() -> this.validation.validate(this.names, plain().protocols(HttpProtocol.HTTP3)))
			.satisfies((ex) -> {
				assertThat(ex.getPropertyPath()).isEqualTo("bind.servers.api.protocols");
				assertThat(ex.getAction()).isEqualTo("Remove HTTP3 from 'bind.servers.api.protocols'.");
			});
	}

	@Test
	void h2cOfASecureServerIsRefusedAndH2OfAPlainOne() {
		assertThatExceptionOfType(ServerSetupException.class)
			.isThrownBy(() -> this.validation.validate(this.names, secure().protocols(HttpProtocol.H2C)))
			.satisfies((ex) -> assertThat(ex.getDescription())
				.isEqualTo("Server 'api' is secure but asks for H2C, HTTP/2 without TLS."));
		assertThatExceptionOfType(ServerSetupException.class)
			.isThrownBy(() -> this.validation.validate(this.names, plain().protocols(HttpProtocol.H2)))
			.satisfies((ex) -> assertThat(ex.getDescription())
				.isEqualTo("Server 'api' asks for H2, HTTP/2 over TLS, but has no certificate."));
	}

	@Test
	void h2OfASecureServerAndH2cOfAPlainOneAreValid() {
		assertValid(secure().protocols(HttpProtocol.H2, HttpProtocol.HTTP11));
		assertValid(plain().protocols(HttpProtocol.H2C, HttpProtocol.HTTP11));
	}

	@Test
	void sniOfAPlainServerIsRefused() {
		assertThatExceptionOfType(ServerSetupException.class)
			.isThrownBy(() -> this.validation.validate(this.names, plain().sni(Map.of("api.example.com", "api"))))
			.satisfies((ex) -> {
				assertThat(ex.getPropertyPath()).isEqualTo("bind.servers.api.sni");
				assertThat(ex.getValue()).isEqualTo(Map.of("api.example.com", "api"));
			});
		assertThatExceptionOfType(ServerSetupException.class)
			.isThrownBy(() -> this.validation.validate(this.names, plain().sniStrict(true)))
			.satisfies((ex) -> {
				assertThat(ex.getPropertyPath()).isEqualTo("bind.servers.api.sni-strict");
				assertThat(ex.getValue()).isEqualTo(true);
			});
	}

	@Test
	void sniOfASecureServerMapsHostNamesAndWildcardsToCertificates() {
		assertValid(secure().sni(Map.of("api.example.com", "api", "*.example.com", "wildcard", "localhost", "local"))
			.sniStrict(true));
	}

	@Test
	void sniHostThatIsNoHostNameIsRefused() {
		assertThatExceptionOfType(ServerSetupException.class)
			.isThrownBy(() -> this.validation.validate(this.names, secure().sni(Map.of("api.*.com", "api"))))
			.satisfies((ex) -> assertThat(ex.getDescription()).contains("but 'api.*.com' is neither"));
	}

	@Test
	void sniHostWithoutACertificateIsRefused() {
		assertThatExceptionOfType(ServerSetupException.class)
			.isThrownBy(() -> this.validation.validate(this.names, secure().sni(Map.of("api.example.com", " "))))
			.satisfies((ex) -> assertThat(ex.getDescription()).contains("but 'api.example.com' has none"));
	}

	@Test
	void mimeTypeThatDoesNotParseIsRefused() {
		BindOptions options = plain().compression(new BindOptions.Compression().mimeTypes("text/html", "json"));
		assertThatExceptionOfType(ServerSetupException.class)
			.isThrownBy(() -> this.validation.validate(this.names, options))
			.satisfies((ex) -> {
				assertThat(ex.getPropertyPath()).isEqualTo("bind.servers.api.compression.mime-types");
				assertThat(ex.getDescription()).startsWith("Server 'api' cannot compress 'json': ");
			});
		assertValid(plain().compression(new BindOptions.Compression().mimeTypes("text/html", "application/json")));
	}

	@Test
	void trustedProxyThatIsNoCidrBlockIsRefused() {
		BindOptions options = plain().forwarded(new BindOptions.Forwarded().trustedProxies("10.0.0.0/8", "proxy"));
		assertThatExceptionOfType(ServerSetupException.class)
			.isThrownBy(() -> this.validation.validate(this.names, options))
			.satisfies((ex) -> {
				assertThat(ex.getPropertyPath()).isEqualTo("bind.servers.api.forwarded.trusted-proxies");
				assertThat(ex.getDescription()).endsWith("but 'proxy' is not.");
			});
		assertValid(plain().forwarded(new BindOptions.Forwarded().trustedProxies("10.0.0.0/8", "::1/128")));
	}

	@Test
	void redirectOfAPlainServerToANamedServerIsValid() {
		assertValid(plain().redirectTo("secure"));
	}

	@Test
	void blankRedirectIsRefused() {
		assertRefused(plain().redirectTo(" "), "redirect-to");
	}

	@Test
	void redirectOfASecureServerIsRefused() {
		assertThatExceptionOfType(ServerSetupException.class)
			.isThrownBy(() -> this.validation.validate(this.names, secure().redirectTo("other")))
			.satisfies((ex) -> {
				assertThat(ex.getPropertyPath()).isEqualTo("bind.servers.api.redirect-to");
				assertThat(ex.getDescription()).isEqualTo("Server 'api' redirects to server 'other', but is secure "
						+ "itself: only a plain server redirects to HTTPS.");
			});
	}

	private void assertRefused(BindOptions options, String option) {
		assertThatExceptionOfType(ServerSetupException.class)
			.isThrownBy(() -> this.validation.validate(this.names, options))
			.satisfies((ex) -> assertThat(ex.getPropertyPath()).isEqualTo("bind.servers.api." + option));
	}

	private void assertValid(BindOptions options) {
		assertThatNoException().isThrownBy(() -> this.validation.validate(this.names, options));
	}

	@Test
	void unixDomainSocketRefusesTheOptionsOfAPort() {
		BindOptions unix = BindOptions.of("unix:/run/app/api.sock", 0);
		assertThatNoException().isThrownBy(() -> this.validation.validate(this.names, unix.unixSocketPermissions("660")));
		assertRefused(unix.port(8080), "port", 8080, "binds a Unix domain socket, which has no port",
				"Remove 'bind.servers.api.port', or use an IP address in 'bind.servers.api.address'.");
		assertRefused(unix.v6Only(true), "v6-only", true, "binds a Unix domain socket", null);
		assertRefused(unix.reusePort(true), "reuse-port", true, "binds a Unix domain socket", null);
	}

	@Test
	void fileModeIsRefusedOnAnIpSocket() {
		assertRefused(plain().unixSocketPermissions("660"), "unix-socket-permissions", "660",
				"binds an IP socket, which has no file mode",
				"Set 'bind.servers.api.address' to unix:/path/to/socket, or remove "
						+ "'bind.servers.api.unix-socket-permissions'.");
	}

	@Test
	void inheritedSocketRefusesWhatItsOwnerSetsButTakesAnAddressAndPortToCheck() {
		BindOptions inherited = plain().inherit("systemd");
		assertThatNoException()
			.isThrownBy(() -> this.validation.validate(this.names, inherited.address("ANY_IP_V6").port(8080)));
		assertThatNoException()
			.isThrownBy(() -> this.validation.validate(this.names, inherited.address("unix:/run/app/api.sock")));
		String kind = "takes over an inherited socket (bind.servers.api.inherit: systemd), bound already by its owner";
		String action = "Remove 'bind.servers.api.backlog', or remove 'bind.servers.api.inherit' to bind a socket.";
		assertRefused(inherited.backlog(16), "backlog", 16, kind, action);
		assertRefused(inherited.unixSocketPermissions("660"), "unix-socket-permissions", "660", kind, null);
		assertRefused(inherited.v6Only(true), "v6-only", true, kind, null);
		assertRefused(inherited.reusePort(true), "reuse-port", true, kind, null);
	}

	@Test
	void inheritIsSystemdOrADescriptor() {
		assertThatNoException().isThrownBy(() -> this.validation.validate(this.names, plain().inherit("fd:3")));
		assertThatExceptionOfType(ServerSetupException.class)
			.isThrownBy(() -> this.validation.validate(this.names, plain().inherit("fd:three")))
			.satisfies((ex) -> assertThat(ex.getPropertyPath()).isEqualTo("bind.servers.api.inherit"))
			.withMessageContaining("must be systemd or fd: and a descriptor number, such as fd:3");
	}

	private void assertRefused(BindOptions options, String option, Object value, String reason, String action) {
		assertThatExceptionOfType(ServerSetupException.class)
			.isThrownBy(() -> this.validation.validate(this.names, options))
			.withMessageContaining("Server 'api' sets 'bind.servers.api." + option + "', but " + reason)
			.satisfies((ex) -> {
				assertThat(ex.getPropertyPath()).isEqualTo("bind.servers.api." + option);
				assertThat(ex.getValue()).isEqualTo(value);
				if (action != null) {
					assertThat(ex.getAction()).isEqualTo(action);
				}
			});
	}

	private static BindOptions plain() {
		return BindOptions.of("LOOPBACK_IP_V4", 0);
	}

	private static BindOptions secure() {
		return BindOptions.of("LOOPBACK_IP_V4", 0).certificateName("CN=localhost");
	}

}
