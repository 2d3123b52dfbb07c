package dev.nettybind.config;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.availability.ApplicationAvailabilityAutoConfiguration;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;

import dev.nettybind.Clients;
import dev.nettybind.TestHandlers;
import dev.nettybind.server.BoundServer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code bind.shutdown.delay}: once readiness refuses traffic at the start of the
 * shutdown, the servers keep accepting for the delay, so that a load balancer checking
 * readiness stops sending first; then they stop accepting and drain.
 */
class ShutdownDelayTests {

	@Test
	void serversKeepServingNewClientsForTheDelayAfterReadinessRefusesTraffic() throws Exception {
		AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
		TestPropertyValues
			.of("bind.servers.api.handler=hello", "bind.shutdown.delay=10s")
			.applyTo(context);
		context.register(TestHandlers.class, BindServersAutoConfiguration.class,
				ApplicationAvailabilityAutoConfiguration.class);
		context.refresh();
		int port = context.getBean(BoundServer.class).port();
		ApplicationAvailability availability = context.getBean(ApplicationAvailability.class);
		// As SpringApplication does once the application is ready: with no event at all,
		// readiness would be REFUSING_TRAFFIC from the start.
		AvailabilityChangeEvent.publish(context, ReadinessState.ACCEPTING_TRAFFIC);
		assertThat(availability.getReadinessState()).isEqualTo(ReadinessState.ACCEPTING_TRAFFIC);
		CompletableFuture<Void> closing = CompletableFuture.runAsync(context::close);
		await().atMost(Duration.ofSeconds(30))
			.until(() -> availability.getReadinessState() == ReadinessState.REFUSING_TRAFFIC);
		// The readiness probe says no; the listener still takes a client that has not heard.
		assertThat(Clients.get("127.0.0.1", port, "/").body()).isEqualTo("hello");
		assertThat(closing.isDone()).isFalse();
		closing.get(60, TimeUnit.SECONDS);
		assertThat(Clients.accepts("127.0.0.1", port)).isFalse();
	}

	@Test
	void aNegativeDelayFailsTheStartup() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(BindServersAutoConfiguration.class))
			.withUserConfiguration(TestHandlers.class)
			.withPropertyValues("bind.servers.api.handler=hello", "bind.shutdown.delay=-1s")
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining("must be 0 (stop accepting at once) or a positive duration, such as 2s"));
	}

}
