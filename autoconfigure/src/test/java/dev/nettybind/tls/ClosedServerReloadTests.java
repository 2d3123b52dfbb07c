package dev.nettybind.tls;

import java.nio.file.Path;
import java.security.KeyStoreException;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.nettybind.TestCertificates;
import dev.nettybind.TestCertificates.Issued;
import dev.nettybind.config.BindServersAutoConfiguration;
import dev.nettybind.diagnostics.ServerSetupException;
import dev.nettybind.server.BindOptions;
import dev.nettybind.server.BoundServer;
import dev.nettybind.server.ServerBinder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A secure server that is closed, or that failed to get its certificate, has no say in
 * which reload of the certificate database is adopted: a database without its
 * certificate is adopted all the same.
 */
@ExtendWith(OutputCaptureExtension.class)
class ClosedServerReloadTests {

	@TempDir
	static Path directory;

	static Issued ca;

	static Issued server;

	static Issued other;

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(BindServersAutoConfiguration.class, SslAutoConfiguration.class))
		.withPropertyValues("bind.certificate-database.password=changeit");

	@BeforeAll
	static void makeCertificates() {
		ca = TestCertificates.ca("CN=Test CA, O=Example");
		server = TestCertificates.server("CN=localhost, O=Example", ca);
		other = TestCertificates.server("CN=other.example, O=Example", ca);
	}

	@Test
	void closedServerDoesNotKeepAReloadWithoutItsCertificateFromBeingAdopted(CapturedOutput output) {
		Path database = TestCertificates.keyStore()
			.key("server", server)
			.trusted("ca", ca.certificate())
			.writeTo(directory.resolve("closed.p12"), "changeit");
		this.runner.withPropertyValues("bind.certificate-database.location=file:" + database, "bind.enabled=true")
			.run((context) -> {
				BoundServer secure = context.getBean(ServerBinder.class)
					.bind("secure", BindOptions.of("LOOPBACK_IP_V4", 0).certificateName("server"),
							(request, response) -> response.sendString(Mono.just("secure")));
				secure.close();
				CertificateDatabase certificates = context.getBean(CertificateDatabase.class);
				writeDatabaseWithOnlyOther(database);
				certificates.reload();
				assertAdopted(certificates, output, database);
			});
	}

	@Test
	void serverThatCouldNotGetItsCertificateDoesNotKeepAReloadFromBeingAdopted(CapturedOutput output) {
		Path database = TestCertificates.keyStore()
			.key("server", server)
			.trusted("ca", ca.certificate())
			.writeTo(directory.resolve("failed.p12"), "changeit");
		this.runner.withPropertyValues("bind.certificate-database.location=file:" + database, "bind.enabled=true")
			.run((context) -> {
				assertThatExceptionOfType(ServerSetupException.class)
					.isThrownBy(() -> context.getBean(ServerBinder.class)
						.bind("secure", BindOptions.of("LOOPBACK_IP_V4", 0).certificateName("missing"),
								(request, response) -> response.sendString(Mono.just("secure"))));
				CertificateDatabase certificates = context.getBean(CertificateDatabase.class);
				writeDatabaseWithOnlyOther(database);
				certificates.reload();
				assertAdopted(certificates, output, database);
			});
	}

	private static void writeDatabaseWithOnlyOther(Path database) {
		TestCertificates.keyStore().key("other", other).trusted("ca", ca.certificate()).writeTo(database, "changeit");
	}

	private static void assertAdopted(CertificateDatabase certificates, CapturedOutput output, Path database)
			throws KeyStoreException {
		assertThat(certificates.stores().keyStore().containsAlias("other")).isTrue();
		assertThat(certificates.stores().keyStore().containsAlias("server")).isFalse();
		assertThat(output).contains("Certificate database file:" + database + " reloaded")
			.doesNotContain("no secure server can use it");
	}

}
