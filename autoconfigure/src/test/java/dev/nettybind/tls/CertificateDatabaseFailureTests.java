package dev.nettybind.tls;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.ssl.SslMetricsAutoConfiguration;
import org.springframework.boot.context.properties.source.MutuallyExclusiveConfigurationPropertiesException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.nettybind.TestCertificates;
import dev.nettybind.TestCertificates.Issued;
import dev.nettybind.TestHandlers;
import dev.nettybind.diagnostics.ServerSetupException;
import dev.nettybind.config.BindServersAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each way a secure server can fail to get its certificate fails the startup with its
 * own message, naming the server, the property and what the database holds.
 */
class CertificateDatabaseFailureTests {

	@TempDir
	static Path directory;

	static Path database;

	static Path keyPasswordDatabase;

	static Path jksDatabase;

	static Path secretKeyDatabase;

	@BeforeAll
	static void makeDatabases() throws Exception {
		Issued ca = TestCertificates.ca("CN=Test CA, O=Example");
		Issued server = TestCertificates.server("CN=localhost, O=Example", ca);
		database = TestCertificates.keyStore()
			.key("server", server)
			.key("twin-a", TestCertificates.server("CN=twin, O=Example", ca))
			.key("twin-b", TestCertificates.server("CN=twin, O=Example", ca))
			.trusted("ca", ca.certificate())
			.writeTo(directory.resolve("database.p12"), "changeit");
		keyPasswordDatabase = TestCertificates.keyStore()
			.key("server", TestCertificates.server("CN=localhost, O=Example", ca))
			.writeTo(directory.resolve("key-password.p12"), "changeit", "keysecret");
		secretKeyDatabase = TestCertificates.keyStore()
			.secretKey("secret")
			.writeTo(directory.resolve("secret-key.p12"), "changeit");
		jksDatabase = directory.resolve("database.jks");
		KeyStore jks = KeyStore.getInstance("JKS");
		jks.load(null, null);
		jks.setKeyEntry("server", server.privateKey(), "changeit".toCharArray(), server.chain());
		try (OutputStream out = Files.newOutputStream(jksDatabase)) {
			jks.store(out, "changeit".toCharArray());
		}
	}

	static Stream<Arguments> failures() {
		return Stream.of(
				Arguments.of("not found", List.of("bind.servers.api.certificate-name=CN=nobody"),
						"bind.servers.api.certificate-name",
						List.of("Server 'api' cannot use the certificate 'CN=nobody'",
								"has no certificate with the alias or subject 'CN=nobody'",
								"It holds 'server' (key, CN=localhost,O=Example)", "'ca' (trusted, CN=Test CA,O=Example)")),
				Arguments.of("ambiguous subject", List.of("bind.servers.api.certificate-name=CN=twin,O=Example"),
						"bind.servers.api.certificate-name",
						List.of("More than one certificate", "aliases [twin-a, twin-b]",
								"Name the certificate by its alias instead")),
				Arguments.of("no private key", List.of("bind.servers.api.certificate-name=ca"),
						"bind.servers.api.certificate-name",
						List.of("The certificate 'ca'", "is a trusted certificate without a private key")),
				Arguments.of("wrong key store password",
						List.of("bind.certificate-database.password=wrong", "bind.servers.api.certificate-name=server"),
						"bind.certificate-database.password",
						List.of("The password of the key store", "is wrong",
								"Set 'bind.certificate-database.password'")),
				Arguments.of("wrong key password",
						List.of("bind.certificate-database.location=file:" + keyPasswordDatabase,
								"bind.servers.api.certificate-name=server"),
						"bind.certificate-database.key-password",
						List.of("The private key of 'server'", "cannot be read with the password given")),
				Arguments.of("secret-key entry",
						List.of("bind.certificate-database.location=file:" + secretKeyDatabase,
								"bind.servers.api.certificate-name=secret"),
						"bind.servers.api.certificate-name",
						List.of("Server 'api' cannot use the certificate 'secret' of file:" + secretKeyDatabase,
								"ClassCastException", "Name a private key entry with its certificate chain")),
				Arguments.of("unreadable file",
						List.of("bind.certificate-database.location=file:/no/such/database.p12",
								"bind.servers.api.certificate-name=server"),
						"bind.certificate-database.location",
						List.of("The key store 'file:/no/such/database.p12' could not be read")),
				Arguments.of("no trusted certificate to verify clients with",
						List.of("bind.certificate-database.location=file:" + keyPasswordDatabase,
								"bind.certificate-database.key-password=keysecret",
								"bind.servers.api.certificate-name=server",
								"bind.servers.api.request-client-certificate=true"),
						"bind.certificate-database.location", List.of("holds no trusted certificate")),
				Arguments.of("h2 without TLS", List.of("bind.servers.api.protocols=h2"), "bind.servers.api.protocols",
						List.of("asks for H2, HTTP/2 over TLS, but has no certificate", "Use H2C")),
				Arguments.of("h2c with TLS",
						List.of("bind.servers.api.certificate-name=server", "bind.servers.api.protocols=h2c,http11"),
						"bind.servers.api.protocols", List.of("is secure but asks for H2C")));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("failures")
	void failureHasItsOwnMessage(String name, List<String> properties, String property, List<String> expected) {
		runner().withPropertyValues(properties.toArray(String[]::new))
			.run((context) -> assertThat(context).getFailure()
				.satisfies((failure) -> {
					ServerSetupException setup = find(failure);
					assertThat(setup.getServerName()).isEqualTo("api");
					assertThat(setup.getPropertyPath()).isEqualTo(property);
					expected.forEach((fragment) -> assertThat(setup.getMessage()).contains(fragment));
				}));
	}

	static Stream<Arguments> unsetPasswords() {
		String pkcs12 = "bind.certificate-database.location=file:" + database;
		return Stream.of(
				Arguments.of("PKCS12, by alias", List.of(pkcs12, "bind.servers.api.certificate-name=server"),
						"so the certificates in it cannot be read"),
				Arguments.of("PKCS12, by subject",
						List.of(pkcs12, "bind.servers.api.certificate-name=CN=localhost, O=Example"),
						"so the certificates in it cannot be read"),
				Arguments.of("PKCS12, with only the key password",
						List.of(pkcs12, "bind.certificate-database.key-password=changeit",
								"bind.servers.api.certificate-name=server"),
						"so the certificates in it cannot be read"),
				Arguments.of("JKS", List.of("bind.certificate-database.location=file:" + jksDatabase,
						"bind.certificate-database.type=JKS", "bind.servers.api.certificate-name=server"),
						"so the private key of 'server' cannot be read"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("unsetPasswords")
	void unsetKeyStorePasswordIsNamed(String name, List<String> properties, String consequence) {
		serverRunner().withPropertyValues(properties.toArray(String[]::new))
			.run((context) -> assertThat(context).getFailure().satisfies((failure) -> {
				ServerSetupException setup = find(failure);
				assertThat(setup.getServerName()).isEqualTo("api");
				assertThat(setup.getPropertyPath()).isEqualTo("bind.certificate-database.password");
				assertThat(setup.getDescription()).contains("was opened without a password")
					.contains("'bind.certificate-database.password' is not set")
					.contains(consequence)
					.doesNotContain("key-password")
					.doesNotContain("(key, ?)");
				assertThat(setup.getAction())
					.isEqualTo("Set 'bind.certificate-database.password' to the password of the key store.");
			}));
	}

	@ParameterizedTest
	@ValueSource(strings = { "location=file:/etc/app/certs.p12", "type=JKS", "password=changeit",
			"key-password=keysecret", "trust-store.location=file:/etc/app/clients.p12", "trust-store.type=JKS",
			"trust-store.password=changeit" })
	void bundleBesideAKeyStoreSettingFails(String setting) {
		String property = "bind.certificate-database." + setting.substring(0, setting.indexOf('='));
		serverRunner()
			.withPropertyValues("spring.ssl.bundle.jks.db.keystore.location=file:" + database,
					"spring.ssl.bundle.jks.db.keystore.password=changeit", "bind.certificate-database.bundle=db",
					"bind.servers.api.certificate-name=server", "bind.certificate-database." + setting)
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOfSatisfying(MutuallyExclusiveConfigurationPropertiesException.class, (exclusive) -> {
					assertThat(exclusive.getConfiguredNames())
						.containsExactlyInAnyOrder("bind.certificate-database.bundle", property);
					assertThat(exclusive.getMutuallyExclusiveNames())
						.containsExactlyInAnyOrder("bind.certificate-database.bundle", property);
				}));
	}

	@Test
	void keyStoreThatCannotBeLoadedIsNamedAlsoWhenSslMetricsReadTheBundleFirst() {
		// Boot's SSL metrics load every registered bundle at startup, before any server.
		runner().withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
					SimpleMetricsExportAutoConfiguration.class, SslMetricsAutoConfiguration.class))
			.withPropertyValues("bind.certificate-database.password=wrong", "bind.servers.api.certificate-name=server")
			.run((context) -> assertThat(context).getFailure().satisfies((failure) -> {
				CertificateDatabaseException database = find(failure, CertificateDatabaseException.class);
				assertThat(database.getProperty()).isEqualTo("bind.certificate-database.password");
				assertThat(database.getMessage()).contains("The password of the key store").contains("is wrong");
			}));
	}

	@Test
	void cipherOfTheBundleThatTheProviderRefusesIsNamed() {
		serverRunner()
			.withPropertyValues("spring.ssl.bundle.jks.db.keystore.location=file:" + database,
					"spring.ssl.bundle.jks.db.keystore.password=changeit",
					"spring.ssl.bundle.jks.db.options.ciphers=NO_SUCH_CIPHER", "bind.certificate-database.bundle=db",
					"bind.servers.api.certificate-name=server")
			.run((context) -> assertThat(context).getFailure().satisfies((failure) -> {
				ServerSetupException setup = find(failure);
				assertThat(setup.getServerName()).isEqualTo("api");
				assertThat(setup.getPropertyPath()).isEqualTo("bind.certificate-database.bundle");
				assertThat(setup.getDescription()).contains("Server 'api' cannot use the certificate 'server'")
					.contains("The TLS provider refuses the ciphers or protocols of SSL bundle 'db'")
					.contains("NO_SUCH_CIPHER");
				assertThat(setup.getAction()).contains("options.ciphers");
			}));
	}

	@Test
	void bundleWhoseKeyStoreCannotBeLoadedIsNamed() {
		serverRunner()
			.withPropertyValues("spring.ssl.bundle.jks.db.keystore.location=file:" + database,
					"spring.ssl.bundle.jks.db.keystore.password=wrong", "bind.certificate-database.bundle=db",
					"bind.servers.api.certificate-name=server")
			.run((context) -> assertThat(context).getFailure().satisfies((failure) -> {
				ServerSetupException setup = find(failure);
				assertThat(setup.getPropertyPath()).isEqualTo("bind.certificate-database.bundle");
				assertThat(setup.getDescription())
					.contains("The key store of the SSL bundle 'db' cannot be loaded: Unable to create key store");
			}));
	}

	@ParameterizedTest
	@ValueSource(strings = { "0", "-2s" })
	void reloadCheckIntervalBelowOneMillisecondFails(String interval) {
		serverRunner()
			.withPropertyValues("bind.certificate-database.location=file:" + database,
					"bind.certificate-database.password=changeit", "bind.certificate-database.reload-on-update=true",
					"bind.certificate-database.reload-check-interval=" + interval,
					"bind.servers.api.certificate-name=server")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOfSatisfying(InvalidConfigurationPropertyValueException.class, (invalid) -> {
					assertThat(invalid.getName()).isEqualTo("bind.certificate-database.reload-check-interval");
					assertThat(invalid.getReason()).isEqualTo("It must be at least 1ms, for example 2s.");
				}));
	}

	@Test
	void secureServerWithoutDatabaseFails() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(BindServersAutoConfiguration.class, SslAutoConfiguration.class))
			.withUserConfiguration(TestHandlers.class)
			.withPropertyValues("bind.servers.api.handler=hello", "bind.servers.api.certificate-name=server")
			.run((context) -> assertThat(find(context.getStartupFailure()).getMessage())
				.contains("Server 'api' asks for the certificate 'server', but no certificate database is configured")
				.contains("bind.certificate-database.location"));
	}

	private ApplicationContextRunner runner() {
		return serverRunner().withPropertyValues("bind.certificate-database.location=file:" + database,
				"bind.certificate-database.password=changeit");
	}

	private ApplicationContextRunner serverRunner() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(BindServersAutoConfiguration.class, SslAutoConfiguration.class))
			.withUserConfiguration(TestHandlers.class)
			.withPropertyValues("bind.servers.api.handler=hello");
	}

	private static ServerSetupException find(Throwable failure) {
		return find(failure, ServerSetupException.class);
	}

	private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (type.isInstance(cause)) {
				return type.cast(cause);
			}
		}
		throw new AssertionError("No " + type.getSimpleName() + " in", failure);
	}

}
