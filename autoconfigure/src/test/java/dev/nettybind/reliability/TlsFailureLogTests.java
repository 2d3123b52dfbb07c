package dev.nettybind.reliability;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.function.BiFunction;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.nettybind.RawHttpConnection;
import dev.nettybind.TestCertificates;
import dev.nettybind.TestCertificates.Issued;
import dev.nettybind.config.BindServersAutoConfiguration;
import dev.nettybind.connection.TrafficCounts;
import dev.nettybind.server.BoundServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;
import static org.awaitility.Awaitility.await;

/**
 * A failed TLS handshake on a server with h2 (the secure default) is counted and logged
 * by the starter on one DEBUG line, without Netty's WARN stack traces: bad connections
 * cost next to nothing in the log, and the server keeps serving.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(OutputCaptureExtension.class)
class TlsFailureLogTests {

	private static final int TIMEOUT_MILLIS = 5_000;

	private static final int BUDGET_BYTES_PER_CONNECTION = 200;

	private static final String HANDLER_LOGGER = "dev.nettybind.connection.TlsFailureHandler";

	private final LoggingSystem loggingSystem = LoggingSystem.get(getClass().getClassLoader());

	private Issued ca;

	private AnnotationConfigApplicationContext context;

	private BoundServer server;

	@BeforeAll
	void start(@TempDir Path directory) {
		this.ca = TestCertificates.ca("CN=Test CA, O=Example");
		Path database = TestCertificates.keyStore()
			.key("server", TestCertificates.server("CN=localhost, O=Example", this.ca))
			.trusted("ca", this.ca.certificate())
			.writeTo(directory.resolve("database.p12"), "changeit");
		this.context = new AnnotationConfigApplicationContext();
		TestPropertyValues
			.of("bind.certificate-database.location=file:" + database, "bind.certificate-database.password=changeit",
					"bind.servers.secure.handler=ok", "bind.servers.secure.certificate-name=server",
					"bind.servers.strict.handler=ok", "bind.servers.strict.certificate-name=server",
					"bind.servers.strict.require-client-certificate=true")
			.applyTo(this.context);
		this.context.register(Ok.class);
		this.context.refresh();
		this.server = server("secure");
	}

	@AfterAll
	void stop() {
		this.context.close();
		this.loggingSystem.setLogLevel(HANDLER_LOGGER, null);
	}

	@Test
	void badConnectionsAreCountedAndStayWithinTheLogBudget(CapturedOutput output) throws Exception {
		long before = rejections();
		int logBefore = output.toString().getBytes(StandardCharsets.UTF_8).length;
		Random random = new Random(18);
		int connections = 1_000;
		for (int i = 0; i < connections; i++) {
			RawHttpConnection.probe("127.0.0.1", this.server.port(), badInput(i, random), TIMEOUT_MILLIS);
		}
		await().atMost(Duration.ofMillis(TIMEOUT_MILLIS)).until(() -> rejections() - before == connections);
		int logged = output.toString().getBytes(StandardCharsets.UTF_8).length - logBefore;
		assertThat(logged / connections).as("log bytes per bad connection")
			.isLessThanOrEqualTo(BUDGET_BYTES_PER_CONNECTION);
		assertThat(output).doesNotContain("TLS handshake failed", "Failed to select the application-level protocol");
		assertThat(get().statusCode()).isEqualTo(200);
		assertThat(rejections() - before).isEqualTo(connections);
	}

	@Test
	void badConnectionIsOneDebugLineWithTheReasonEscaped(CapturedOutput output) throws IOException {
		this.loggingSystem.setLogLevel(HANDLER_LOGGER, LogLevel.DEBUG);
		try {
			long before = rejections();
			byte[] plain = "GET /\u001b[31m HTTP/1.1\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);
			RawHttpConnection.probe("127.0.0.1", this.server.port(), plain, TIMEOUT_MILLIS);
			await().atMost(Duration.ofMillis(TIMEOUT_MILLIS)).until(() -> rejections() - before == 1);
			assertThat(output.toString().lines().filter((line) -> line.contains("TlsFailureHandler")))
				.singleElement(STRING)
				.contains("Server 'secure' closes a connection from /127.0.0.1:", ": TLS handshake failed: ");
			assertThat(output).doesNotContain("\u001b", "\tat ");
		}
		finally {
			this.loggingSystem.setLogLevel(HANDLER_LOGGER, null);
		}
	}

	@Test
	void clientWithoutTheRequiredCertificateIsCountedWithoutATrace(CapturedOutput output) {
		BoundServer strict = server("strict");
		assertThatExceptionOfType(IOException.class).isThrownBy(() -> get(strict));
		await().atMost(Duration.ofMillis(TIMEOUT_MILLIS)).until(() -> rejections(strict) == 1);
		assertThat(output).doesNotContain("TLS handshake failed", "\tat ");
	}

	private BoundServer server(String name) {
		return this.context.getBeansOfType(BoundServer.class)
			.values()
			.stream()
			.filter((candidate) -> candidate.name().equals(name))
			.findFirst()
			.orElseThrow();
	}

	private long rejections() {
		return rejections(this.server);
	}

	private static long rejections(BoundServer server) {
		TrafficCounts traffic = server.traffic();
		return (traffic != null) ? traffic.rejections("tls-handshake") : -1;
	}

	private static byte[] badInput(int i, Random random) {
		if (i % 2 == 0) {
			return "GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
		}
		// Noise that no TLS record starts with (content types are 20 to 24): it fails at once.
		byte[] noise = new byte[5 + random.nextInt(200)];
		random.nextBytes(noise);
		noise[0] = (byte) (25 + random.nextInt(100));
		return noise;
	}

	private HttpResponse<String> get() throws Exception {
		return get(this.server);
	}

	private HttpResponse<String> get(BoundServer server) throws IOException, InterruptedException {
		HttpClient client = HttpClient.newBuilder()
			.sslContext(TestCertificates.clientContext(this.ca, null))
			.connectTimeout(Duration.ofMillis(TIMEOUT_MILLIS))
			.build();
		HttpRequest request = HttpRequest.newBuilder(URI.create("https://127.0.0.1:" + server.port() + "/"))
			.timeout(Duration.ofMillis(TIMEOUT_MILLIS))
			.build();
		return client.send(request, HttpResponse.BodyHandlers.ofString());
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ BindServersAutoConfiguration.class, SslAutoConfiguration.class })
	static class Ok {

		@Bean
		BiFunction<HttpServerRequest, HttpServerResponse, Publisher<Void>> ok() {
			return (request, response) -> response.sendString(Mono.just("ok"));
		}

	}

}
