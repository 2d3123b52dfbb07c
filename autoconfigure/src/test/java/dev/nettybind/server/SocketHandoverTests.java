package dev.nettybind.server;

import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.nettybind.Clients;
import dev.nettybind.ExpectsErrorLog;
import dev.nettybind.Processes;
import dev.nettybind.config.BindServersAutoConfiguration;
import dev.nettybind.diagnostics.ServerSetupException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.awaitility.Awaitility.await;

/**
 * A process started with the {@code bind.handover.path} of a running one takes over its
 * listening sockets (TCP, a shared pair, a Unix domain socket) instead of binding, so
 * that the old one can stop without a client ever being refused. Two application
 * contexts stand for the two processes: the sockets pass between them over the handover
 * socket as between processes (SCM_RIGHTS).
 */
class SocketHandoverTests {

	@TempDir
	Path directory;

	@Test
	void eachNewApplicationTakesOverTheSocketsAndTheOldOneStopsWithoutRefusingAClient() throws Exception {
		int port = Clients.freePort();
		int sharedPort = Clients.freePort();
		Path local = this.directory.resolve("local.sock");
		Path handover = this.directory.resolve("handover.sock");
		List<String> properties = List.of("--bind.handover.path=" + handover, "--bind.servers.api.port=" + port,
				"--bind.servers.api.handler=who", "--bind.servers.w1.port=" + sharedPort,
				"--bind.servers.w1.shared=true", "--bind.servers.w1.handler=who", "--bind.servers.w2.port=" + sharedPort,
				"--bind.servers.w2.shared=true", "--bind.servers.w2.handler=who",
				"--bind.servers.local.address=unix:" + local, "--bind.servers.local.handler=who");
		ConfigurableApplicationContext first = start("first", properties);
		assertThat(first.getBean(ServerBinder.class).server("api").socket().isInherited()).isFalse();
		try (Load load = new Load(port)) {
			ConfigurableApplicationContext second = start("second", properties);
			ServerBinder binder = second.getBean(ServerBinder.class);
			assertThat(binder.servers()).allSatisfy((server) -> assertThat(server.socket().isInherited()).isTrue());
			assertThat(binder.server("w1").socket()).isSameAs(binder.server("w2").socket());
			assertThat(binder.server("api").port()).isEqualTo(port);
			// Both accept from the same queues now, whichever the kernel wakes.
			load.awaitAnswersAfter("second started");
			first.close();
			load.awaitAnswersFrom("second");
			load.awaitAnswersAfter("first closed");
			assertThat(curl(local)).isEqualTo("second");
			assertThat(Clients.get("127.0.0.1", sharedPort, "/").body()).isEqualTo("second");
			ConfigurableApplicationContext third = start("third", properties);
			load.awaitAnswersAfter("third started");
			second.close();
			load.awaitAnswersFrom("third");
			load.awaitAnswersAfter("second closed");
			assertThat(curl(local)).isEqualTo("third");
			assertThat(load.failures()).as("requests refused or failed while the servers changed hands").isEmpty();
			third.close();
		}
		assertThat(handover).doesNotExist();
		assertThat(Clients.canBind("127.0.0.1", port)).isTrue();
	}

	@Test
	void aServerWhoseOptionsAskForAnotherSocketBindsItsOwn() {
		int port = Clients.freePort();
		int otherPort = Clients.freePort();
		Path handover = this.directory.resolve("handover.sock");
		try (ConfigurableApplicationContext first = start("first",
				List.of("--bind.handover.path=" + handover, "--bind.servers.api.port=" + port,
						"--bind.servers.api.handler=who"));
				ConfigurableApplicationContext second = start("second",
						List.of("--bind.handover.path=" + handover, "--bind.servers.api.port=" + otherPort,
								"--bind.servers.api.handler=who"))) {
			BoundServer api = second.getBean(ServerBinder.class).server("api");
			assertThat(api.socket().isInherited()).isFalse();
			assertThat(api.port()).isEqualTo(otherPort);
			assertThat(Clients.get("127.0.0.1", port, "/").body()).isEqualTo("first");
			assertThat(Clients.get("127.0.0.1", otherPort, "/").body()).isEqualTo("second");
		}
	}

	@Test
	void aHandoverSocketLeftByADeadProcessIsReplaced() throws Exception {
		Path handover = this.directory.resolve("handover.sock");
		try (java.nio.channels.ServerSocketChannel dead = java.nio.channels.ServerSocketChannel
			.open(java.net.StandardProtocolFamily.UNIX)) {
			dead.bind(java.net.UnixDomainSocketAddress.of(handover));
		}
		int port = Clients.freePort();
		try (ConfigurableApplicationContext context = start("only",
				List.of("--bind.handover.path=" + handover, "--bind.servers.api.port=" + port,
						"--bind.servers.api.handler=who"))) {
			assertThat(context.getBean(ServerBinder.class).server("api").socket().isInherited()).isFalse();
			assertThat(Clients.get("127.0.0.1", port, "/").body()).isEqualTo("only");
			assertThat(Files.exists(handover)).isTrue();
		}
	}

	@Test
	@ExpectsErrorLog("Spring Boot's failure report of a startup that fails on purpose")
	void needsTheEpollTransport() {
		Path handover = this.directory.resolve("handover.sock");
		assertThatException()
			.isThrownBy(() -> start("nio", List.of("--bind.handover.path=" + handover,
					"--bind.event-loop.prefer-native=false", "--bind.servers.api.handler=who")))
			.havingRootCause()
			.isInstanceOf(ServerSetupException.class)
			.withMessageContaining("The application needs the epoll transport to pass sockets between processes.")
			.satisfies((ex) -> assertThat(((ServerSetupException) ex).getPropertyPath()).isEqualTo("bind.handover.path"));
		assertThat(handover).doesNotExist();
	}

	private static ConfigurableApplicationContext start(String id, List<String> properties) {
		SpringApplication application = new SpringApplication(HandoverApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		List<String> args = new ArrayList<>(properties);
		args.add("--spring.main.banner-mode=off");
		args.add("--app.id=" + id);
		args.add("--bind.shutdown.timeout=10s");
		return application.run(args.toArray(String[]::new));
	}

	private static String curl(Path socket) {
		Processes.Result result = Processes.run(
				List.of("curl", "-sS", "--max-time", "30", "--unix-socket", socket.toString(), "http://localhost/"));
		assertThat(result.exitCode()).as(result.output()).isZero();
		return result.output();
	}

	/**
	 * Requests on new connections, one after the other, for as long as the test runs:
	 * every one must be answered.
	 */
	private static final class Load implements AutoCloseable {

		private final int port;

		private final AtomicBoolean running = new AtomicBoolean(true);

		private final Map<String, AtomicInteger> answers = new ConcurrentHashMap<>();

		private final List<String> failures = java.util.Collections.synchronizedList(new ArrayList<>());

		private final AtomicInteger total = new AtomicInteger();

		private final CompletableFuture<Void> loop;

		Load(int port) {
			this.port = port;
			this.loop = CompletableFuture.runAsync(this::run);
		}

		private void run() {
			while (this.running.get()) {
				try (Socket socket = new Socket("127.0.0.1", this.port)) {
					socket.setSoTimeout(30_000);
					socket.getOutputStream()
						.write("GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
							.getBytes(StandardCharsets.US_ASCII));
					String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
					if (!response.startsWith("HTTP/1.1 200 ")) {
						throw new IllegalStateException("answered " + response);
					}
					String body = response.substring(response.indexOf("\r\n\r\n") + 4);
					this.answers.computeIfAbsent(body, (key) -> new AtomicInteger()).incrementAndGet();
				}
				catch (Exception ex) {
					this.failures.add(ex.toString());
				}
				this.total.incrementAndGet();
			}
		}

		void awaitAnswersFrom(String id) {
			await().atMost(Duration.ofSeconds(60))
				.until(() -> this.answers.getOrDefault(id, new AtomicInteger()).get() > 0);
		}

		void awaitAnswersAfter(String event) {
			int now = this.total.get();
			await("requests answered after " + event).atMost(Duration.ofSeconds(60))
				.until(() -> this.total.get() > now + 20);
		}

		List<String> failures() {
			return List.copyOf(this.failures);
		}

		@Override
		public void close() throws Exception {
			this.running.set(false);
			this.loop.get();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(BindServersAutoConfiguration.class)
	static class HandoverApplication {

		@Bean
		BiFunction<HttpServerRequest, HttpServerResponse, Publisher<Void>> who(@Value("${app.id}") String id) {
			return (request, response) -> response.sendString(Mono.just(id));
		}

	}

}
