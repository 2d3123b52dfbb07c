package dev.nettybind.reliability;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.nettybind.RawHttpConnection;
import dev.nettybind.RawHttpConnection.Outcome;
import dev.nettybind.TestHandlers;
import dev.nettybind.config.BindServersAutoConfiguration;
import dev.nettybind.server.BoundServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Connections refused by {@code max-connections} cost one DEBUG line each and a count in
 * {@code bind.server.rejected{reason="max-connections"}}, never Reactor Netty's WARN
 * with a stack trace per connection; the connections within the limit are served.
 */
@ExtendWith(OutputCaptureExtension.class)
class ConnectionLimitLogTests {

	private static final int BUDGET_BYTES_PER_CONNECTION = 200;

	private static final String LIMIT_LOGGER = "dev.nettybind.connection.ConnectionLimit";

	private static final byte[] GET = "GET / HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

	private final LoggingSystem loggingSystem = LoggingSystem.get(getClass().getClassLoader());

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(BindServersAutoConfiguration.class))
		.withUserConfiguration(TestHandlers.class)
		.withPropertyValues("bind.servers.api.handler=hello", "bind.servers.api.limits.max-connections=2");

	@Test
	void refusedConnectionsAreCountedAndStayWithinTheLogBudget(CapturedOutput output) {
		this.runner.run((context) -> {
			BoundServer server = context.getBean(BoundServer.class);
			int logBefore = output.toString().getBytes(StandardCharsets.UTF_8).length;
			int refused = 200;
			withTheLimitReached(server, () -> {
				for (int i = 0; i < refused; i++) {
					Outcome outcome = RawHttpConnection.probe("127.0.0.1", server.port(), GET, 10_000);
					assertThat(outcome.closed()).as("connection %d beyond the limit: %s", i, outcome).isTrue();
				}
				await().atMost(Duration.ofSeconds(10)).until(() -> rejections(server) == refused);
			});
			int logged = output.toString().getBytes(StandardCharsets.UTF_8).length - logBefore;
			assertThat(logged / refused).as("log bytes per refused connection")
				.isLessThanOrEqualTo(BUDGET_BYTES_PER_CONNECTION);
			assertThat(output).doesNotContain("Failed to register an accepted channel", "\tat ");
			// The operator is told, once a minute at most: here at the first refusal.
			assertThat(output.toString().lines().filter((line) -> line.contains(" WARN ")))
				.singleElement()
				.asString()
				.contains("Server 'api' refused 1 client(s)", "(max-connections: 1)");
		});
	}

	@Test
	void refusedConnectionIsOneDebugLine(CapturedOutput output) {
		this.loggingSystem.setLogLevel(LIMIT_LOGGER, LogLevel.DEBUG);
		try {
			this.runner.run((context) -> {
				BoundServer server = context.getBean(BoundServer.class);
				withTheLimitReached(server, () -> {
					RawHttpConnection.probe("127.0.0.1", server.port(), GET, 10_000);
					await().atMost(Duration.ofSeconds(10)).until(() -> rejections(server) == 1);
				});
				assertThat(output.toString().lines().filter((line) -> line.contains("refuses a connection")))
					.singleElement()
					.asString()
					.contains("Server 'api' refuses a connection from /127.0.0.1:", ": max-connections (2) reached");
			});
		}
		finally {
			this.loggingSystem.setLogLevel(LIMIT_LOGGER, null);
		}
	}

	/**
	 * Hold as many connections as the limit allows, run the action, and see that the held
	 * connections are still served.
	 */
	private static void withTheLimitReached(BoundServer server, ThrowingAction action) throws IOException {
		List<RawHttpConnection> held = new ArrayList<>();
		try {
			for (int i = 0; i < 2; i++) {
				held.add(RawHttpConnection.open("127.0.0.1", server.port()));
			}
			await().atMost(Duration.ofSeconds(10)).until(() -> server.activeConnections() == 2);
			action.run();
			for (RawHttpConnection connection : held) {
				assertThat(connection.get("/", true).body()).isEqualTo("hello");
			}
		}
		finally {
			for (RawHttpConnection connection : held) {
				connection.close();
			}
		}
	}

	private static long rejections(BoundServer server) {
		return (server.traffic() != null) ? server.traffic().rejections("max-connections") : -1;
	}

	@FunctionalInterface
	interface ThrowingAction {

		void run() throws IOException;

	}

}
