package dev.nettybind.reliability;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
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

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

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
		this.runner.withPropertyValues("bind.servers.api.limits.max-body-size=1KB").run((context) -> {
			int port = context.getBean(BoundServer.class).port();
			Outcome tooLarge = RawHttpConnection.probe("127.0.0.1", port,
					"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 2048\r\n\r\n".getBytes(StandardCharsets.US_ASCII),
					10_000);
			assertThat(tooLarge.status()).isEqualTo(413);
			Outcome small = RawHttpConnection.probe("127.0.0.1", port,
					"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc".getBytes(StandardCharsets.US_ASCII),
					10_000);
			assertThat(small.status()).isEqualTo(200);
		});
	}

	@Test
	void idleKeepAliveConnectionIsClosedAfterTheIdleTimeout() {
		this.runner.withPropertyValues("bind.servers.api.limits.idle-timeout=300ms").run((context) -> {
			BoundServer server = context.getBean(BoundServer.class);
			try (RawHttpConnection connection = RawHttpConnection.open("127.0.0.1", server.port())) {
				assertThat(connection.get("/", true).body()).isEqualTo("hello");
				await().atMost(Duration.ofSeconds(10)).until(() -> server.activeConnections() == 0);
			}
		});
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
