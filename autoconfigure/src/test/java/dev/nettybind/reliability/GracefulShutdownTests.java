package dev.nettybind.reliability;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.nettybind.Clients;
import dev.nettybind.RawHttpConnection;
import dev.nettybind.config.BindServersAutoConfiguration;
import dev.nettybind.server.BoundServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Closing under load loses no request a handler has started: 50 clients send slow
 * requests in a loop while the application, or one shared server, closes.
 */
@ExtendWith(OutputCaptureExtension.class)
class GracefulShutdownTests {

	private static final int CLIENTS = 50;

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(BindServersAutoConfiguration.class))
		.withUserConfiguration(SlowHandler.class);

	@Test
	void closingTheApplicationFinishesEveryRequestInFlightAndRefusesNewConnections() {
		SlowHandler.started.clear();
		this.runner.withPropertyValues("bind.servers.api.handler=slow").run((context) -> {
			int port = context.getBean(BoundServer.class).port();
			try (Load load = new Load(port)) {
				await().atMost(Duration.ofSeconds(30)).until(() -> load.completed.size() >= CLIENTS);
				ExecutorService closer = Executors.newSingleThreadExecutor();
				Future<?> closing = closer.submit(context::close);
				// The socket closes first: new connections are refused while requests drain.
				await().atMost(Duration.ofSeconds(30)).until(() -> !Clients.accepts("127.0.0.1", port));
				closing.get(60, TimeUnit.SECONDS);
				closer.shutdown();
				load.stop();
				assertThat(SlowHandler.started).isNotEmpty();
				assertThat(load.completed).containsAll(SlowHandler.started);
				assertThat(load.refusedAfterClose.get()).isPositive();
			}
			assertThat(Clients.canBind("127.0.0.1", port)).isTrue();
		});
	}

	@Test
	void closingOneSharedServerUnderLoadFailsNoRequest() {
		SlowHandler.started.clear();
		int port = Clients.freePort();
		this.runner
			.withPropertyValues("bind.servers.a.port=" + port, "bind.servers.a.shared=true", "bind.servers.a.handler=slow",
					"bind.servers.b.port=" + port, "bind.servers.b.shared=true", "bind.servers.b.handler=slow")
			.run((context) -> {
				try (Load load = new Load(port)) {
					await().atMost(Duration.ofSeconds(30)).until(() -> load.completed.size() >= CLIENTS);
					BoundServer a = context.getBean("aBoundServer", BoundServer.class);
					a.close();
					int completedAtClose = load.completed.size();
					await().atMost(Duration.ofSeconds(30)).until(() -> load.completed.size() >= completedAtClose + CLIENTS);
					load.stop();
					assertThat(a.state()).isEqualTo(BoundServer.State.CLOSED);
					assertThat(load.failures).isEmpty();
					assertThat(load.completed).containsAll(SlowHandler.started);
				}
			});
	}

	@Test
	void requestStillRunningAfterTheTimeoutIsCutAndCounted(CapturedOutput output) {
		SlowHandler.started.clear();
		this.runner.withPropertyValues("bind.servers.api.handler=never", "bind.shutdown.timeout=200ms")
			.run((context) -> {
				int port = context.getBean(BoundServer.class).port();
				try (Socket hanging = new Socket("127.0.0.1", port)) {
					hanging.getOutputStream().write("GET /hang HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
					await().atMost(Duration.ofSeconds(10)).until(() -> SlowHandler.started.contains("hang"));
					context.close();
					hanging.setSoTimeout(10_000);
					assertThat(hanging.getInputStream().read()).isEqualTo(-1);
				}
			});
		assertThat(output).contains("Server 'api' still had 1 open connection(s) when its shutdown timeout expired");
	}

	/**
	 * Clients that each send one slow request per connection, in a loop, and record
	 * what was answered and what failed.
	 */
	static final class Load implements AutoCloseable {

		final Set<String> completed = ConcurrentHashMap.newKeySet();

		final List<Throwable> failures = new CopyOnWriteArrayList<>();

		final AtomicInteger refusedAfterClose = new AtomicInteger();

		private final AtomicBoolean stop = new AtomicBoolean();

		private final ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);

		private final AtomicInteger ids = new AtomicInteger();

		Load(int port) {
			for (int i = 0; i < CLIENTS; i++) {
				this.clients.submit(() -> run(port));
			}
		}

		private void run(int port) {
			while (!this.stop.get()) {
				String id = String.valueOf(this.ids.incrementAndGet());
				if (!Clients.accepts("127.0.0.1", port)) {
					this.refusedAfterClose.incrementAndGet();
					return;
				}
				try (RawHttpConnection connection = RawHttpConnection.open("127.0.0.1", port)) {
					RawHttpConnection.Response response = connection.get("/" + id, false);
					if (response.status() == 200 && response.body().equals(id)) {
						this.completed.add(id);
					}
					else {
						this.failures.add(new IllegalStateException(id + ": " + response));
					}
				}
				catch (IOException ex) {
					this.failures.add(new IllegalStateException(id + " failed", ex));
				}
			}
		}

		void stop() throws InterruptedException {
			this.stop.set(true);
			this.clients.shutdown();
			assertThat(this.clients.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
		}

		@Override
		public void close() throws InterruptedException {
			stop();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class SlowHandler {

		static final Set<String> started = ConcurrentHashMap.newKeySet();

		@Bean
		BiFunction<HttpServerRequest, HttpServerResponse, Publisher<Void>> never() {
			return (request, response) -> {
				started.add(request.path());
				return Mono.never();
			};
		}

		@Bean
		BiFunction<HttpServerRequest, HttpServerResponse, Publisher<Void>> slow() {
			return (request, response) -> {
				String id = request.path();
				started.add(id);
				return response.sendString(Mono.just(id).delayElement(Duration.ofMillis(500)));
			};
		}

	}

}
