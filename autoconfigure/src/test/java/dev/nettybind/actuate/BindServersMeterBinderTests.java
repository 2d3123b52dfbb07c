package dev.nettybind.actuate;

import java.net.Socket;
import java.time.Duration;
import java.util.Collection;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.nettybind.Clients;
import dev.nettybind.server.BindOptions;
import dev.nettybind.config.BindServersAutoConfiguration;
import dev.nettybind.server.BoundServer;
import dev.nettybind.server.ServerBinder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link BindServersMeterBinder}: the meters of servers bound at run time,
 * closed, and bound again under the same name, read over real connections.
 */
class BindServersMeterBinderTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class,
				CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class,
				BindServersAutoConfiguration.class, BindServersMetricsAutoConfiguration.class))
		.withPropertyValues("bind.enabled=true");

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "same port", "ephemeral port" })
	void metersOfAServerBoundAgainReadTheNewServer(String ports) {
		int port = ports.equals("same port") ? Clients.freePort() : 0;
		this.runner.run((context) -> {
			ServerBinder binder = context.getBean(ServerBinder.class);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			BoundServer first = bindTenant(binder, port);
			get(first, 3);
			awaitRequests(registry, "tenant", 3);
			first.close();
			BoundServer second = bindTenant(binder, port);
			get(second, 2);
			awaitRequests(registry, "tenant", 2);
			assertMetersRead(registry, second, 2);
		});
	}

	@Test
	void metersOfAServerBoundAgainAreReplacedInEveryRegistryOfTheComposite() {
		this.runner.withUserConfiguration(TwoRegistries.class).run((context) -> {
			assertThat(context.getBean(MeterRegistry.class)).isInstanceOf(CompositeMeterRegistry.class);
			ServerBinder binder = context.getBean(ServerBinder.class);
			bindTenant(binder, 0).close();
			BoundServer second = bindTenant(binder, 0);
			get(second, 2);
			for (SimpleMeterRegistry registry : context.getBeansOfType(SimpleMeterRegistry.class).values()) {
				awaitRequests(registry, "tenant", 2);
				assertMetersRead(registry, second, 2);
			}
		});
	}

	@Test
	void metersOfAClosedServerAreRemovedWhenAnotherServerIsBound() {
		this.runner.run((context) -> {
			ServerBinder binder = context.getBean(ServerBinder.class);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			BoundServer closed = binder.bind("closed", BindOptions.of("LOOPBACK_IP_V4", 0).metrics(true),
					(request, response) -> response.sendString(Mono.just("closed")));
			get(closed, 1);
			awaitRequests(registry, "closed", 1);
			closed.close();
			assertThat(meters(registry, "closed")).isNotEmpty();
			BoundServer other = bindTenant(binder, 0);
			assertThat(meters(registry, "closed")).isEmpty();
			assertThat(meters(registry, "tenant")).isNotEmpty();
			get(other, 1);
			awaitRequests(registry, "tenant", 1);
		});
	}

	@Test
	void activeConnectionsOfAServerBoundAgainAreLive() {
		this.runner.run((context) -> {
			ServerBinder binder = context.getBean(ServerBinder.class);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			bindTenant(binder, 0).close();
			BoundServer second = bindTenant(binder, 0);
			try (Socket socket = new Socket("127.0.0.1", second.port())) {
				await().atMost(Duration.ofSeconds(10))
					.untilAsserted(() -> assertThat(active(registry)).isEqualTo(1));
			}
			await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(active(registry)).isZero());
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class TwoRegistries {

		@Bean
		SimpleMeterRegistry first() {
			return new SimpleMeterRegistry();
		}

		@Bean
		SimpleMeterRegistry second() {
			return new SimpleMeterRegistry();
		}

	}

	private static BoundServer bindTenant(ServerBinder binder, int port) {
		return binder.bind("tenant", BindOptions.of("LOOPBACK_IP_V4", port).metrics(true),
				(request, response) -> response.sendString(Mono.just("tenant")));
	}

	private static void get(BoundServer server, int times) {
		for (int i = 0; i < times; i++) {
			assertThat(Clients.get("127.0.0.1", server.port(), "/").statusCode()).isEqualTo(200);
		}
	}

	private static void awaitRequests(MeterRegistry registry, String server, double count) {
		// The counter moves when the response has been written, just after the client got it.
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(registry.get("bind.server.requests")
				.tags("server", server, "status", "200")
				.functionCounter()
				.count()).isEqualTo(count));
	}

	private static void assertMetersRead(MeterRegistry registry, BoundServer server, double requests) {
		String socket = "127.0.0.1:" + server.port();
		for (Meter meter : meters(registry, server.name())) {
			assertThat(meter.getId().getTag("socket")).as(meter.getId().toString()).isEqualTo(socket);
		}
		assertThat(registry.find("bind.server.requests").tag("server", server.name()).functionCounters())
			.singleElement()
			.satisfies((counter) -> assertThat(counter.count()).isEqualTo(requests));
		assertThat(registry.find("bind.server.connections.accepted").tag("server", server.name()).functionCounters())
			.singleElement()
			.satisfies((counter) -> assertThat(counter.count()).isEqualTo(server.acceptedConnections())
				.isPositive());
		assertThat(registry.find("bind.server.connections.active").tag("server", server.name()).gauges())
			.singleElement()
			.satisfies((gauge) -> assertThat(gauge.value()).isEqualTo(server.activeConnections()));
		assertThat(registry.find("bind.server.data.received").tag("server", server.name()).functionCounters())
			.singleElement()
			.satisfies((counter) -> assertThat(counter.count()).isPositive());
		assertThat(registry.find("bind.server.data.sent").tag("server", server.name()).functionCounters())
			.singleElement()
			.satisfies((counter) -> assertThat(counter.count()).isPositive());
	}

	private static double active(MeterRegistry registry) {
		Collection<Gauge> gauges = registry.find("bind.server.connections.active").tag("server", "tenant").gauges();
		assertThat(gauges).hasSize(1);
		return gauges.iterator().next().value();
	}

	private static Collection<Meter> meters(MeterRegistry registry, String server) {
		return registry.getMeters()
			.stream()
			.filter((meter) -> meter.getId().getName().startsWith("bind.server.")
					&& server.equals(meter.getId().getTag("server")))
			.toList();
	}

}
