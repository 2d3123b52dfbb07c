package dev.nettybind.server;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.function.BiFunction;

import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.nettybind.Clients;
import dev.nettybind.config.BindServersAutoConfiguration;
import dev.nettybind.diagnostics.ServerSetupException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@code bind.servers.<name>.forwarded.trusted-proxies}: the forwarded headers of a
 * trusted peer change the request's remote address, scheme, host and port; those of any
 * other peer are ignored, so that a client cannot spoof its address.
 */
class ForwardedHeadersTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(BindServersAutoConfiguration.class))
		.withUserConfiguration(Handlers.class)
		.withPropertyValues("bind.servers.api.handler=whoAmI");

	@Test
	void trustedPeersForwardedForAndProtoAreSeenByTheHandler() {
		this.runner.withPropertyValues("bind.servers.api.forwarded.trusted-proxies=::1/128, 127.0.0.1/32")
			.run((context) -> {
				int port = context.getBean(BoundServer.class).port();
				assertThat(get(port, "X-Forwarded-For", "203.0.113.9, 198.51.100.1", "X-Forwarded-Proto", "https"))
					.startsWith("203.0.113.9 https ");
				assertThat(get(port, "X-Forwarded-Host", "example.com", "X-Forwarded-Port", "8443"))
					.isEqualTo("127.0.0.1 http example.com:8443");
			});
	}

	@Test
	void untrustedPeerCannotSpoofItsAddress() {
		this.runner.withPropertyValues("bind.servers.api.forwarded.trusted-proxies=10.0.0.0/8").run((context) -> {
			int port = context.getBean(BoundServer.class).port();
			assertThat(get(port, "X-Forwarded-For", "203.0.113.9", "X-Forwarded-Proto", "https"))
				.isEqualTo("127.0.0.1 http 127.0.0.1:" + port);
			assertThat(get(port, "Forwarded", "for=203.0.113.9;proto=https"))
				.isEqualTo("127.0.0.1 http 127.0.0.1:" + port);
		});
	}

	@Test
	void forwardedHeadersAreIgnoredByDefault() {
		this.runner.run((context) -> {
			int port = context.getBean(BoundServer.class).port();
			assertThat(get(port, "X-Forwarded-For", "203.0.113.9", "X-Forwarded-Proto", "https"))
				.isEqualTo("127.0.0.1 http 127.0.0.1:" + port);
		});
	}

	@Test
	void rfc7239ForwardedWinsOverXForwardedAndItsFirstElementIsTaken() {
		this.runner.withPropertyValues("bind.servers.api.forwarded.trusted-proxies=127.0.0.0/8").run((context) -> {
			int port = context.getBean(BoundServer.class).port();
			String forwarded = "for=\"[2001:db8::7]:4711\";Proto=https;host=example.com, for=198.51.100.1";
			assertThat(get(port, "Forwarded", forwarded, "X-Forwarded-For", "192.0.2.1"))
				.isEqualTo("2001:db8:0:0:0:0:0:7 https example.com:443");
		});
	}

	@Test
	void programmaticServerTakesTheSameOption() {
		this.runner.run((context) -> {
			BoundServer server = context.getBean(ServerBinder.class)
				.bind("tenant", BindOptions.of("LOOPBACK_IP_V4", 0)
					.forwarded(new BindOptions.Forwarded().trustedProxies("127.0.0.1/32")), new Handlers().whoAmI());
			assertThat(get(server.port(), "X-Forwarded-For", "203.0.113.9")).startsWith("203.0.113.9 http ");
		});
	}

	@Test
	void invalidBlockFailsAtStartupNamingTheProperty() {
		for (String block : new String[] { "10.0.0.0/33", "10.0.0.0", "example.com/8", "::1/129", "10.0.0.0/-1" }) {
			this.runner.withPropertyValues("bind.servers.api.forwarded.trusted-proxies=127.0.0.1/32," + block)
				.run((context) -> assertThat(context).getFailure()
					.rootCause()
					.isInstanceOf(ServerSetupException.class)
					.hasMessageContaining("'bind.servers.api.forwarded.trusted-proxies'")
					.hasMessageContaining("'" + block + "' is not"));
		}
	}

	@Test
	void invalidBlockOfProgrammaticServerNamesTheMethod() {
		this.runner.run((context) -> assertThatExceptionOfType(ServerSetupException.class)
			.isThrownBy(() -> context.getBean(ServerBinder.class)
				.bind("tenant", BindOptions.of("LOOPBACK_IP_V4", 0)
					.forwarded(new BindOptions.Forwarded().trustedProxies("10.0.0.1/8/8")), new Handlers().whoAmI()))
			.satisfies((ex) -> assertThat(ex.getPropertyPath()).isEqualTo("BindOptions.Forwarded.trustedProxies(..)")));
	}

	private static String get(int port, String... headers) throws IOException, InterruptedException {
		HttpRequest request = HttpRequest.newBuilder(Clients.uri("127.0.0.1", port, "/")).headers(headers).build();
		HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
		assertThat(response.statusCode()).isEqualTo(200);
		return response.body();
	}

	@Configuration(proxyBeanMethods = false)
	static class Handlers {

		@Bean
		BiFunction<HttpServerRequest, HttpServerResponse, Publisher<Void>> whoAmI() {
			return (request, response) -> response.sendString(Mono.just(request.remoteAddress().getAddress()
				.getHostAddress() + " " + request.scheme() + " " + request.hostName() + ":" + request.hostPort()));
		}

	}

}
