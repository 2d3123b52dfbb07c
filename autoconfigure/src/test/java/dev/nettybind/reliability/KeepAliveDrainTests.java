package dev.nettybind.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.nettybind.Clients;
import dev.nettybind.Gate;
import dev.nettybind.Processes;
import dev.nettybind.RawHttpConnection;
import dev.nettybind.RawHttpConnection.Response;
import dev.nettybind.config.BindServersAutoConfiguration;
import dev.nettybind.server.BoundServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Keep-alive clients while a server drains, when the application closes or when one
 * member of a shared socket closes: a request in flight, or one that comes on an open
 * connection during the drain, is answered in full with {@code Connection: close} and
 * the server then closes the connection, so that the client sends no further request
 * that would be lost; an h2c client gets its stream answered and a GOAWAY.
 */
class KeepAliveDrainTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(BindServersAutoConfiguration.class))
		.withUserConfiguration(Gate.Handler.class);

	@Test
	void requestInFlightWhenTheApplicationClosesIsAnsweredWithConnectionClose() {
		this.runner.withPropertyValues("bind.servers.api.handler=gated").run((context) -> {
			BoundServer server = context.getBean(BoundServer.class);
			Gate gate = context.getBean(Gate.class);
			try (RawHttpConnection connection = RawHttpConnection.open("127.0.0.1", server.port())) {
				CompletableFuture<Response> inFlight = CompletableFuture.supplyAsync(() -> get(connection, "/held"));
				await().atMost(Duration.ofSeconds(10)).until(() -> gate.arrived() == 1);
				CompletableFuture<Void> closing = CompletableFuture.runAsync(context::close);
				await().atMost(Duration.ofSeconds(10)).until(() -> server.state() == BoundServer.State.CLOSING);
				gate.open();
				assertLastResponse(inFlight.get(10, TimeUnit.SECONDS), "held");
				assertThat(connection.closedByServer()).isTrue();
				closing.get(30, TimeUnit.SECONDS);
			}
		});
	}

	@Test
	void firstRequestOfAnOpenConnectionDuringTheApplicationsDrainIsAnsweredWithConnectionClose() {
		this.runner.withPropertyValues("bind.servers.api.handler=gated").run((context) -> {
			BoundServer server = context.getBean(BoundServer.class);
			Gate gate = context.getBean(Gate.class);
			gate.open();
			try (RawHttpConnection connection = RawHttpConnection.open("127.0.0.1", server.port())) {
				await().atMost(Duration.ofSeconds(10)).until(() -> server.activeConnections() == 1);
				CompletableFuture<Void> closing = CompletableFuture.runAsync(context::close);
				await().atMost(Duration.ofSeconds(10)).until(() -> server.state() == BoundServer.State.CLOSING);
				assertLastResponse(connection.get("/late", true), "late");
				assertThat(connection.closedByServer()).isTrue();
				closing.get(30, TimeUnit.SECONDS);
			}
		});
	}

	@Test
	void requestsOfAClosingSharedMemberAreAnsweredWithConnectionCloseWhileTheOtherServesOn() {
		int port = Clients.freePort();
		this.runner
			.withPropertyValues("bind.servers.a.port=" + port, "bind.servers.a.shared=true", "bind.servers.a.handler=gated",
					"bind.servers.b.port=" + port, "bind.servers.b.shared=true", "bind.servers.b.handler=gated")
			.run((context) -> {
				BoundServer a = context.getBean("aBoundServer", BoundServer.class);
				BoundServer b = context.getBean("bBoundServer", BoundServer.class);
				Gate gate = context.getBean(Gate.class);
				try (RawHttpConnection held = open(port, a, b, 1);
						RawHttpConnection other = open(port, a, b, 2);
						RawHttpConnection idle = open(port, a, b, 3)) {
					// Round robin: the first and third connections go to one member, the second to the other.
					BoundServer closing = (a.activeConnections() == 2) ? a : b;
					BoundServer staying = (closing == a) ? b : a;
					assertThat(staying.activeConnections()).isEqualTo(1);
					CompletableFuture<Response> inFlight = CompletableFuture.supplyAsync(() -> get(held, "/held"));
					await().atMost(Duration.ofSeconds(10)).until(() -> gate.arrived() == 1);
					CompletableFuture<Void> closed = CompletableFuture.runAsync(closing::close);
					await().atMost(Duration.ofSeconds(10)).until(() -> closing.state() == BoundServer.State.CLOSING);
					gate.open();
					assertLastResponse(inFlight.get(10, TimeUnit.SECONDS), "held");
					assertThat(held.closedByServer()).isTrue();
					assertLastResponse(idle.get("/late", true), "late");
					assertThat(idle.closedByServer()).isTrue();
					closed.get(30, TimeUnit.SECONDS);
					assertThat(closing.state()).isEqualTo(BoundServer.State.CLOSED);
					Response kept = other.get("/kept", true);
					assertThat(kept.body()).isEqualTo("kept");
					assertThat(kept.header("Connection")).isNull();
					assertThat(other.get("/again", true).body()).isEqualTo("again");
				}
				assertThat(RawHttpConnection.getOnce("127.0.0.1", port, "/after").body()).isEqualTo("after");
			});
	}

	@Test
	void idleKeepAliveConnectionOfAClosingSharedMemberServesItsNextRequestWithConnectionClose() {
		int port = Clients.freePort();
		this.runner
			.withPropertyValues("bind.servers.a.port=" + port, "bind.servers.a.shared=true", "bind.servers.a.handler=gated",
					"bind.servers.b.port=" + port, "bind.servers.b.shared=true", "bind.servers.b.handler=gated")
			.run((context) -> {
				BoundServer a = context.getBean("aBoundServer", BoundServer.class);
				BoundServer b = context.getBean("bBoundServer", BoundServer.class);
				context.getBean(Gate.class).open();
				try (RawHttpConnection idle = open(port, a, b, 1); RawHttpConnection other = open(port, a, b, 2)) {
					BoundServer closing = (a.activeConnections() == 1) ? a : b;
					// Served once and kept: idle between two requests when its member closes.
					Response first = idle.get("/first", true);
					assertThat(first.body()).isEqualTo("first");
					assertThat(first.header("Connection")).isNull();
					CompletableFuture<Void> closed = CompletableFuture.runAsync(closing::close);
					await().atMost(Duration.ofSeconds(10)).until(() -> closing.state() != BoundServer.State.BOUND);
					// Not closed under a client that may be sending its next request right now.
					await().during(Duration.ofMillis(500))
						.atMost(Duration.ofSeconds(5))
						.until(() -> closing.activeConnections() == 1);
					assertLastResponse(idle.get("/next", true), "next");
					assertThat(idle.closedByServer()).isTrue();
					closed.get(30, TimeUnit.SECONDS);
					assertThat(closing.state()).isEqualTo(BoundServer.State.CLOSED);
					assertThat(other.get("/kept", true).header("Connection")).isNull();
				}
			});
	}

	@Test
	void idleKeepAliveConnectionThatSendsNothingMoreIsClosedByHeaderTimeoutDuringTheDrain() {
		this.runner
			.withPropertyValues("bind.servers.api.handler=gated", "bind.servers.api.limits.header-timeout=1s",
					"bind.shutdown.timeout=20s")
			.run((context) -> {
				BoundServer server = context.getBean(BoundServer.class);
				context.getBean(Gate.class).open();
				try (RawHttpConnection idle = RawHttpConnection.open("127.0.0.1", server.port())) {
					assertThat(idle.get("/first", true).header("Connection")).isNull();
					long start = System.nanoTime();
					CompletableFuture<Void> closed = CompletableFuture.runAsync(server::close);
					assertThat(idle.closedByServer()).isTrue();
					closed.get(10, TimeUnit.SECONDS);
					Duration took = Duration.ofNanos(System.nanoTime() - start);
					// The grace of header-timeout (1 s), not the shutdown timeout (20 s).
					assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(900)).isLessThan(Duration.ofSeconds(10));
					assertThat(server.state()).isEqualTo(BoundServer.State.CLOSED);
				}
			});
	}

	@Test
	void h2cStreamInFlightWhenTheApplicationClosesIsAnsweredAndFollowedByGoaway() {
		this.runner.withPropertyValues("bind.servers.api.handler=gated", "bind.servers.api.protocols=h2c,http11")
			.run((context) -> {
				BoundServer server = context.getBean(BoundServer.class);
				Gate gate = context.getBean(Gate.class);
				// nghttp speaks h2c with prior knowledge and prints every frame it receives.
				CompletableFuture<Processes.Result> client = CompletableFuture.supplyAsync(() -> Processes
					.run(List.of("nghttp", "-v", "http://127.0.0.1:" + server.port() + "/held"), Duration.ofSeconds(30)));
				await().atMost(Duration.ofSeconds(10)).until(() -> gate.arrived() == 1 || client.isDone());
				assertThat(gate.arrived()).as(() -> client.join().output()).isEqualTo(1);
				CompletableFuture<Void> closing = CompletableFuture.runAsync(context::close);
				await().atMost(Duration.ofSeconds(10)).until(() -> server.state() != BoundServer.State.BOUND);
				assertThat(server.state()).isEqualTo(BoundServer.State.CLOSING);
				gate.open();
				Processes.Result result = client.get(30, TimeUnit.SECONDS);
				assertThat(result.exitCode()).as(result.output()).isZero();
				String frames = result.output();
				// GOAWAY first, when the drain starts; then the answer of the stream in flight.
				assertThat(frames).contains("recv GOAWAY frame").containsPattern("recv \\(stream_id=\\d+\\) :status: 200");
				assertThat(frames.indexOf("recv GOAWAY frame")).isLessThan(frames.indexOf(":status: 200"));
				// nghttp prints the body with no line break of its own.
				assertThat(frames).containsPattern("(?m)^held\\[");
				closing.get(30, TimeUnit.SECONDS);
			});
	}

	private static void assertLastResponse(Response response, String body) {
		assertThat(response.status()).isEqualTo(200);
		assertThat(response.body()).isEqualTo(body);
		assertThat(response.header("Connection")).isEqualToIgnoringCase("close");
	}

	/**
	 * Open a connection and wait until one of the members has it.
	 */
	private static RawHttpConnection open(int port, BoundServer a, BoundServer b, int accepted) throws IOException {
		RawHttpConnection connection = RawHttpConnection.open("127.0.0.1", port);
		await().atMost(Duration.ofSeconds(10))
			.until(() -> a.acceptedConnections() + b.acceptedConnections() == accepted);
		return connection;
	}

	private static Response get(RawHttpConnection connection, String path) {
		try {
			return connection.get(path, true);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
