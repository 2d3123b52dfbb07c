package dev.nettybind.reliability;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.BiFunction;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.nettybind.config.BindServersAutoConfiguration;
import dev.nettybind.server.BoundServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Control characters that a client sends in a request line or a header name reach the
 * log escaped, never raw: Reactor Netty's WARN for a request its decoder failed, and the
 * starter's own DEBUG line for a request it refuses.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(OutputCaptureExtension.class)
class LogInjectionTests {

	private static final int TIMEOUT_MILLIS = 5_000;

	private static final String CONNECTION_LOGGER = "dev.nettybind.connection";

	private final LoggingSystem loggingSystem = LoggingSystem.get(getClass().getClassLoader());

	private AnnotationConfigApplicationContext context;

	private int port;

	@BeforeAll
	void start() {
		this.loggingSystem.setLogLevel(CONNECTION_LOGGER, LogLevel.DEBUG);
		this.context = new AnnotationConfigApplicationContext();
		TestPropertyValues.of("bind.servers.api.handler=ok").applyTo(this.context);
		this.context.register(Ok.class);
		this.context.refresh();
		this.port = this.context.getBean(BoundServer.class).port();
	}

	@AfterAll
	void stop() {
		this.context.close();
		this.loggingSystem.setLogLevel(CONNECTION_LOGGER, null);
	}

	@Test
	void headerNameWithEscapeAndCarriageReturnIsLoggedEscaped(CapturedOutput output) throws IOException {
		String answer = exchange("GET / HTTP/1.1\r\nHost: x\r\nX\u001b[31mRED\rForged: v\r\n\r\n");
		assertThat(answer).startsWith("HTTP/1.1 400 ");
		await().atMost(Duration.ofMillis(TIMEOUT_MILLIS))
			.until(() -> output.toString().contains("Server 'api' refuses a request from"));
		assertNoRawControlCharacter(output);
	}

	@Test
	void requestLineRefusedByTheDecoderIsLoggedEscaped(CapturedOutput output) throws IOException {
		String answer = exchange("GET /\u001b[31mRED\rForged HTTP/1.1\r\nHost: x\r\n\r\n");
		assertThat(answer).startsWith("HTTP/1.1 400 ");
		await().atMost(Duration.ofMillis(TIMEOUT_MILLIS))
			.until(() -> output.toString().contains("Server 'api' refuses a request from"));
		assertNoRawControlCharacter(output);
	}

	@Test
	void requestLineRefusedByTheServerIsLoggedEscaped(CapturedOutput output) throws IOException {
		String answer = exchange("GET /\u001b[31mRED\u0085\u2028Forged HTTP/1.1\r\nHost: x\r\n\r\n");
		assertThat(answer).startsWith("HTTP/1.1 400 ");
		await().atMost(Duration.ofMillis(TIMEOUT_MILLIS))
			.until(() -> output.toString().contains("Server 'api' refuses GET /\\x1b[31mRED"));
		assertNoRawControlCharacter(output);
	}

	private static void assertNoRawControlCharacter(CapturedOutput output) {
		String captured = output.toString();
		assertThat(captured).doesNotContain("\u001b", "\r", "\u0085", "\u2028");
		assertThat(captured.lines()).noneMatch((line) -> line.startsWith("Forged"));
	}

	/**
	 * Send raw bytes on a new connection and read all the server answers until it closes.
	 */
	private String exchange(String raw) throws IOException {
		try (Socket socket = new Socket()) {
			socket.setSoTimeout(TIMEOUT_MILLIS);
			socket.connect(new InetSocketAddress("127.0.0.1", this.port), TIMEOUT_MILLIS);
			socket.getOutputStream().write(raw.getBytes(StandardCharsets.UTF_8));
			socket.getOutputStream().flush();
			return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
		}
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(BindServersAutoConfiguration.class)
	static class Ok {

		@Bean
		BiFunction<HttpServerRequest, HttpServerResponse, Publisher<Void>> ok() {
			return (request, response) -> response.keepAlive(false).sendString(Mono.just("ok"));
		}

	}

}
