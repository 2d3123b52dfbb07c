package dev.nettybind.reliability;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import reactor.netty.http.HttpProtocol;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.nettybind.Gate;
import dev.nettybind.RawHttpConnection;
import dev.nettybind.RawHttpConnection.Outcome;
import dev.nettybind.TestHandlers;
import dev.nettybind.config.BindServersAutoConfiguration;
import dev.nettybind.server.BoundServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Limits on real connections: slow clients are cut, extra connections are refused, and
 * the clients within the limits are served all along.
 */
class LimitsTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(BindServersAutoConfiguration.class))
		.withUserConfiguration(TestHandlers.class)
		.withPropertyValues("bind.servers.api.handler=hello");

	@Test
	void clientThatTricklesItsHeadersIsClosedWhileANormalClientIsServed() {
		this.runner.withPropertyValues("bind.servers.api.limits.header-timeout=1s").run((context) -> {
			int port = context.getBean(BoundServer.class).port();
			try (Socket slow = new Socket()) {
				slow.connect(new InetSocketAddress("127.0.0.1", port));
				OutputStream out = slow.getOutputStream();
				out.write("GET / HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
				CompletableFuture<Integer> closed = CompletableFuture.supplyAsync(() -> readUntilClosed(slow));
				// Trickle a header byte at a time: each write resets an idle timer, not this one.
				await().pollInterval(Duration.ofMillis(100)).atMost(Duration.ofSeconds(30)).until(() -> {
					try {
						out.write('X');
						out.flush();
					}
					catch (IOException ex) {
						return true;
					}
					return closed.isDone();
				});
				assertThat(closed.get(10, TimeUnit.SECONDS)).isEqualTo(-1);
				assertThat(RawHttpConnection.getOnce("127.0.0.1", port, "/").body()).isEqualTo("hello");
			}
		});
	}

	@Test
	void requestSlowerThanTheHeaderTimeoutIsServedAndItsConnectionKeptAlive() {
		this.runner.withUserConfiguration(Gate.Handler.class)
			.withPropertyValues("bind.servers.api.handler=gated", "bind.servers.api.limits.header-timeout=1s")
			.run((context) -> {
				BoundServer server = context.getBean(BoundServer.class);
				Gate gate = context.getBean(Gate.class);
				try (RawHttpConnection connection = RawHttpConnection.open("127.0.0.1", server.port())) {
					CompletableFuture<RawHttpConnection.Response> first = CompletableFuture
						.supplyAsync(() -> get(connection, "/first"));
					await().atMost(Duration.ofSeconds(10)).until(() -> gate.arrived() == 1);
					// The headers came in time: the timer must not cut the request that runs past it.
					await("the request held past the header timeout on an open connection")
						.during(Duration.ofMillis(1500))
						.atMost(Duration.ofSeconds(10))
						.until(() -> !first.isDone() && server.activeConnections() == 1);
					gate.open();
					assertThat(first.get(10, TimeUnit.SECONDS).body()).isEqualTo("first");
					assertThat(connection.get("/second", true).body()).isEqualTo("second");
				}
				assertThat(server.acceptedConnections()).isEqualTo(1);
			});
	}

	@Test
	void h2cStreamSlowerThanTheHeaderTimeoutIsServedAndItsConnectionKeptAlive() {
		this.runner.withUserConfiguration(Gate.Handler.class)
			.withPropertyValues("bind.servers.api.handler=gated", "bind.servers.api.protocols=h2c,http11",
					"bind.servers.api.limits.header-timeout=1s")
			.run((context) -> {
				BoundServer server = context.getBean(BoundServer.class);
				Gate gate = context.getBean(Gate.class);
				ConnectionProvider oneConnection = ConnectionProvider.create("h2c-header-timeout", 1);
				try {
					// Prior knowledge: every request is a stream, a child of the connection.
					HttpClient client = HttpClient.create(oneConnection)
						.protocol(HttpProtocol.H2C)
						.baseUrl("http://127.0.0.1:" + server.port());
					CompletableFuture<String> first = h2cGet(client, "/first");
					await().atMost(Duration.ofSeconds(10)).until(() -> gate.arrived() == 1);
					await("the request held past the header timeout on an open connection")
						.during(Duration.ofMillis(1500))
						.atMost(Duration.ofSeconds(10))
						.until(() -> !first.isDone() && server.activeConnections() == 1);
					gate.open();
					assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("200 HTTP/2.0 first");
					assertThat(h2cGet(client, "/second").get(10, TimeUnit.SECONDS)).isEqualTo("200 HTTP/2.0 second");
					assertThat(server.acceptedConnections()).isEqualTo(1);
					assertThat(server.activeConnections()).isEqualTo(1);
				}
				finally {
					oneConnection.disposeLater().block(Duration.ofSeconds(10));
				}
			});
	}

	@Test
	void connectionThatSendsNothingIsClosed() {
		this.runner.withPropertyValues("bind.servers.api.limits.header-timeout=500ms").run((context) -> {
			int port = context.getBean(BoundServer.class).port();
			Outcome outcome = RawHttpConnection.probe("127.0.0.1", port, new byte[0], 10_000);
			assertThat(outcome.closed()).isTrue();
		});
	}

	@Test
	void connectionBeyondTheLimitIsRefusedAndTheOthersAreStillServed() {
		this.runner.withPropertyValues("bind.servers.api.limits.max-connections=3").run((context) -> {
			BoundServer server = context.getBean(BoundServer.class);
			List<RawHttpConnection> open = new ArrayList<>();
			try {
				for (int i = 0; i < 3; i++) {
					open.add(RawHttpConnection.open("127.0.0.1", server.port()));
				}
				await().atMost(Duration.ofSeconds(10)).until(() -> server.activeConnections() == 3);
				Outcome extra = RawHttpConnection.probe("127.0.0.1", server.port(),
						"GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII), 10_000);
				assertThat(extra.closed()).as("the fourth connection: %s", extra).isTrue();
				for (RawHttpConnection connection : open) {
					assertThat(connection.get("/", true).body()).isEqualTo("hello");
				}
			}
			finally {
				for (RawHttpConnection connection : open) {
					connection.close();
				}
			}
		});
	}

	@Test
	void declaredBodyOverTheLimitIsRefusedWithoutCallingTheHandler() {
		this.runner.withUserConfiguration(Gate.Handler.class)
			.withPropertyValues("bind.servers.api.handler=gated", "bind.servers.api.limits.max-body-size=1KB")
			.run((context) -> {
				int port = context.getBean(BoundServer.class).port();
				Gate gate = context.getBean(Gate.class);
				gate.open();
				Outcome tooLarge = RawHttpConnection.probe("127.0.0.1", port,
						"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 2048\r\n\r\n"
							.getBytes(StandardCharsets.US_ASCII), 10_000);
				assertThat(tooLarge.status()).isEqualTo(413);
				assertThat(gate.arrived()).as("requests that reached the handler").isZero();
				Outcome small = RawHttpConnection.probe("127.0.0.1", port,
						"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc"
							.getBytes(StandardCharsets.US_ASCII), 10_000);
				assertThat(small.status()).isEqualTo(200);
				assertThat(gate.arrived()).as("requests that reached the handler").isEqualTo(1);
			});
	}

	@Test
	void keepAliveConnectionServesRequestsUntilItIdlesForTheIdleTimeout() {
		this.runner.withPropertyValues("bind.servers.api.limits.idle-timeout=2s").run((context) -> {
			BoundServer server = context.getBean(BoundServer.class);
			try (RawHttpConnection connection = RawHttpConnection.open("127.0.0.1", server.port())) {
				assertThat(connection.get("/", true).body()).isEqualTo("hello");
				assertThat(connection.get("/", true).body()).isEqualTo("hello");
				assertThat(server.acceptedConnections()).isEqualTo(1);
				// Kept open while idle for less than the timeout, then closed by the server.
				await("the idle connection kept open").during(Duration.ofMillis(1000))
					.atMost(Duration.ofSeconds(10))
					.until(() -> server.activeConnections() == 1);
				await().atMost(Duration.ofSeconds(10)).until(() -> server.activeConnections() == 0);
				assertThat(connection.closedByServer()).isTrue();
			}
		});
	}

	private static RawHttpConnection.Response get(RawHttpConnection connection, String path) {
		try {
			return connection.get(path, true);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static CompletableFuture<String> h2cGet(HttpClient client, String path) {
		return client.get()
			.uri(path)
			.responseSingle((response, body) -> body.asString()
				.map((text) -> response.status().code() + " " + response.version() + " " + text))
			.toFuture();
	}

	/**
	 * Read until the server closes the connection.
	 * @return -1 when it closed (or reset) the connection, 0 when it kept it open 20s
	 */
	private static int readUntilClosed(Socket socket) {
		try {
			socket.setSoTimeout(20_000);
			InputStream in = socket.getInputStream();
			while (in.read() != -1) {
				// Skip whatever it answers before closing.
			}
			return -1;
		}
		catch (SocketTimeoutException ex) {
			return 0;
		}
		catch (IOException ex) {
			return -1;
		}
	}

}
