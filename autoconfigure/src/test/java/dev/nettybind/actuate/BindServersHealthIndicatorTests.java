package dev.nettybind.actuate;

import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.availability.ApplicationAvailabilityAutoConfiguration;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationListener;

import dev.nettybind.Clients;
import dev.nettybind.TestHandlers;
import dev.nettybind.address.BindAddressResolver;
import dev.nettybind.config.BindServersAutoConfiguration;
import dev.nettybind.server.BoundServer;
import dev.nettybind.server.ServerBinder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Health and readiness of the servers.
 */
class BindServersHealthIndicatorTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(BindServersAutoConfiguration.class,
				BindServersActuatorAutoConfiguration.class, ApplicationAvailabilityAutoConfiguration.class))
		.withUserConfiguration(TestHandlers.class)
		.withPropertyValues("bind.servers.api.handler=hello");

	@Test
	void healthIsUpWhenEveryServerIsBound() {
		this.runner.run((context) -> {
			Health health = context.getBean(BindServersHealthIndicator.class).health();
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsKey("api");
		});
	}

	@Test
	void serverThatIsNotRequiredLetsTheApplicationStartAndMakesHealthDown() {
		this.runner
			.withBean(BindAddressResolver.class, () -> new BindAddressResolver((host) -> {
				// No DNS query leaves the test.
				throw new UnknownHostException(host + ": no lookup in this test");
			}))
			.withPropertyValues("bind.servers.partner.handler=hello", "bind.servers.partner.required=false",
					"bind.servers.partner.address=no-such-host.invalid")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				BoundServer partner = context.getBean(ServerBinder.class).server("partner");
				assertThat(partner.state()).isEqualTo(BoundServer.State.FAILED);
				Health health = context.getBean(BindServersHealthIndicator.class).health();
				assertThat(health.getStatus()).isEqualTo(Status.DOWN);
				@SuppressWarnings("unchecked")
				Map<String, Object> details = (Map<String, Object>) health.getDetails().get("partner");
				assertThat(details).containsEntry("state", BoundServer.State.FAILED);
				assertThat((String) details.get("failure")).contains("could not resolve its address 'no-such-host.invalid'");
				int api = context.getBean(ServerBinder.class).server("api").port();
				assertThat(Clients.get("127.0.0.1", api, "/").body()).isEqualTo("hello");
			});
	}

	@Test
	void readinessRefusesTrafficBeforeTheServersDrain() {
		List<String> seen = new CopyOnWriteArrayList<>();
		int[] port = new int[1];
		this.runner.withBean("readinessListener", ApplicationListener.class,
				() -> (ApplicationListener<AvailabilityChangeEvent<?>>) (event) -> {
					if (event.getState() == ReadinessState.REFUSING_TRAFFIC) {
						seen.add("refusing while port accepts: " + Clients.accepts("127.0.0.1", port[0]));
					}
				})
			.run((context) -> port[0] = context.getBean(ServerBinder.class).server("api").port());
		assertThat(seen).containsExactly("refusing while port accepts: true");
		assertThat(Clients.accepts("127.0.0.1", port[0])).isFalse();
	}

}
