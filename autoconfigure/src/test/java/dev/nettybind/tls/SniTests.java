package dev.nettybind.tls;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.nettybind.Processes;
import dev.nettybind.TestCertificates;
import dev.nettybind.TestCertificates.Issued;
import dev.nettybind.config.BindServersAutoConfiguration;
import dev.nettybind.diagnostics.ServerSetupException;
import dev.nettybind.server.BindOptions;
import dev.nettybind.server.BoundServer;
import dev.nettybind.server.ServerBinder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code bind.servers.<name>.sni} and {@code sni-strict}: the certificate a client gets
 * depends on the host name it asks for, checked with {@code openssl s_client
 * -servername}.
 */
class SniTests {

	@TempDir
	static Path directory;

	static Issued ca;

	static Path database;

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(BindServersAutoConfiguration.class, SslAutoConfiguration.class))
		.withUserConfiguration(SecureServerTests.WhoAmI.class)
		.withPropertyValues("bind.certificate-database.location=file:" + database,
				"bind.certificate-database.password=changeit", "bind.servers.secure.handler=whoAmI",
				"bind.servers.secure.certificate-name=default", "bind.servers.secure.sni.api.example.test=api",
				"bind.servers.secure.sni.[*.wild.example.test]=CN=wild, O=Example");

	@BeforeAll
	static void makeCertificates() {
		ca = TestCertificates.ca("CN=Test CA, O=Example");
		database = writeDatabase(directory.resolve("database.p12"), "Example");
	}

	@Test
	void eachHostNameGetsItsCertificateAndOtherClientsTheDefault() {
		this.runner.run((context) -> {
			int port = context.getBean(BoundServer.class).port();
			assertThat(subject(port, "api.example.test")).isEqualTo("O=Example, CN=api");
			assertThat(subject(port, "API.Example.Test")).isEqualTo("O=Example, CN=api");
			assertThat(subject(port, "one.wild.example.test")).isEqualTo("O=Example, CN=wild");
			// A wildcard covers one label only.
			assertThat(subject(port, "two.one.wild.example.test")).isEqualTo("O=Example, CN=default");
			assertThat(subject(port, "wild.example.test")).isEqualTo("O=Example, CN=default");
			assertThat(subject(port, "unknown.example.test")).isEqualTo("O=Example, CN=default");
			assertThat(subject(port, null)).isEqualTo("O=Example, CN=default");
		});
	}

	@Test
	void strictServerRefusesAnUnknownNameWithUnrecognizedName() {
		this.runner.withPropertyValues("bind.servers.secure.sni-strict=true").run((context) -> {
			int port = context.getBean(BoundServer.class).port();
			Processes.Result refused = sClient(port, "unknown.example.test");
			assertThat(refused.exitCode()).isNotZero();
			assertThat(refused.output()).contains("unrecognized name").doesNotContain("subject=");
			assertThat(subject(port, "api.example.test")).isEqualTo("O=Example, CN=api");
			assertThat(subject(port, "one.wild.example.test")).isEqualTo("O=Example, CN=wild");
			// The default certificate's own name (SAN localhost) is known, and so is no name.
			assertThat(subject(port, "localhost")).isEqualTo("O=Example, CN=default");
			assertThat(subject(port, null)).isEqualTo("O=Example, CN=default");
		});
	}

	@Test
	void reloadOfTheDatabaseRenewsEveryMappedCertificate() {
		Path rotating = writeDatabase(directory.resolve("rotating.p12"), "Example");
		this.runner
			.withPropertyValues("bind.certificate-database.location=file:" + rotating,
					"bind.certificate-database.reload-on-update=true",
					"bind.certificate-database.reload-check-interval=100ms",
					// By alias: the renewed certificate has another subject.
					"bind.servers.secure.sni.[*.wild.example.test]=wild")
			.run((context) -> {
				int port = context.getBean(BoundServer.class).port();
				assertThat(subject(port, "api.example.test")).isEqualTo("O=Example, CN=api");
				writeDatabase(rotating, "Renewed");
				await().atMost(Duration.ofSeconds(30))
					.untilAsserted(() -> assertThat(subject(port, "api.example.test")).isEqualTo("O=Renewed, CN=api"));
				assertThat(subject(port, "one.wild.example.test")).isEqualTo("O=Renewed, CN=wild");
				assertThat(subject(port, null)).isEqualTo("O=Renewed, CN=default");
			});
	}

	@Test
	void programmaticServerTakesTheSameMapping() {
		this.runner.run((context) -> {
			BoundServer bound = context.getBean(ServerBinder.class)
				.bind("late", BindOptions.of("LOOPBACK_IP_V4", 0)
					.certificateName("default")
					.sni(Map.of("api.example.test", "api"))
					.sniStrict(true), (request, response) -> response.sendString(Mono.just("late")));
			assertThat(subject(bound.port(), "api.example.test")).isEqualTo("O=Example, CN=api");
			assertThat(sClient(bound.port(), "one.wild.example.test").output()).contains("unrecognized name");
		});
	}

	@Test
	void serversSharingASocketPresentTheSameCertificates() {
		this.runner.withPropertyValues("bind.servers.secure.shared=true").run((context) -> {
			BoundServer first = context.getBean(BoundServer.class);
			BoundServer second = context.getBean(ServerBinder.class)
				.bind("second", first.options().copy().port(first.port()),
						(request, response) -> response.sendString(Mono.just("second")));
			assertThat(second.port()).isEqualTo(first.port());
			// Each connection goes to one of the two in turn.
			for (int i = 0; i < 4; i++) {
				assertThat(subject(first.port(), "api.example.test")).isEqualTo("O=Example, CN=api");
			}
		});
	}

	@Test
	void unknownCertificateOfAHostNameFailsNamingItsEntry() {
		this.runner.withPropertyValues("bind.servers.secure.sni.admin.example.test=missing").run((context) -> {
			assertThat(context).hasFailed();
			ServerSetupException failure = (ServerSetupException) rootSetupFailure(context.getStartupFailure());
			assertThat(failure.getPropertyPath()).isEqualTo("bind.servers.secure.sni[admin.example.test]");
			assertThat(failure.getValue()).isEqualTo("missing");
			assertThat(failure.getMessage()).contains("Server 'secure' cannot use the certificate 'missing'");
		});
	}

	@Test
	void hostNameThatIsNoneFailsAtStartup() {
		this.runner.withPropertyValues("bind.servers.secure.sni.[api_example]=api").run((context) -> {
			assertThat(context).hasFailed();
			ServerSetupException failure = (ServerSetupException) rootSetupFailure(context.getStartupFailure());
			assertThat(failure.getPropertyPath()).isEqualTo("bind.servers.secure.sni");
			assertThat(failure.getMessage()).contains("'api_example' is neither").contains("'[*.example.com]'");
		});
	}

	@Test
	void sniOnAPlainServerFailsAtStartup() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(BindServersAutoConfiguration.class))
			.withUserConfiguration(SecureServerTests.WhoAmI.class)
			.withPropertyValues("bind.servers.plain.handler=whoAmI", "bind.servers.plain.sni-strict=true")
			.run((context) -> {
				assertThat(context).hasFailed();
				ServerSetupException failure = (ServerSetupException) rootSetupFailure(context.getStartupFailure());
				assertThat(failure.getPropertyPath()).isEqualTo("bind.servers.plain.sni-strict");
				assertThat(failure.getMessage()).contains("is not secure");
				assertThat(failure.getAction()).contains("bind.servers.plain.certificate-name");
			});
	}

	private static Throwable rootSetupFailure(Throwable failure) {
		Throwable candidate = failure;
		while (candidate != null && !(candidate instanceof ServerSetupException)) {
			candidate = candidate.getCause();
		}
		assertThat(candidate).as("a ServerSetupException in %s", failure).isNotNull();
		return candidate;
	}

	private static String subject(int port, String serverName) {
		Processes.Result result = sClient(port, serverName);
		for (String line : result.output().split("\n")) {
			if (line.startsWith("subject=")) {
				return line.substring("subject=".length()).replace(" = ", "=").trim();
			}
		}
		throw new IllegalStateException("No subject in openssl output:\n" + result.output());
	}

	private static Processes.Result sClient(int port, String serverName) {
		List<String> command = new ArrayList<>(List.of("openssl", "s_client", "-connect", "127.0.0.1:" + port));
		command.addAll((serverName != null) ? List.of("-servername", serverName) : List.of("-noservername"));
		return Processes.run(command);
	}

	private static Path writeDatabase(Path file, String organisation) {
		return TestCertificates.keyStore()
			.key("default", TestCertificates.server("CN=default, O=" + organisation, ca))
			.key("api", TestCertificates.server("CN=api, O=" + organisation, ca))
			.key("wild", TestCertificates.server("CN=wild, O=" + organisation, ca))
			.trusted("ca", ca.certificate())
			.writeTo(file, "changeit");
	}

}
