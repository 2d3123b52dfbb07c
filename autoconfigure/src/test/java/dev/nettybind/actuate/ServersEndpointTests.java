package dev.nettybind.actuate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.nettybind.Clients;
import dev.nettybind.Gate;
import dev.nettybind.RawHttpConnection;
import dev.nettybind.TestHandlers;
import dev.nettybind.config.BindServersAutoConfiguration;
import dev.nettybind.server.BoundServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link ServersEndpoint}.
 */
class ServersEndpointTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(BindServersAutoConfiguration.class, BindServersActuatorAutoConfiguration.class))
		.withUserConfiguration(TestHandlers.class)
		.withPropertyValues("management.endpoints.web.exposure.include=servers");

	@Test
	void sharedServersShowTheirGroupAndPosition() {
		int port = Clients.freePort();
		this.runner
			.withPropertyValues("bind.servers.w1.port=" + port, "bind.servers.w1.shared=true",
					"bind.servers.w1.handler=hello", "bind.servers.w2.port=" + port, "bind.servers.w2.shared=true",
					"bind.servers.w2.handler=hello")
			.run((context) -> {
				List<ServerDescriptor> servers = context.getBean(ServersEndpoint.class).servers().servers();
				assertThat(servers).extracting(ServerDescriptor::shared)
					.extracting(ServerDescriptor.Shared::member)
					.containsExactly(1, 2);
				assertThat(servers.get(1).shared().members()).containsExactly("w1", "w2");
				assertThat(servers.get(1).shared().socket()).isEqualTo("127.0.0.1:" + port);
				assertThat(servers.get(0).backlog().effective()).isPositive();
			});
	}

	@Test
	void everyOptionIsShownByItsPropertyName() {
		this.runner
			.withPropertyValues("bind.servers.a.handler=hello", "bind.servers.a.compression.enabled=true",
					"bind.servers.a.limits.header-timeout=5s", "bind.servers.a.forwarded.trusted-proxies=10.0.0.0/8")
			.run((context) -> {
				Map<String, Object> options = context.getBean(ServersEndpoint.class).server("a").options();
				assertThat(options).containsEntry("compression.enabled", true)
					.containsEntry("limits.header-timeout", "5000ms")
					.containsEntry("limits.max-body-size", "16777216B")
					.containsEntry("forwarded.trusted-proxies", List.of("10.0.0.0/8"))
					.containsEntry("distribution", "ROUND_ROBIN")
					.containsKeys("address", "port", "redirect-to");
			});
	}

	@Test
	void closeOperationStartsAGracefulCloseOfOneServerWithoutWaitingForIt() {
		this.runner.withUserConfiguration(Gate.Handler.class)
			.withPropertyValues("bind.servers.a.handler=gated", "bind.servers.b.handler=hello")
			.run((context) -> {
				ServersEndpoint endpoint = context.getBean(ServersEndpoint.class);
				Gate gate = context.getBean(Gate.class);
				int portA = endpoint.server("a").port();
				try (RawHttpConnection connection = RawHttpConnection.open("127.0.0.1", portA)) {
					CompletableFuture<RawHttpConnection.Response> inFlight = CompletableFuture
						.supplyAsync(() -> get(connection, "/held"));
					await().atMost(Duration.ofSeconds(10)).until(() -> gate.arrived() == 1);
					// The request may travel on the server it closes: it answers while a still drains.
					ServerDescriptor closing = CompletableFuture.supplyAsync(() -> endpoint.close("a"))
						.get(10, TimeUnit.SECONDS);
					assertThat(closing.name()).isEqualTo("a");
					assertThat(closing.port()).isEqualTo(portA);
					assertThat(closing.state()).isIn(BoundServer.State.BOUND, BoundServer.State.CLOSING);
					await().atMost(Duration.ofSeconds(10)).until(() -> !Clients.accepts("127.0.0.1", portA));
					assertThat(endpoint.server("a").state()).isEqualTo(BoundServer.State.CLOSING);
					gate.open();
					assertThat(inFlight.get(10, TimeUnit.SECONDS).body()).isEqualTo("held");
					await().atMost(Duration.ofSeconds(10))
						.until(() -> endpoint.server("a").state() == BoundServer.State.CLOSED);
				}
				finally {
					gate.open();
				}
				assertThat(endpoint.server("b").state()).isEqualTo(BoundServer.State.BOUND);
				assertThat(Clients.get("127.0.0.1", endpoint.server("b").port(), "/").body()).isEqualTo("hello");
				assertThat(endpoint.close("nope")).isNull();
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

	@Test
	void endpointIsNotExposedWhenTurnedOff() {
		this.runner.withPropertyValues("bind.servers.a.handler=hello", "management.endpoint.servers.access=NONE")
			.run((context) -> assertThat(context).doesNotHaveBean(ServersEndpoint.class));
	}

}
