package dev.nettybind.tls;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.BiFunction;

import javax.net.ssl.SSLContext;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.nettybind.ExpectsErrorLog;
import dev.nettybind.Processes;
import dev.nettybind.RawHttpConnection;
import dev.nettybind.TestCertificates;
import dev.nettybind.TestCertificates.Issued;
import dev.nettybind.config.BindServersAutoConfiguration;
import dev.nettybind.server.BindOptions;
import dev.nettybind.server.BoundServer;
import dev.nettybind.server.ServerBinder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Secure servers on real TLS connections, with the JDK client, curl and openssl.
 */
@ExtendWith(OutputCaptureExtension.class)
class SecureServerTests {

	static final String SERVER_DN = "CN=localhost, O=Example";

	@TempDir
	static Path directory;

	static Issued ca;

	static Issued server;

	static Issued client;

	static Issued stranger;

	static Path database;

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(BindServersAutoConfiguration.class, SslAutoConfiguration.class))
		.withUserConfiguration(WhoAmI.class)
		.withPropertyValues("bind.certificate-database.location=file:" + database,
				"bind.certificate-database.password=changeit", "bind.servers.secure.handler=whoAmI");

	@BeforeAll
	static void makeCertificates() {
		ca = TestCertificates.ca("CN=Test CA, O=Example");
		server = TestCertificates.server(SERVER_DN, ca);
		client = TestCertificates.client("CN=alice, O=Example", ca);
		stranger = TestCertificates.client("CN=mallory, O=Elsewhere",
				TestCertificates.ca("CN=Unknown CA, O=Elsewhere"));
		database = TestCertificates.keyStore()
			.key("server", server)
			.key("other", TestCertificates.server("CN=other.example, O=Example", ca))
			.trusted("ca", ca.certificate())
			.writeTo(directory.resolve("database.p12"), "changeit");
	}

	@Test
	void certificateFoundByAliasIsPresented() {
		this.runner.withPropertyValues("bind.servers.secure.certificate-name=server").run((context) -> {
			BoundServer secure = context.getBean(BoundServer.class);
			assertThat(secure.isSecure()).isTrue();
			assertThat(secure.certificate()).isEqualTo(server.certificate());
			assertThat(Processes.presentedSubject(secure.port())).isEqualTo("O=Example, CN=localhost");
			assertThat(get(secure.port(), TestCertificates.clientContext(ca, null)).body()).isEqualTo("anonymous");
		});
	}

	@Test
	void certificateFoundBySubjectDnWithOtherSpacingAndCaseIsPresented() {
		this.runner.withPropertyValues("bind.servers.secure.certificate-name=cn=localhost,   o=Example")
			.run((context) -> {
				int port = context.getBean(BoundServer.class).port();
				assertThat(Processes.presentedSubject(port)).isEqualTo("O=Example, CN=localhost");
				assertThat(get(port, TestCertificates.clientContext(ca, null)).statusCode()).isEqualTo(200);
			});
	}

	@Test
	void requestedClientCertificateIsOptionalButVerified() {
		this.runner
			.withPropertyValues("bind.servers.secure.certificate-name=server",
					"bind.servers.secure.request-client-certificate=true")
			.run((context) -> {
				int port = context.getBean(BoundServer.class).port();
				assertThat(get(port, TestCertificates.clientContext(ca, null)).body()).isEqualTo("anonymous");
				assertThat(get(port, TestCertificates.clientContext(ca, client)).body())
					.isEqualTo("CN=alice,O=Example");
				// curl sends its certificate even when the server names other CAs; the JDK would not.
				Path strangerCertificate = TestCertificates.writePem(stranger, directory, "mallory");
				Processes.Result refused = Processes.run(List.of("curl", "-sS", "--cacert",
						TestCertificates.writePem(ca, directory, "ca").toString(), "--cert",
						strangerCertificate.toString(), "--key", directory.resolve("mallory.key").toString(),
						"https://localhost:" + port + "/"));
				assertThat(refused.exitCode()).isNotZero();
				assertThat(refused.output()).doesNotContain("CN=mallory");
			});
	}

	@Test
	void requiredClientCertificateRefusesClientsWithoutOne() {
		this.runner
			.withPropertyValues("bind.servers.secure.certificate-name=server",
					"bind.servers.secure.require-client-certificate=true")
			.run((context) -> {
				int port = context.getBean(BoundServer.class).port();
				assertThatExceptionOfType(IOException.class)
					.isThrownBy(() -> get(port, TestCertificates.clientContext(ca, null)));
				assertThat(get(port, TestCertificates.clientContext(ca, client)).body())
					.isEqualTo("CN=alice,O=Example");
			});
	}

	@Test
	void curlNegotiatesHttp2AndTheHandlerSeesTheClientCertificate() {
		Path caFile = TestCertificates.writePem(ca, directory, "ca");
		Path clientCertificate = TestCertificates.writePem(client, directory, "alice");
		this.runner
			.withPropertyValues("bind.servers.secure.certificate-name=server",
					"bind.servers.secure.request-client-certificate=true")
			.run((context) -> {
				int port = context.getBean(BoundServer.class).port();
				Processes.Result result = Processes.run(List.of("curl", "-sS", "--http2", "--cacert", caFile.toString(),
						"--cert", clientCertificate.toString(), "--key", directory.resolve("alice.key").toString(),
						"-w", " %{http_version}", "https://localhost:" + port + "/"));
				assertThat(result.output()).isEqualTo("CN=alice,O=Example 2");
			});
	}

	@Test
	void onlyTls12AndTls13AreAccepted() {
		this.runner.withPropertyValues("bind.servers.secure.certificate-name=server").run((context) -> {
			String port = String.valueOf(context.getBean(BoundServer.class).port());
			Processes.Result tls12 = Processes.run(List.of("openssl", "s_client", "-connect", "127.0.0.1:" + port,
					"-tls1_2", "-servername", "localhost"));
			assertThat(tls12.output()).contains("Protocol  : TLSv1.2");
			Processes.Result tls11 = Processes.run(List.of("openssl", "s_client", "-connect", "127.0.0.1:" + port,
					"-tls1_1", "-cipher", "DEFAULT@SECLEVEL=0", "-servername", "localhost"));
			assertThat(tls11.exitCode()).isNotZero();
			assertThat(tls11.output()).contains("alert protocol version").contains("Cipher is (NONE)");
		});
	}

	@Test
	void plaintextAndGarbageOnATlsPortAreClosedAndTheServerKeepsServing() {
		this.runner.withPropertyValues("bind.servers.secure.certificate-name=server").run((context) -> {
			int port = context.getBean(BoundServer.class).port();
			byte[] plaintext = "GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
			assertThat(RawHttpConnection.probe("127.0.0.1", port, plaintext, 10_000).wedged()).isFalse();
			Random random = new Random(7);
			for (int i = 0; i < 50; i++) {
				byte[] garbage = new byte[1 + random.nextInt(600)];
				random.nextBytes(garbage);
				garbage[0] = 0x16;
				assertThat(RawHttpConnection.probe("127.0.0.1", port, garbage, 10_000).wedged()).isFalse();
			}
			assertThat(get(port, TestCertificates.clientContext(ca, null)).body()).isEqualTo("anonymous");
		});
	}

	@Test
	void replacedKeyStoreIsPresentedToNewConnections() throws Exception {
		Path rotating = writeDatabase(directory.resolve("rotating.p12"), server);
		reloading(rotating)
			.run((context) -> {
				BoundServer secure = context.getBean(BoundServer.class);
				Issued renewed = renewAndAwait(rotating, secure, "Renewed");
				assertThat(secure.certificate()).isEqualTo(renewed.certificate());
				assertThat(get(secure.port(), TestCertificates.clientContext(ca, null)).statusCode()).isEqualTo(200);
			});
	}

	@ExpectsErrorLog("the ERROR that says the server keeps its certificate")
	@Test
	void reloadedDatabaseThatNoServerCanUseIsNotAdopted(CapturedOutput output) throws Exception {
		Path rotating = writeDatabase(directory.resolve("unusable.p12"), server);
		reloading(rotating)
			.run((context) -> {
				BoundServer secure = context.getBean(BoundServer.class);
				TestCertificates.keyStore().secretKey("server").trusted("ca", ca.certificate()).writeTo(rotating, "changeit");
				await().atMost(Duration.ofSeconds(30))
					.untilAsserted(() -> assertThat(output).contains("Certificate database file:" + rotating
							+ " was read again, but no secure server can use it"));
				assertThat(output).contains("Server 'secure' keeps its certificate: the certificate 'server' of the "
						+ "reloaded database cannot be used")
					.contains("ClassCastException")
					.doesNotContain("Certificate database file:" + rotating + " reloaded");
				assertThat(Processes.presentedSubject(secure.port())).isEqualTo("O=Example, CN=localhost");
				// A server bound now still gets its certificate from the database before the reload.
				BoundServer late = context.getBean(ServerBinder.class)
					.bind("late", BindOptions.of("LOOPBACK_IP_V4", 0).certificateName("server"),
							(request, response) -> response.sendString(Mono.just("late")));
				assertThat(Processes.presentedSubject(late.port())).isEqualTo("O=Example, CN=localhost");
				assertThat(get(late.port(), TestCertificates.clientContext(ca, null)).body()).isEqualTo("late");
			});
	}

	@ExpectsErrorLog("the ERRORs that say the servers keep their certificates")
	@Test
	void serverThatCannotUseAReloadKeepsItsCertificateAndLaterReloadsStillApply(CapturedOutput output) {
		Issued other = TestCertificates.server("CN=other.example, O=Example", ca);
		Path rotating = TestCertificates.keyStore()
			.key("server", server)
			.key("other", other)
			.trusted("ca", ca.certificate())
			.writeTo(directory.resolve("partly-usable.p12"), "changeit");
		reloading(rotating)
			.withPropertyValues("bind.servers.other.certificate-name=other", "bind.servers.other.handler=whoAmI")
			.run((context) -> {
				BoundServer secure = context.getBean("secureBoundServer", BoundServer.class);
				BoundServer otherServer = context.getBean("otherBoundServer", BoundServer.class);
				Issued otherRenewed = TestCertificates.server("CN=other.example, O=Renewed", ca);
				TestCertificates.keyStore()
					.secretKey("server")
					.key("other", otherRenewed)
					.trusted("ca", ca.certificate())
					.writeTo(rotating, "changeit");
				await().atMost(Duration.ofSeconds(30))
					.untilAsserted(() -> assertThat(output)
						.contains("Certificate database file:" + rotating + " reloaded"));
				assertThat(output).contains("Server 'secure' keeps its certificate: the certificate 'server' of the "
						+ "reloaded database cannot be used");
				assertThat(Processes.presentedSubject(otherServer.port())).isEqualTo("O=Renewed, CN=other.example");
				assertThat(otherServer.certificate()).isEqualTo(otherRenewed.certificate());
				assertThat(secure.certificate()).isEqualTo(server.certificate());
				// The watcher survived the failure: the next replacement reaches 'secure'.
				Issued renewed = renewAndAwait(rotating, secure, "Renewed");
				assertThat(secure.certificate()).isEqualTo(renewed.certificate());
			});
	}

	@Test
	void reloadReadsTheKeyStoreFileAgainIntoItsBundle() {
		Path rotating = writeDatabase(directory.resolve("reloaded-by-hand.p12"), server);
		this.runner
			.withPropertyValues("bind.certificate-database.location=file:" + rotating,
					"bind.servers.secure.certificate-name=server")
			.run((context) -> {
				BoundServer secure = context.getBean(BoundServer.class);
				Issued renewed = TestCertificates.server("CN=localhost, O=Reloaded", ca);
				writeDatabase(rotating, renewed);
				context.getBean(CertificateDatabase.class).reload();
				assertThat(Processes.presentedSubject(secure.port())).isEqualTo("O=Reloaded, CN=localhost");
				assertThat(context.getBean(SslBundles.class)
					.getBundle("bind-certificate-database")
					.getStores()
					.getKeyStore()
					.getCertificate("server")).isEqualTo(renewed.certificate());
			});
	}

	@Test
	void trustStoreReplacedByAFileOlderThanTheKeyStoreIsReloaded() throws Exception {
		Issued newCa = TestCertificates.ca("CN=New CA, O=Example");
		Issued bob = TestCertificates.client("CN=bob, O=Example", newCa);
		Path keys = writeDatabase(directory.resolve("keys.p12"), server);
		Instant keysModified = Files.getLastModifiedTime(keys).toInstant();
		Path trust = TestCertificates.keyStore()
			.trusted("ca", ca.certificate())
			.writeTo(directory.resolve("clients.p12"), "changeit");
		Files.setLastModifiedTime(trust, FileTime.from(keysModified.minus(Duration.ofHours(2))));
		this.runner
			.withPropertyValues("bind.certificate-database.location=file:" + keys,
					"bind.certificate-database.trust-store.location=file:" + trust,
					"bind.certificate-database.trust-store.password=changeit",
					"bind.certificate-database.reload-on-update=true",
					"bind.certificate-database.reload-check-interval=100ms",
					"bind.servers.secure.certificate-name=server", "bind.servers.secure.require-client-certificate=true")
			.run((context) -> {
				int port = context.getBean(BoundServer.class).port();
				assertThat(get(port, TestCertificates.clientContext(ca, client)).body()).isEqualTo("CN=alice,O=Example");
				assertThatExceptionOfType(IOException.class)
					.isThrownBy(() -> get(port, TestCertificates.clientContext(ca, bob)));
				// As rsync -t does: the file appears with its old time, never with the current one.
				Path replacement = TestCertificates.keyStore()
					.trusted("ca", newCa.certificate())
					.writeTo(directory.resolve("clients-new.p12"), "changeit");
				Files.setLastModifiedTime(replacement, FileTime.from(keysModified.minus(Duration.ofHours(1))));
				Files.move(replacement, trust, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
				// Until the reload, bob's handshake fails.
				await().atMost(Duration.ofSeconds(30))
					.ignoreExceptionsInstanceOf(IOException.class)
					.untilAsserted(() -> assertThat(get(port, TestCertificates.clientContext(ca, bob)).body())
						.isEqualTo("CN=bob,O=Example"));
				assertThatExceptionOfType(IOException.class)
					.isThrownBy(() -> get(port, TestCertificates.clientContext(ca, client)));
			});
	}

	@Test
	void sslBundleCanBeTheDatabase() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(BindServersAutoConfiguration.class, SslAutoConfiguration.class))
			.withUserConfiguration(WhoAmI.class)
			.withPropertyValues("spring.ssl.bundle.jks.db.keystore.location=file:" + database,
					"spring.ssl.bundle.jks.db.keystore.password=changeit", "bind.certificate-database.bundle=db",
					"bind.servers.secure.certificate-name=CN=localhost,O=Example",
					"bind.servers.secure.handler=whoAmI")
			.run((context) -> {
				int port = context.getBean(BoundServer.class).port();
				assertThat(Processes.presentedSubject(port)).isEqualTo("O=Example, CN=localhost");
			});
	}

	@Test
	void emptyLocationBesideABundleCountsAsUnset() {
		// As when application.yml has a location and the command line empties it for a bundle.
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(BindServersAutoConfiguration.class, SslAutoConfiguration.class))
			.withUserConfiguration(WhoAmI.class)
			.withPropertyValues("spring.ssl.bundle.jks.db.keystore.location=file:" + database,
					"spring.ssl.bundle.jks.db.keystore.password=changeit", "bind.certificate-database.bundle=db",
					"bind.certificate-database.location=", "bind.certificate-database.password=",
					"bind.servers.secure.certificate-name=CN=localhost,O=Example",
					"bind.servers.secure.handler=whoAmI")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				int port = context.getBean(BoundServer.class).port();
				assertThat(Processes.presentedSubject(port)).isEqualTo("O=Example, CN=localhost");
			});
	}

	@Test
	void locationIsRegisteredAsAnSslBundle() {
		this.runner.withPropertyValues("bind.servers.secure.certificate-name=server").run((context) -> {
			SslBundle bundle = context.getBean(SslBundles.class).getBundle("bind-certificate-database");
			assertThat(bundle.getStores().getKeyStore().getCertificate("server")).isEqualTo(server.certificate());
			assertThat(context.getBean(BoundServer.class).certificate()).isEqualTo(server.certificate());
		});
	}

	@Test
	void sslBundleWithOnlyTls12RefusesTls13() {
		bundle("spring.ssl.bundle.jks.db.options.enabled-protocols=TLSv1.2").run((context) -> {
			int port = context.getBean(BoundServer.class).port();
			Processes.Result tls13 = sslClient(port, "-tls1_3");
			assertThat(tls13.exitCode()).isNotZero();
			assertThat(tls13.output()).contains("Cipher is (NONE)");
			assertThat(sslClient(port, "-tls1_2").output()).contains("Protocol  : TLSv1.2");
		});
	}

	@Test
	void sslBundleCiphersAreTheOnlyOnesNegotiated() {
		bundle("spring.ssl.bundle.jks.db.options.enabled-protocols=TLSv1.2",
				"spring.ssl.bundle.jks.db.options.ciphers=TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256")
			.run((context) -> {
				int port = context.getBean(BoundServer.class).port();
				assertThat(sslClient(port, "-tls1_2").output())
					.contains("Cipher is ECDHE-ECDSA-AES128-GCM-SHA256");
				// Offered by default, but not by this bundle.
				Processes.Result refused = sslClient(port, "-tls1_2", "-cipher", "ECDHE-ECDSA-AES256-GCM-SHA384");
				assertThat(refused.exitCode()).isNotZero();
				assertThat(refused.output()).contains("Cipher is (NONE)");
				assertThat(get(port, TestCertificates.clientContext(ca, null)).body()).isEqualTo("anonymous");
			});
	}

	@Test
	void reloadedSslBundleIsPresentedToNewConnections() {
		Path rotating = writeDatabase(directory.resolve("bundle.p12"), server);
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(BindServersAutoConfiguration.class, SslAutoConfiguration.class))
			.withUserConfiguration(WhoAmI.class)
			.withPropertyValues("spring.ssl.bundle.jks.db.keystore.location=file:" + rotating,
					"spring.ssl.bundle.jks.db.keystore.password=changeit", "spring.ssl.bundle.jks.db.reload-on-update=true",
					"spring.ssl.bundle.watch.file.quiet-period=100ms", "bind.certificate-database.bundle=db",
					"bind.servers.secure.certificate-name=server", "bind.servers.secure.handler=whoAmI")
			.run((context) -> renewAndAwait(rotating, context.getBean(BoundServer.class), "Bundle Renewed"));
	}

	/**
	 * A runner with server 'secure' on the SSL bundle 'db' of the database, with the given
	 * bundle properties.
	 */
	private static ApplicationContextRunner bundle(String... properties) {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(BindServersAutoConfiguration.class, SslAutoConfiguration.class))
			.withUserConfiguration(WhoAmI.class)
			.withPropertyValues("spring.ssl.bundle.jks.db.keystore.location=file:" + database,
					"spring.ssl.bundle.jks.db.keystore.password=changeit", "bind.certificate-database.bundle=db",
					"bind.servers.secure.certificate-name=server", "bind.servers.secure.handler=whoAmI")
			.withPropertyValues(properties);
	}

	private static Processes.Result sslClient(int port, String... options) {
		List<String> command = new ArrayList<>(
				List.of("openssl", "s_client", "-connect", "127.0.0.1:" + port, "-servername", "localhost"));
		command.addAll(List.of(options));
		return Processes.run(command);
	}

	/**
	 * The runner with server 'secure' on a database that is checked for changes every
	 * 100ms.
	 */
	private ApplicationContextRunner reloading(Path database) {
		return this.runner.withPropertyValues("bind.certificate-database.location=file:" + database,
				"bind.certificate-database.reload-on-update=true",
				"bind.certificate-database.reload-check-interval=100ms", "bind.servers.secure.certificate-name=server");
	}

	private static Path writeDatabase(Path file, Issued serverCertificate) {
		return TestCertificates.keyStore()
			.key("server", serverCertificate)
			.trusted("ca", ca.certificate())
			.writeTo(file, "changeit");
	}

	/**
	 * Replace the server certificate of the database with one of another organisation,
	 * and wait until new connections get it.
	 */
	private static Issued renewAndAwait(Path database, BoundServer secure, String organisation) {
		assertThat(Processes.presentedSubject(secure.port())).isEqualTo("O=Example, CN=localhost");
		Issued renewed = TestCertificates.server("CN=localhost, O=" + organisation, ca);
		writeDatabase(database, renewed);
		await().atMost(Duration.ofSeconds(30))
			.untilAsserted(() -> assertThat(Processes.presentedSubject(secure.port()))
				.isEqualTo("O=" + organisation + ", CN=localhost"));
		return renewed;
	}

	static HttpResponse<String> get(int port, SSLContext sslContext) throws Exception {
		HttpClient client = HttpClient.newBuilder()
			.sslContext(sslContext)
			.connectTimeout(Duration.ofSeconds(10))
			.version(HttpClient.Version.HTTP_1_1)
			.build();
		HttpRequest request = HttpRequest.newBuilder(java.net.URI.create("https://127.0.0.1:" + port + "/"))
			.timeout(Duration.ofSeconds(10))
			.build();
		return client.send(request, HttpResponse.BodyHandlers.ofString());
	}

	@Configuration(proxyBeanMethods = false)
	static class WhoAmI {

		@Bean
		BiFunction<HttpServerRequest, HttpServerResponse, Publisher<Void>> whoAmI() {
			return (request, response) -> {
				List<java.security.cert.X509Certificate> chain = ClientCertificates.of(request);
				String who = chain.isEmpty() ? "anonymous" : chain.get(0).getSubjectX500Principal().getName();
				return response.sendString(Mono.just(who));
			};
		}

	}

}
