package dev.nettybind.config;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Sinks;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.nettybind.Clients;
import dev.nettybind.RawHttpConnection;
import dev.nettybind.TestHandlers;
import dev.nettybind.server.BoundServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The servers stop as Spring Boot's graceful shutdown does: {@code stop(Runnable)}
 * returns at once, the servers drain in parallel, and the callback runs once they are
 * closed.
 */
class AsynchronousStopTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(BindServersAutoConfiguration.class))
		.withUserConfiguration(HeldHandler.class)
		.withPropertyValues("bind.servers.one.handler=held", "bind.servers.two.handler=held");

	@Test
	void stopReturnsBeforeTheDrainAndCallsBackWhenEveryServerIsClosed() {
		this.runner.run((context) -> {
			HeldHandler handler = context.getBean(HeldHandler.class);
			BoundServer one = context.getBean("oneBoundServer", BoundServer.class);
			BoundServer two = context.getBean("twoBoundServer", BoundServer.class);
			CompletableFuture<HttpResponse<String>> first = send(one.port());
			CompletableFuture<HttpResponse<String>> second = send(two.port());
			await().until(() -> handler.started.get() == 2);
			AtomicBoolean stopped = new AtomicBoolean();
			context.getBean(BoundServersLifecycle.class).stop(() -> stopped.set(true));
			assertThat(one.state()).isEqualTo(BoundServer.State.CLOSING);
			assertThat(two.state()).isEqualTo(BoundServer.State.CLOSING);
			assertThat(stopped).isFalse();
			handler.release.tryEmitEmpty();
			await().untilTrue(stopped);
			assertThat(one.state()).isEqualTo(BoundServer.State.CLOSED);
			assertThat(two.state()).isEqualTo(BoundServer.State.CLOSED);
			assertThat(first.join().body()).isEqualTo("done");
			assertThat(second.join().body()).isEqualTo("done");
		});
	}

	@Test
	void connectionThatHasNotSentItsFirstRequestYetIsServedDuringTheDrain() throws Exception {
		this.runner.withPropertyValues("bind.servers.fresh.handler=hello").withUserConfiguration(TestHandlers.class)
			.run((context) -> {
				BoundServer fresh = context.getBean("freshBoundServer", BoundServer.class);
				try (RawHttpConnection connection = RawHttpConnection.open("127.0.0.1", fresh.port())) {
					await().until(() -> fresh.activeConnections() == 1);
					AtomicBoolean stopped = new AtomicBoolean();
					context.getBean(BoundServersLifecycle.class).stop(() -> stopped.set(true));
					assertThat(fresh.state()).isEqualTo(BoundServer.State.CLOSING);
					RawHttpConnection.Response response = connection.get("/", true);
					assertThat(response.status()).isEqualTo(200);
					assertThat(response.body()).isEqualTo("hello");
					await().untilTrue(stopped);
					assertThat(fresh.state()).isEqualTo(BoundServer.State.CLOSED);
				}
			});
	}

	private static CompletableFuture<HttpResponse<String>> send(int port) {
		return HttpClient.newHttpClient()
			.sendAsync(HttpRequest.newBuilder(Clients.uri("127.0.0.1", port, "/")).build(),
					HttpResponse.BodyHandlers.ofString());
	}

	@Configuration(proxyBeanMethods = false)
	static class HeldHandler {

		final Sinks.Empty<Void> release = Sinks.empty();

		final AtomicInteger started = new AtomicInteger();

		@Bean
		BiFunction<HttpServerRequest, HttpServerResponse, Publisher<Void>> held() {
			return (request, response) -> {
				this.started.incrementAndGet();
				return response.sendString(this.release.asMono().thenReturn("done"));
			};
		}

	}

}
