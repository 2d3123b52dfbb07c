package dev.nettybind.server;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BiFunction;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reactivestreams.Publisher;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import dev.nettybind.Clients;
import dev.nettybind.Processes;
import dev.nettybind.RawHttpConnection;
import dev.nettybind.TestCertificates;
import dev.nettybind.config.BindServersAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code bind.servers.<name>.access-log.*}: one line per answered request, in the Common
 * Log Format, the combined format or JSON, to the logger
 * {@code dev.nettybind.access.<name>}, with what the client sent escaped.
 */
class AccessLogTests {

	private static final String ACCESS_LOGGERS = "dev.nettybind.access";

	private final Lines lines = new Lines();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(BindServersAutoConfiguration.class))
		.withUserConfiguration(Handlers.class)
		.withPropertyValues("bind.servers.api.handler=hello");

	@BeforeEach
	void captureAccessLog() {
		this.lines.start();
		accessLogger().addAppender(this.lines);
	}

	@AfterEach
	void stopCapturing() {
		accessLogger().detachAppender(this.lines);
		accessLogger().setLevel(null);
	}

	@Test
	void commonLogFormatLineForEachRequest() {
		this.runner.withPropertyValues("bind.servers.api.access-log.enabled=true").run((context) -> {
			int port = context.getBean(BoundServer.class).port();
			assertThat(Clients.get("127.0.0.1", port, "/notes?id=7").body()).isEqualTo("hello");
			ILoggingEvent line = awaitLine();
			assertThat(line.getLoggerName()).isEqualTo("dev.nettybind.access.api");
			assertThat(line.getLevel()).isEqualTo(Level.INFO);
			assertThat(line.getFormattedMessage()).matches("127\\.0\\.0\\.1 - - \\[\\d{2}/\\w{3}/\\d{4}:\\d{2}:\\d{2}:\\d{2} "
					+ "[+-]\\d{4}\\] \"GET /notes\\?id=7 HTTP/1\\.1\" 200 5");
		});
	}

	@Test
	void combinedFormatAddsRefererAndUserAgent() {
		this.runner
			.withPropertyValues("bind.servers.api.access-log.enabled=true", "bind.servers.api.access-log.format=combined")
			.run((context) -> {
				int port = context.getBean(BoundServer.class).port();
				send(port, "Referer", "http://example.test/", "User-Agent", "probe/1.0 \"quoted\"");
				assertThat(awaitLine().getFormattedMessage())
					.endsWith("\"GET / HTTP/1.1\" 200 5 \"http://example.test/\" \"probe/1.0 \\\"quoted\\\"\"");
				send(port);
				assertThat(awaitLine().getFormattedMessage()).endsWith(" 200 5 \"-\" \"Java-http-client/"
						+ System.getProperty("java.version") + "\"");
			});
	}

	@Test
	void jsonFormatIsOneObjectPerLine() throws Exception {
		this.runner.withPropertyValues("bind.servers.api.access-log.enabled=true", "bind.servers.api.access-log.format=json")
			.run((context) -> {
				int port = context.getBean(BoundServer.class).port();
				send(port, "User-Agent", "line \\ \"one\"");
				String message = awaitLine().getFormattedMessage();
				assertThat(message).doesNotContain("\n");
				JsonNode json = JsonMapper.builder().build().readTree(message);
				assertThat(json.get("server").asString()).isEqualTo("api");
				assertThat(json.get("remote").asString()).isEqualTo("127.0.0.1");
				assertThat(json.get("method").asString()).isEqualTo("GET");
				assertThat(json.get("uri").asString()).isEqualTo("/");
				assertThat(json.get("protocol").asString()).isEqualTo("HTTP/1.1");
				assertThat(json.get("status").asInt()).isEqualTo(200);
				assertThat(json.get("bytes").asLong()).isEqualTo(5);
				assertThat(json.get("duration_ms").asLong()).isNotNegative();
				assertThat(json.get("referer").isNull()).isTrue();
				assertThat(json.get("user_agent").asString()).isEqualTo("line \\ \"one\"");
				assertThat(json.get("time").asString()).matches("\\d{4}-\\d{2}-\\d{2}T.*");
			});
	}

	@Test
	void controlCharactersOfTheClientAreEscaped() {
		this.runner
			.withPropertyValues("bind.servers.api.access-log.enabled=true", "bind.servers.api.access-log.format=combined")
			.run((context) -> {
				int port = context.getBean(BoundServer.class).port();
				try (RawHttpConnection connection = RawHttpConnection.open("127.0.0.1", port)) {
					connection.write("GET /a\u001b[31mRED\" HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
						.getBytes(StandardCharsets.ISO_8859_1));
					assertThat(connection.readResponse().status()).isEqualTo(400);
				}
				String message = awaitLine().getFormattedMessage();
				assertThat(message).contains("\"GET /a\\x1b[31mRED\\\" HTTP/1.1\" 400").doesNotContain("\u001b");
			});
	}

	@Test
	void offByDefaultAndWhenItsLoggerIsOff() {
		this.runner.run((context) -> {
			int port = context.getBean(BoundServer.class).port();
			assertThat(Clients.get("127.0.0.1", port, "/").body()).isEqualTo("hello");
		});
		accessLogger().setLevel(Level.WARN);
		this.runner.withPropertyValues("bind.servers.api.access-log.enabled=true").run((context) -> {
			int port = context.getBean(BoundServer.class).port();
			assertThat(Clients.get("127.0.0.1", port, "/").body()).isEqualTo("hello");
		});
		accessLogger().setLevel(null);
		this.runner.withPropertyValues("bind.servers.api.access-log.enabled=true").run((context) -> {
			int port = context.getBean(BoundServer.class).port();
			assertThat(Clients.get("127.0.0.1", port, "/after").body()).isEqualTo("hello");
			// The first line logged is this request's: none was logged before.
			assertThat(awaitLine().getFormattedMessage()).contains("\"GET /after HTTP/1.1\"");
		});
	}

	@Test
	void eachServerOfASharedSocketLogsUnderItsOwnName() {
		this.runner
			.withPropertyValues("bind.servers.api.shared=true", "bind.servers.api.access-log.enabled=true")
			.run((context) -> {
				BoundServer first = context.getBean(BoundServer.class);
				context.getBean(ServerBinder.class)
					.bind("second", first.options().copy().port(first.port()), new Handlers().hello());
				for (int i = 0; i < 4; i++) {
					RawHttpConnection.getOnce("127.0.0.1", first.port(), "/");
				}
				await().atMost(Duration.ofSeconds(30)).until(() -> this.lines.events.size() >= 4);
				assertThat(this.lines.events).extracting(ILoggingEvent::getLoggerName)
					.containsOnly("dev.nettybind.access.api", "dev.nettybind.access.second")
					.contains("dev.nettybind.access.api", "dev.nettybind.access.second");
			});
	}

	@Test
	void secureServerLogsItsHttp2Requests(@TempDir Path directory) {
		TestCertificates.Issued ca = TestCertificates.ca("CN=Test CA, O=Example");
		Path database = TestCertificates.keyStore()
			.key("server", TestCertificates.server("CN=localhost, O=Example", ca))
			.writeTo(directory.resolve("database.p12"), "changeit");
		this.runner.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class))
			.withPropertyValues("bind.servers.api.access-log.enabled=true", "bind.servers.api.certificate-name=server",
					"bind.certificate-database.location=file:" + database,
					"bind.certificate-database.password=changeit")
			.run((context) -> {
				int port = context.getBean(BoundServer.class).port();
				Processes.Result curl = Processes.run(
						List.of("curl", "-sS", "-k", "--http2", "https://127.0.0.1:" + port + "/h2"));
				assertThat(curl.output()).isEqualTo("hello");
				ILoggingEvent line = awaitLine();
				assertThat(line.getLoggerName()).isEqualTo("dev.nettybind.access.api");
				assertThat(line.getFormattedMessage()).contains("\"GET /h2 HTTP/2.0\" 200 5");
			});
	}

	@Test
	void webFluxApplicationBehindAProxyLogsTheClientAddress() throws Exception {
		SpringApplication application = new SpringApplication(WebFluxApplication.class);
		application.setWebApplicationType(WebApplicationType.REACTIVE);
		try (ConfigurableApplicationContext context = application.run("--spring.main.banner-mode=off",
				"--bind.replace-web-server=true", "--bind.servers.lb.proxy-protocol=on",
				"--bind.servers.lb.access-log.enabled=true")) {
			int port = context.getEnvironment().getProperty("local.bind.lb.port", Integer.class);
			// The application set up logging again, which stopped and dropped the appender of this test.
			this.lines.start();
			accessLogger().addAppender(this.lines);
			try (RawHttpConnection connection = RawHttpConnection.open("127.0.0.1", port)) {
				connection.write("PROXY TCP4 203.0.113.7 127.0.0.1 40000 80\r\n".getBytes(StandardCharsets.US_ASCII));
				assertThat(connection.get("/remote", false).body()).isEqualTo("203.0.113.7");
			}
			ILoggingEvent line = awaitLine();
			assertThat(line.getLoggerName()).isEqualTo("dev.nettybind.access.lb");
			assertThat(line.getFormattedMessage()).startsWith("203.0.113.7 - - [").contains("\"GET /remote HTTP/1.1\" 200 11");
		}
	}

	private ILoggingEvent awaitLine() {
		await().atMost(Duration.ofSeconds(30)).until(() -> !this.lines.events.isEmpty());
		return this.lines.events.poll();
	}

	private static void send(int port, String... headers) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(Clients.uri("127.0.0.1", port, "/"))
			.timeout(Duration.ofSeconds(10));
		if (headers.length > 0) {
			request.headers(headers);
		}
		HttpResponse<String> response = HttpClient.newBuilder()
			.version(HttpClient.Version.HTTP_1_1)
			.build()
			.send(request.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(response.body()).isEqualTo("hello");
	}

	private static Logger accessLogger() {
		return (Logger) LoggerFactory.getLogger(ACCESS_LOGGERS);
	}

	static final class Lines extends AppenderBase<ILoggingEvent> {

		final ConcurrentLinkedQueue<ILoggingEvent> events = new ConcurrentLinkedQueue<>();

		@Override
		protected void append(ILoggingEvent event) {
			this.events.add(event);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class Handlers {

		@Bean
		BiFunction<HttpServerRequest, HttpServerResponse, Publisher<Void>> hello() {
			return (request, response) -> response.sendString(Mono.just("hello"));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class WebFluxApplication {

		@Bean
		RouterFunction<ServerResponse> remote() {
			return RouterFunctions.route()
				.GET("/remote", (request) -> ServerResponse.ok()
					.bodyValue(request.remoteAddress().orElseThrow().getAddress().getHostAddress()))
				.build();
		}

	}

}
