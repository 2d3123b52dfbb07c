package dev.nettybind.reliability;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.nettybind.RawHttpConnection;
import dev.nettybind.RawHttpConnection.Outcome;
import dev.nettybind.actuate.BindServersMetricsAutoConfiguration;
import dev.nettybind.config.BindServersAutoConfiguration;
import dev.nettybind.server.BoundServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A request that cannot be decoded is a client's mistake: it is answered (400, 414,
 * 431) and closed, counted in {@code bind.server.rejected}, logged on one DEBUG line, and
 * summed up in at most one WARN a minute; Reactor Netty's WARN with a dump of each
 * request is not written. The log stays within a budget per bad request.
 */
@ExtendWith(OutputCaptureExtension.class)
class DecodingFailureLogTests {

	private static final int TIMEOUT_MILLIS = 5_000;

	private static final int BUDGET_BYTES_PER_REQUEST = 200;

	private static final AtomicInteger handled = new AtomicInteger();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
				CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class,
				BindServersAutoConfiguration.class, BindServersMetricsAutoConfiguration.class))
		.withUserConfiguration(Ok.class)
		.withPropertyValues("bind.servers.api.handler=ok", "bind.servers.api.limits.max-initial-line-length=1KB");

	private final LoggingSystem loggingSystem = LoggingSystem.get(getClass().getClassLoader());

	@Test
	void badRequestsAreAnsweredCountedAndStayWithinTheLogBudget(CapturedOutput output) {
		this.runner.run((context) -> {
			BoundServer server = context.getBean(BoundServer.class);
			int logBefore = output.toString().getBytes(StandardCharsets.UTF_8).length;
			int handledBefore = handled.get();
			List<String> bad = List.of("GET / HTTP/1.1\r\nHost: x\r\nBad Header: v\r\n\r\n",
					"GET /" + "a".repeat(2_000) + " HTTP/1.1\r\nHost: x\r\n\r\n", "GARBAGE\r\n\r\n",
					"GET / HTTP/1.1\r\nHost: x\r\nX-A: a\rInjected: b\r\n\r\n");
			int requests = 1_000;
			for (int i = 0; i < requests; i++) {
				Outcome outcome = RawHttpConnection.probe("127.0.0.1", server.port(),
						bad.get(i % bad.size()).getBytes(StandardCharsets.ISO_8859_1), TIMEOUT_MILLIS);
				assertThat(outcome.status()).as("answer to %s", bad.get(i % bad.size()).lines().findFirst())
					.isEqualTo((i % bad.size() == 1) ? 414 : 400);
			}
			await().atMost(Duration.ofMillis(TIMEOUT_MILLIS))
				.until(() -> server.traffic().rejections("malformed-request") == requests);
			int logged = output.toString().getBytes(StandardCharsets.UTF_8).length - logBefore;
			assertThat(logged / requests).as("log bytes per bad request").isLessThanOrEqualTo(BUDGET_BYTES_PER_REQUEST);
			assertThat(output).doesNotContain("Decoding failed");
			assertThat(output.toString().lines().filter((line) -> line.contains("refused ")))
				.singleElement()
				.asString()
				.contains("WARN")
				.contains("Server 'api' refused 1 client(s) since its last such line (malformed-request: 1)");
			assertThat(handled.get()).isEqualTo(handledBefore);
			assertThat(context.getBean(MeterRegistry.class)
				.get("bind.server.rejected")
				.tags("server", "api", "reason", "malformed-request")
				.functionCounter()
				.count()).isEqualTo(requests);
			assertThat(RawHttpConnection.getOnce("127.0.0.1", server.port(), "/").body()).isEqualTo("ok");
		});
	}

	@Test
	void badRequestIsOneDebugLineWithWhatTheClientSentEscaped(CapturedOutput output) throws IOException {
		this.loggingSystem.setLogLevel("dev.nettybind.connection", LogLevel.DEBUG);
		try {
			this.runner.run((context) -> {
				int port = context.getBean(BoundServer.class).port();
				RawHttpConnection.probe("127.0.0.1", port,
						"GET / HTTP/1.1\r\nX\u001b[31mRED: v\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1),
						TIMEOUT_MILLIS);
				await().atMost(Duration.ofMillis(TIMEOUT_MILLIS))
					.until(() -> output.toString().contains("RequestStreamGuard"));
				assertThat(output.toString().lines().filter((line) -> line.contains("RequestStreamGuard")))
					.singleElement()
					.asString()
					.contains("Server 'api' refuses a request from /127.0.0.1:", " with 400: ");
				assertThat(output).doesNotContain("\u001b", "\tat ");
			});
		}
		finally {
			this.loggingSystem.setLogLevel("dev.nettybind.connection", null);
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class Ok {

		@Bean
		BiFunction<HttpServerRequest, HttpServerResponse, Publisher<Void>> ok() {
			return (request, response) -> {
				handled.incrementAndGet();
				return response.sendString(Mono.just("ok"));
			};
		}

	}

}
