package dev.nettybind.reliability;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.function.BiFunction;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.netty.http.HttpProtocol;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.nettybind.TestCertificates;
import dev.nettybind.TestCertificates.Issued;
import dev.nettybind.config.BindServersAutoConfiguration;
import dev.nettybind.server.BoundServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random and mutated HTTP/2 frames, after a valid preface, against an h2c and an h2
 * server: each server stays up, a connection opened before the fuzzing still serves,
 * and nothing is logged with a stack trace.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(OutputCaptureExtension.class)
class Http2FuzzTests {

	private static final byte[] PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

	/** An empty SETTINGS frame. */
	private static final byte[] SETTINGS = { 0, 0, 0, 4, 0, 0, 0, 0, 0 };

	/** HPACK: :method GET, :path /, :scheme http, :authority localhost. */
	private static final byte[] GET_HEADERS = concat(new byte[] { (byte) 0x82, (byte) 0x84, (byte) 0x86, 0x41, 9 },
			"localhost".getBytes(StandardCharsets.US_ASCII));

	private static final int CONNECTIONS = 300;

	private AnnotationConfigApplicationContext context;

	private Issued ca;

	@BeforeAll
	void start(@TempDir Path directory) {
		this.ca = TestCertificates.ca("CN=Test CA, O=Example");
		Path database = TestCertificates.keyStore()
			.key("server", TestCertificates.server("CN=localhost, O=Example", this.ca))
			.writeTo(directory.resolve("database.p12"), "changeit");
		this.context = new AnnotationConfigApplicationContext();
		TestPropertyValues
			.of("bind.servers.h2c.handler=ok", "bind.servers.h2c.protocols=h2c,http11",
					"bind.servers.h2.handler=ok", "bind.servers.h2.certificate-name=server",
					"bind.certificate-database.location=file:" + database,
					"bind.certificate-database.password=changeit")
			.applyTo(this.context);
		this.context.register(Ok.class);
		this.context.refresh();
	}

	@AfterAll
	void stop() {
		this.context.close();
	}

	@Test
	void h2cServerSurvivesRandomAndMutatedFrames(CapturedOutput output) throws IOException {
		int port = server("h2c").port();
		HttpClient client = HttpClient.create().protocol(HttpProtocol.H2C).baseUrl("http://127.0.0.1:" + port);
		assertThat(client.get().uri("/").responseContent().aggregate().asString().block(Duration.ofSeconds(10)))
			.isEqualTo("ok");
		Random random = new Random(7);
		for (int i = 0; i < CONNECTIONS; i++) {
			try (Socket socket = new Socket()) {
				socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
				fuzz(socket, random, i);
			}
		}
		// The same client's connection, opened before the fuzzing, still serves.
		assertThat(client.get().uri("/").responseContent().aggregate().asString().block(Duration.ofSeconds(10)))
			.isEqualTo("ok");
		assertThat(output).doesNotContain("\tat ");
	}

	@Test
	void h2ServerSurvivesRandomAndMutatedFrames(CapturedOutput output) throws Exception {
		int port = server("h2").port();
		SSLContext tls = TestCertificates.clientContext(this.ca, null);
		Random random = new Random(11);
		for (int i = 0; i < CONNECTIONS / 3; i++) {
			try (SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket()) {
				SSLParameters parameters = socket.getSSLParameters();
				parameters.setApplicationProtocols(new String[] { "h2" });
				socket.setSSLParameters(parameters);
				socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
				socket.startHandshake();
				assertThat(socket.getApplicationProtocol()).isEqualTo("h2");
				fuzz(socket, random, i);
			}
		}
		java.net.http.HttpClient jdk = java.net.http.HttpClient.newBuilder()
			.sslContext(tls)
			.version(java.net.http.HttpClient.Version.HTTP_2)
			.build();
		java.net.http.HttpResponse<String> response = jdk.send(
				java.net.http.HttpRequest.newBuilder(java.net.URI.create("https://localhost:" + port + "/")).build(),
				java.net.http.HttpResponse.BodyHandlers.ofString());
		assertThat(response.version()).isEqualTo(java.net.http.HttpClient.Version.HTTP_2);
		assertThat(response.body()).isEqualTo("ok");
		assertThat(output).doesNotContain("\tat ");
	}

	/**
	 * Send the preface and SETTINGS, then frames: random ones, or a valid GET whose bytes
	 * are partly replaced, and read what comes back until the server closes or pauses.
	 */
	private static void fuzz(Socket socket, Random random, int i) throws IOException {
		socket.setSoTimeout(300);
		ByteArrayOutputStream frames = new ByteArrayOutputStream();
		frames.write(PREFACE);
		frames.write(SETTINGS);
		int count = 1 + random.nextInt(5);
		for (int f = 0; f < count; f++) {
			byte[] payload;
			int type;
			int flags;
			if (i % 2 == 0) {
				payload = GET_HEADERS.clone();
				payload[random.nextInt(payload.length)] = (byte) random.nextInt(256);
				type = 1;
				flags = 0x05;
			}
			else {
				payload = new byte[random.nextInt(64)];
				random.nextBytes(payload);
				type = random.nextInt(12);
				flags = random.nextInt(256);
			}
			int stream = (i % 3 == 0) ? random.nextInt() & 0x7FFFFFFF : 1 + 2 * f;
			frames.write(frameHeader(payload.length, type, flags, stream));
			frames.write(payload);
		}
		OutputStream out = socket.getOutputStream();
		try {
			out.write(frames.toByteArray());
			out.flush();
			InputStream in = socket.getInputStream();
			byte[] buffer = new byte[4096];
			while (in.read(buffer) != -1) {
				// What the server answers does not matter, only that it stays up.
			}
		}
		catch (SocketTimeoutException ex) {
			// The server waits for more: the fuzzer leaves.
		}
		catch (IOException ex) {
			// The server closed or reset the connection.
		}
	}

	private static byte[] frameHeader(int length, int type, int flags, int stream) {
		return new byte[] { (byte) (length >>> 16), (byte) (length >>> 8), (byte) length, (byte) type, (byte) flags,
				(byte) (stream >>> 24), (byte) (stream >>> 16), (byte) (stream >>> 8), (byte) stream };
	}

	private static byte[] concat(byte[] first, byte[] second) {
		byte[] both = new byte[first.length + second.length];
		System.arraycopy(first, 0, both, 0, first.length);
		System.arraycopy(second, 0, both, first.length, second.length);
		return both;
	}

	private BoundServer server(String name) {
		return this.context.getBeansOfType(BoundServer.class)
			.values()
			.stream()
			.filter((candidate) -> candidate.name().equals(name))
			.findFirst()
			.orElseThrow();
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
