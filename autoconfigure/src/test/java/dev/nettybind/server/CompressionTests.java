package dev.nettybind.server;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.function.BiFunction;
import java.util.zip.GZIPInputStream;

import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;

import dev.nettybind.Clients;
import dev.nettybind.config.BindServersAutoConfiguration;
import dev.nettybind.diagnostics.ServerSetupException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@code bind.servers.<name>.compression} compresses the responses of that server only,
 * by size and media type, as Spring Boot's {@code server.compression} does.
 */
class CompressionTests {

	private static final String TEXT = "compress me ".repeat(400);

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(BindServersAutoConfiguration.class))
		.withUserConfiguration(Handlers.class);

	@Test
	void compressedServerGzipsLargeTextWhileItsNeighbourDoesNot() {
		this.runner
			.withPropertyValues("bind.servers.zipped.handler=text", "bind.servers.zipped.compression.enabled=true",
					"bind.servers.plain.handler=text")
			.run((context) -> {
				HttpResponse<byte[]> zipped = get(context.getBean("zippedBoundServer", BoundServer.class).port(), "/");
				assertThat(zipped.headers().firstValue("content-encoding")).hasValue("gzip");
				assertThat(gunzip(zipped.body())).isEqualTo(TEXT);
				HttpResponse<byte[]> plain = get(context.getBean("plainBoundServer", BoundServer.class).port(), "/");
				assertThat(plain.headers().firstValue("content-encoding")).isEmpty();
				assertThat(new String(plain.body(), StandardCharsets.UTF_8)).isEqualTo(TEXT);
			});
	}

	@Test
	void smallResponsesAndOtherMediaTypesAreNotCompressed() {
		this.runner.withPropertyValues("bind.servers.zipped.handler=text", "bind.servers.zipped.compression.enabled=true",
				"bind.servers.zipped.compression.min-response-size=8KB").run((context) -> {
					int port = context.getBean(BoundServer.class).port();
					assertThat(get(port, "/").headers().firstValue("content-encoding")).isEmpty();
				});
		this.runner.withPropertyValues("bind.servers.zipped.handler=text", "bind.servers.zipped.compression.enabled=true",
				"bind.servers.zipped.compression.mime-types=application/json").run((context) -> {
					int port = context.getBean(BoundServer.class).port();
					assertThat(get(port, "/").headers().firstValue("content-encoding")).isEmpty();
				});
	}

	@Test
	void programmaticServerTakesTheSameOption() {
		this.runner.withPropertyValues("bind.enabled=true").run((context) -> {
			BoundServer server = context.getBean(ServerBinder.class)
				.bind("zipped", BindOptions.of("LOOPBACK_IP_V4", 0)
					.compression(new BindOptions.Compression().enabled(true).minResponseSize(DataSize.ofBytes(0))),
						new Handlers().text());
			assertThat(get(server.port(), "/").headers().firstValue("content-encoding")).hasValue("gzip");
		});
	}

	@Test
	void mediaTypeThatIsNoneFailsNamingTheProperty() {
		this.runner.withPropertyValues("bind.enabled=true").run((context) -> assertThatExceptionOfType(
				ServerSetupException.class)
			.isThrownBy(() -> context.getBean(ServerBinder.class)
				.bind("zipped",
						BindOptions.of("LOOPBACK_IP_V4", 0)
							.compression(new BindOptions.Compression().enabled(true).mimeTypes("json")),
						new Handlers().text()))
			.satisfies((ex) -> {
				assertThat(ex.getPropertyPath()).isEqualTo("BindOptions.Compression.mimeTypes(..)");
				assertThat(ex.getDescription()).startsWith("Server 'zipped' cannot compress 'json'");
			}));
	}

	private static HttpResponse<byte[]> get(int port, String path) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(Clients.uri("127.0.0.1", port, path))
			.header("Accept-Encoding", "gzip")
			.build();
		return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofByteArray());
	}

	private static String gunzip(byte[] body) throws IOException {
		try (GZIPInputStream in = new GZIPInputStream(new ByteArrayInputStream(body))) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class Handlers {

		@Bean
		BiFunction<HttpServerRequest, HttpServerResponse, Publisher<Void>> text() {
			return (request, response) -> response.header("Content-Type", "text/plain; charset=utf-8")
				.header("Content-Length", String.valueOf(TEXT.length()))
				.sendString(Mono.just(TEXT));
		}

	}

}
