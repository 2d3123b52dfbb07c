package dev.nettybind.reliability;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.nettybind.config.BindServersAutoConfiguration;
import dev.nettybind.server.BoundServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A method outside the RFC 9110 token grammar, or a target with control or non-ASCII
 * bytes, is answered 400 and its connection closed before the handler runs: a request
 * pipelined after it on the same connection is never served.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RequestLineScreenTests {

	private static final int TIMEOUT_MILLIS = 5_000;

	static final Set<String> served = ConcurrentHashMap.newKeySet();

	private AnnotationConfigApplicationContext context;

	private int port;

	@BeforeAll
	void start() {
		this.context = new AnnotationConfigApplicationContext();
		TestPropertyValues.of("bind.servers.api.handler=echo").applyTo(this.context);
		this.context.register(Echo.class);
		this.context.refresh();
		this.port = this.context.getBean(BoundServer.class).port();
	}

	@AfterAll
	void stop() {
		this.context.close();
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "GET\u0001\u0002 /x HTTP/1.1", "POST\u001b /x HTTP/1.1",
			"GARBAGE\u0001\u0002 \u00ff/x HTTP/1.1", "GE(T /x HTTP/1.1", "GE\u00ffT /x HTTP/1.1",
			"GET\u007f /x HTTP/1.1", "GET /x\u0001y HTTP/1.1", "GET /x\u001b[31m HTTP/1.1", "GET /x\u007f HTTP/1.1",
			"GET /caf\u00e9 HTTP/1.1", "GET /x\u0085 HTTP/1.1" })
	void requestLineIsRefusedWith400AndTheConnectionClosed(String requestLine) throws IOException {
		String answer = exchange(requestLine + "\r\nHost: x\r\n\r\nGET /after HTTP/1.1\r\nHost: x\r\n\r\n");
		assertThat(answer).startsWith("HTTP/1.1 400 ");
		assertThat(answer.indexOf("HTTP/1.1", 1)).as("a second response in %s", answer).isEqualTo(-1);
		assertThat(served).doesNotContain("/after", "/x");
	}

	@Test
	void methodThatIsATokenButNotStandardReachesTheHandler() throws IOException {
		String answer = exchange("PROPFIND /dav HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
		assertThat(answer).startsWith("HTTP/1.1 200 ").endsWith("PROPFIND /dav");
	}

	@Test
	void targetWithEscapedBytesReachesTheHandler() throws IOException {
		String answer = exchange("GET /caf%C3%A9?q=%1B HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
		assertThat(answer).startsWith("HTTP/1.1 200 ").endsWith("GET /caf%C3%A9?q=%1B");
	}

	/**
	 * Send raw bytes on a new connection and read all the server answers until it closes.
	 */
	private String exchange(String raw) throws IOException {
		try (Socket socket = new Socket()) {
			socket.setSoTimeout(TIMEOUT_MILLIS);
			socket.connect(new InetSocketAddress("127.0.0.1", this.port), TIMEOUT_MILLIS);
			socket.getOutputStream().write(raw.getBytes(StandardCharsets.ISO_8859_1));
			socket.getOutputStream().flush();
			// A read timeout here means the connection was kept open: the test fails.
			return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
		}
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(BindServersAutoConfiguration.class)
	static class Echo {

		@Bean
		BiFunction<HttpServerRequest, HttpServerResponse, Publisher<Void>> echo() {
			return (request, response) -> {
				served.add(request.uri());
				return request.receive()
					.then(response.keepAlive(false)
						.sendString(Mono.just(request.method().name() + " " + request.uri()))
						.then());
			};
		}

	}

}
