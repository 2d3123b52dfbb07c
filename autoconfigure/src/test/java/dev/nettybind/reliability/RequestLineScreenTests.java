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

import dev.nettybind.RawHttpConnection;
import dev.nettybind.config.BindServersAutoConfiguration;
import dev.nettybind.server.BoundServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A method outside the RFC 9110 token grammar, or a target with control or non-ASCII
 * bytes, is answered 400 and its connection closed before the handler runs: a request
 * pipelined after it on the same connection is never served. So is one that Netty's
 * decoder accepts only by trimming or splitting it, first on its connection, next on a
 * kept connection or pipelined after a request with or without a body.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RequestLineScreenTests {

	private static final int TIMEOUT_MILLIS = 5_000;

	static final Set<String> served = ConcurrentHashMap.newKeySet();

	private AnnotationConfigApplicationContext context;

	private int port;

	private int h2cPort;

	@BeforeAll
	void start() {
		this.context = new AnnotationConfigApplicationContext();
		TestPropertyValues
			.of("bind.servers.api.handler=echo", "bind.servers.cleartext.handler=echo",
					"bind.servers.cleartext.protocols=http11,h2c")
			.applyTo(this.context);
		this.context.register(Echo.class);
		this.context.refresh();
		this.port = this.context.getBean("apiBoundServer", BoundServer.class).port();
		this.h2cPort = this.context.getBean("cleartextBoundServer", BoundServer.class).port();
	}

	@AfterAll
	void stop() {
		this.context.close();
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "GET\u0001\u0002 /x HTTP/1.1", "POST\u001b /x HTTP/1.1",
			"GARBAGE\u0001\u0002 \u00ff/x HTTP/1.1", "GE(T /x HTTP/1.1", "GE\u00ffT /x HTTP/1.1",
			"GET\u007f /x HTTP/1.1", "GET /x\u0001y HTTP/1.1", "GET /x\u001b[31m HTTP/1.1", "GET /x\u007f HTTP/1.1",
			"GET /caf\u00e9 HTTP/1.1", "GET /x\u0085 HTTP/1.1", "G(T /x HTTP/1.1", "GE\u0001T /x HTTP/1.1",
			"GET /x HTTP/1.1\u0001",
			// Netty's decoder trims these control bytes off an unknown method ("FOO") or
			// splits words on them, as on SP: only RequestLineCheck sees them.
			"FOO\u0001 /x HTTP/1.1", "FOO\u0000 /x HTTP/1.1", "PROPFIND\u001f /x HTTP/1.1", "GET\t/x HTTP/1.1",
			"GET\u000b/x HTTP/1.1", "GET \u000c/x HTTP/1.1", "GET\r /x HTTP/1.1", "GET /x\u000b HTTP/1.1",
			"GET /x\r HTTP/1.1", " GET /x HTTP/1.1", "\u0001GET /x HTTP/1.1", "\u0001\r\nFOO /x HTTP/1.1" })
	void requestLineIsRefusedWith400AndTheConnectionClosed(String requestLine) throws IOException {
		// Each case on its own: one that a server served must not fail the next ones.
		served.clear();
		String answer = exchange(requestLine + "\r\nHost: x\r\n\r\nGET /after HTTP/1.1\r\nHost: x\r\n\r\n");
		assertThat(answer).startsWith("HTTP/1.1 400 ");
		assertThat(answer.indexOf("HTTP/1.1", 1)).as("a second response in %s", answer).isEqualTo(-1);
		assertThat(served).doesNotContain("/after", "/x");
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "", "Content-Length: 3\r\n\r\nabc",
			"Transfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\nX-Trailer: t\r\n\r\n" })
	void requestLinePipelinedAfterARequestIsRefused(String rest) throws IOException {
		served.clear();
		String first = "POST /first HTTP/1.1\r\nHost: x\r\n" + (rest.isEmpty() ? "\r\n" : rest);
		String answer = exchange(first + "FOO\u0001 /x HTTP/1.1\r\nHost: x\r\n\r\nGET /after HTTP/1.1\r\nHost: x\r\n\r\n");
		assertThat(answer).startsWith("HTTP/1.1 200 ").contains("POST /first");
		assertThat(answer.substring(answer.indexOf("HTTP/1.1", 1))).startsWith("HTTP/1.1 400 ");
		assertThat(served).containsExactly("/first");
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "FOO\u0001 /x HTTP/1.1", "GET\t/x HTTP/1.1", "GET /x\u0001y HTTP/1.1" })
	void requestLineIsRefusedByAServerThatAlsoSpeaksH2c(String requestLine) throws IOException {
		// Its HTTP/1.1 codec is one that Reactor Netty's h2c upgrade handler added.
		served.clear();
		String answer = exchange(this.h2cPort,
				requestLine + "\r\nHost: x\r\n\r\nGET /after HTTP/1.1\r\nHost: x\r\n\r\n");
		assertThat(answer).startsWith("HTTP/1.1 400 ");
		assertThat(served).isEmpty();
	}

	@Test
	void requestLineOfAKeptConnectionsNextRequestIsRefused() throws IOException {
		served.clear();
		try (RawHttpConnection connection = RawHttpConnection.open("127.0.0.1", this.port)) {
			assertThat(connection.get("/first", true).body()).isEqualTo("GET /first");
			connection.write("FOO\u0001 /x HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
			assertThat(connection.readResponse().status()).isEqualTo(400);
			assertThat(connection.closedByServer()).isTrue();
		}
		assertThat(served).containsExactly("/first");
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "GET  /ok HTTP/1.1", "\r\nGET /ok HTTP/1.1", "\r\n\r\nFOO /ok HTTP/1.1" })
	void requestLineThatOnlyAStrictParserWouldRefuseIsServed(String requestLine) throws IOException {
		// RFC 9112 2.2 and 3: empty lines before it, and several SP between its words.
		String answer = exchange(requestLine + "\r\nHost: x\r\nConnection: close\r\n\r\n");
		assertThat(answer).startsWith("HTTP/1.1 200 ").endsWith(" /ok");
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
		return exchange(this.port, raw);
	}

	private String exchange(int port, String raw) throws IOException {
		try (Socket socket = new Socket()) {
			socket.setSoTimeout(TIMEOUT_MILLIS);
			socket.connect(new InetSocketAddress("127.0.0.1", port), TIMEOUT_MILLIS);
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
					.then(response.sendString(Mono.just(request.method().name() + " " + request.uri())).then());
			};
		}

	}

}
