package dev.nettybind.reliability;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BiFunction;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.HttpProtocol;
import reactor.netty.http.client.HttpClient;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import dev.nettybind.RawHttpConnection;
import dev.nettybind.config.BindServersAutoConfiguration;
import dev.nettybind.server.BoundServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A request body that breaks while it is read (an invalid chunk size, a truncated chunk)
 * or that grows past {@code max-body-size} without declaring its length is an error of
 * the body, never a short or empty body that completes, and it is answered 400 or 413,
 * not 500 and without an ERROR in the log: for handler beans and for the WebFlux
 * application, over HTTP/1.1 (chunked) and HTTP/2 (a stream with no content-length).
 */
class RequestBodyTests {

	private static final String BROKEN_CHUNK = "POST /notes HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\n"
			+ "Transfer-Encoding: chunked\r\n\r\n5\r\nhello\r\nzz\r\nabc\r\n0\r\n\r\n";

	private static final Queue<String> seen = new ConcurrentLinkedQueue<>();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(BindServersAutoConfiguration.class))
		.withUserConfiguration(Handlers.class)
		.withPropertyValues("bind.servers.api.handler=bodyLength", "bind.servers.api.limits.max-body-size=1KB");

	@BeforeEach
	void forget() {
		seen.clear();
	}

	@Test
	void brokenChunkIsAnErrorOfTheBodyAnswered400() {
		this.runner.run((context) -> {
			int port = context.getBean(BoundServer.class).port();
			try (RawHttpConnection connection = RawHttpConnection.open("127.0.0.1", port)) {
				connection.write(BROKEN_CHUNK.getBytes(StandardCharsets.US_ASCII));
				assertThat(connection.readResponse().status()).isEqualTo(400);
				assertClosed(connection);
			}
			await().atMost(Duration.ofSeconds(10)).until(() -> !seen.isEmpty());
			assertThat(seen).containsExactly("error MalformedBody");
		});
	}

	@Test
	void chunkedBodyOverTheLimitIsAnErrorOfTheBodyAnswered413() {
		this.runner.run((context) -> {
			int port = context.getBean(BoundServer.class).port();
			String chunk = "400\r\n" + "a".repeat(1024) + "\r\n";
			try (RawHttpConnection connection = RawHttpConnection.open("127.0.0.1", port)) {
				connection.write(("POST /notes HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n" + chunk + chunk
						+ chunk + "0\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
				assertThat(connection.readResponse().status()).isEqualTo(413);
				assertClosed(connection);
			}
			await().atMost(Duration.ofSeconds(10)).until(() -> !seen.isEmpty());
			assertThat(seen).containsExactly("error BodyTooLarge");
		});
	}

	@Test
	void http2BodyOfUnknownLengthOverTheLimitIsAnErrorOfTheBodyAnswered413() {
		this.runner.withPropertyValues("bind.servers.api.protocols=http11,h2c").run((context) -> {
			int port = context.getBean(BoundServer.class).port();
			assertThat(postOverH2c(port, 3)).isEqualTo(413);
			await().atMost(Duration.ofSeconds(10)).until(() -> !seen.isEmpty());
			assertThat(seen).containsExactly("error BodyTooLarge");
			// The connection and the server go on: a body within the limit is read whole.
			seen.clear();
			assertThat(postOverH2c(port, 1)).isEqualTo(200);
			assertThat(seen).containsExactly("body 1000");
		});
	}

	@Test
	void http2RequestThatEndsWithItsHeadersHasNoBodyGuard() {
		this.runner.withPropertyValues("bind.servers.api.protocols=http11,h2c", "bind.servers.api.handler=streamGuard")
			.run((context) -> {
				int port = context.getBean(BoundServer.class).port();
				String answer = HttpClient.create()
					.protocol(HttpProtocol.H2C)
					.get()
					.uri("http://127.0.0.1:" + port + "/notes")
					.responseContent()
					.aggregate()
					.asString()
					.block(Duration.ofSeconds(10));
				// Its stream is half closed already: nothing more can come to count.
				assertThat(answer).isEqualTo("guarded false");
			});
	}

	@Test
	void wellFormedChunkedBodiesAreReadWholeOnAKeptConnection() {
		this.runner.run((context) -> {
			int port = context.getBean(BoundServer.class).port();
			String request = "POST /notes HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
					+ "5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n";
			try (RawHttpConnection connection = RawHttpConnection.open("127.0.0.1", port)) {
				for (int i = 0; i < 2; i++) {
					connection.write(request.getBytes(StandardCharsets.US_ASCII));
					RawHttpConnection.Response response = connection.readResponse();
					assertThat(response.status()).isEqualTo(200);
					assertThat(response.body()).isEqualTo("11");
				}
			}
			assertThat(seen).containsExactly("body 11", "body 11");
		});
	}

	@Test
	void webFluxApplicationGets400ForABrokenChunkAndNeverAnEmptyBody() throws IOException {
		SpringApplication application = new SpringApplication(WebFluxApplication.class);
		application.setWebApplicationType(WebApplicationType.REACTIVE);
		try (ConfigurableApplicationContext context = application.run("--spring.main.banner-mode=off",
				"--bind.replace-web-server=true", "--bind.servers.api.limits.max-body-size=1KB",
				"--bind.servers.api.protocols=http11,h2c")) {
			int port = context.getEnvironment().getProperty("local.bind.api.port", Integer.class);
			try (RawHttpConnection connection = RawHttpConnection.open("127.0.0.1", port)) {
				connection.write(BROKEN_CHUNK.getBytes(StandardCharsets.US_ASCII));
				assertThat(connection.readResponse().status()).isEqualTo(400);
				assertClosed(connection);
			}
			String chunk = "400\r\n" + "a".repeat(1024) + "\r\n";
			try (RawHttpConnection connection = RawHttpConnection.open("127.0.0.1", port)) {
				connection.write(("POST /notes HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\n"
						+ "Transfer-Encoding: chunked\r\n\r\n" + chunk + chunk + "0\r\n\r\n")
					.getBytes(StandardCharsets.US_ASCII));
				assertThat(connection.readResponse().status()).isEqualTo(413);
			}
			// An HTTP/2 body of unknown length, over the limit and within it.
			assertThat(postOverH2c(port, 3)).isEqualTo(413);
			assertThat(postOverH2c(port, 1)).isEqualTo(200);
			assertThat(seen).doesNotContain("empty");
		}
	}

	/**
	 * POST a body of 1,000-byte parts, with no content-length, over h2c with prior
	 * knowledge, and return the status of the answer; -1 for a stream reset before one.
	 */
	private static int postOverH2c(int port, int parts) {
		Flux<ByteBuf> body = Flux.range(0, parts)
			.map((part) -> Unpooled.wrappedBuffer("a".repeat(1000).getBytes(StandardCharsets.US_ASCII)));
		return HttpClient.create()
			.protocol(HttpProtocol.H2C)
			.post()
			.uri("http://127.0.0.1:" + port + "/notes")
			.send(body)
			.responseSingle((response, content) -> content.then(Mono.just(response.status().code())))
			.onErrorReturn(-1)
			.block(Duration.ofSeconds(10));
	}

	private static void assertClosed(RawHttpConnection connection) throws IOException {
		assertThat(connection.closedByServer()).isTrue();
	}

	@Configuration(proxyBeanMethods = false)
	static class Handlers {

		@Bean
		BiFunction<HttpServerRequest, HttpServerResponse, Publisher<Void>> bodyLength() {
			return (request, response) -> request.receive()
				.aggregate()
				.asString()
				.defaultIfEmpty("")
				.doOnNext((body) -> seen.add("body " + body.length()))
				.doOnError((failure) -> seen.add("error " + failure.getClass().getSimpleName()))
				.flatMap((body) -> response.sendString(Mono.just(String.valueOf(body.length()))).then());
		}

		@Bean
		BiFunction<HttpServerRequest, HttpServerResponse, Publisher<Void>> streamGuard() {
			return (request, response) -> {
				boolean[] guarded = new boolean[1];
				request.withConnection((connection) -> guarded[0] = connection.channel()
					.pipeline()
					.get("bind.requestStreamGuard") != null);
				return response.sendString(Mono.just("guarded " + guarded[0]));
			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class WebFluxApplication {

		@Bean
		RouterFunction<ServerResponse> notes() {
			return RouterFunctions.route()
				.POST("/notes", (request) -> request.bodyToMono(String.class)
					.flatMap((body) -> ServerResponse.ok().bodyValue(body.length()))
					.switchIfEmpty(Mono.defer(() -> {
						seen.add("empty");
						return ServerResponse.badRequest().bodyValue("empty");
					})))
				.build();
		}

	}

}
