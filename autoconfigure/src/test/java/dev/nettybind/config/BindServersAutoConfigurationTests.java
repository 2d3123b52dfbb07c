package dev.nettybind.config;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.client.HttpClient;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.nettybind.Clients;
import dev.nettybind.Processes;
import dev.nettybind.TestHandlers;
import dev.nettybind.address.BindAddressResolver;
import dev.nettybind.shared.SharedBindingRegistry;
import dev.nettybind.server.BindOptions;
import dev.nettybind.server.BoundServer;
import dev.nettybind.server.ServerBinder;
import dev.nettybind.server.ServerBoundEvent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link BindServersAutoConfiguration}.
 */
class BindServersAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(BindServersAutoConfiguration.class))
		.withUserConfiguration(TestHandlers.class);

	@Test
	void autoConfigurationDoesNotApplyWithoutServers() {
		this.runner.run((context) -> assertThat(context).doesNotHaveBean(ServerBinder.class)
			.doesNotHaveBean(SharedBindingRegistry.class)
			.doesNotHaveBean(BoundServer.class));
	}

	@Test
	void autoConfigurationAppliesWithoutServersWhenEnabled() {
		this.runner.withPropertyValues("bind.enabled=true")
			.run((context) -> assertThat(context).hasSingleBean(ServerBinder.class).doesNotHaveBean(BoundServer.class));
	}

	@Test
	void autoConfigurationCanBeTurnedOff() {
		this.runner.withPropertyValues("bind.enabled=false", "bind.servers.api.handler=hello")
			.run((context) -> assertThat(context).doesNotHaveBean(ServerBinder.class)
				.doesNotHaveBean(BoundServer.class));
	}

	@Test
	void eachServerIsABeanQualifiedByItsName() {
		this.runner.withUserConfiguration(InjectsAdmin.class)
			.withPropertyValues("bind.servers.api.handler=hello", "bind.servers.admin.handler=routes")
			.run((context) -> {
				assertThat(context).getBeans(BoundServer.class).hasSize(2);
				BoundServer admin = context.getBean(InjectsAdmin.class).admin;
				assertThat(admin.name()).isEqualTo("admin");
				assertThat(admin.state()).isEqualTo(BoundServer.State.BOUND);
				assertThat(Clients.get("127.0.0.1", admin.port(), "/route").body()).isEqualTo("route");
			});
	}

	@Test
	void serverWithTheNameOfItsHandlerBeanStarts() {
		this.runner.withPropertyValues("bind.servers.hello.handler=hello").run((context) -> {
			BoundServer server = context.getBean("helloBoundServer", BoundServer.class);
			assertThat(Clients.get("127.0.0.1", server.port(), "/").body()).isEqualTo("hello");
		});
	}

	@Test
	void actualPortIsPublishedInTheEnvironmentAndAnswers() {
		this.runner.withPropertyValues("bind.servers.api.port=0", "bind.servers.api.handler=hello").run((context) -> {
			BoundServer api = context.getBean(BoundServer.class);
			assertThat(api.port()).isPositive();
			assertThat(context.getEnvironment().getProperty("local.bind.api.port", Integer.class))
				.isEqualTo(api.port());
			String body = HttpClient.create()
				.get()
				.uri("http://127.0.0.1:" + api.port() + "/")
				.responseContent()
				.aggregate()
				.asString()
				.block(Duration.ofSeconds(10));
			assertThat(body).isEqualTo("hello");
		});
	}

	@Test
	void routesHandlerServesItsRoutes() {
		this.runner.withPropertyValues("bind.servers.api.handler=routes").run((context) -> {
			int port = context.getBean(BoundServer.class).port();
			assertThat(Clients.get("127.0.0.1", port, "/route").body()).isEqualTo("route");
			assertThat(Clients.get("127.0.0.1", port, "/other").statusCode()).isEqualTo(404);
		});
	}

	@Test
	void plainServerSpeaksH2cWhenAskedTo() {
		this.runner.withPropertyValues("bind.servers.api.handler=hello", "bind.servers.api.protocols=h2c,http11")
			.run((context) -> {
				int port = context.getBean(BoundServer.class).port();
				Processes.Result h2c = Processes.run(List.of("curl", "-sS", "--http2-prior-knowledge", "-w",
						" %{http_version}", "http://127.0.0.1:" + port + "/"));
				assertThat(h2c.output()).isEqualTo("hello 2");
				Processes.Result http11 = Processes.run(
						List.of("curl", "-sS", "--http1.1", "-w", " %{http_version}", "http://127.0.0.1:" + port + "/"));
				assertThat(http11.output()).isEqualTo("hello 1.1");
			});
	}

	@Test
	void userDefinedAddressResolverIsUsed() {
		this.runner.withUserConfiguration(ServiceRegistryResolver.class)
			.withPropertyValues("bind.servers.api.address=api.internal", "bind.servers.api.handler=hello")
			.run((context) -> {
				assertThat(context).hasSingleBean(BindAddressResolver.class);
				BoundServer api = context.getBean(BoundServer.class);
				assertThat(api.address()).isEqualTo(InetAddress.getByName("127.0.0.1"));
				assertThat(Clients.get("127.0.0.1", api.port(), "/").body()).isEqualTo("hello");
			});
	}

	@Test
	void closingTheContextReleasesThePort() {
		int[] port = new int[1];
		this.runner.withPropertyValues("bind.servers.api.handler=hello")
			.run((context) -> port[0] = context.getBean(BoundServer.class).port());
		assertThat(Clients.canBind("127.0.0.1", port[0])).isTrue();
	}

	@Test
	void programmaticBinderBindsAndClosesAtRunTime() {
		this.runner.withPropertyValues("bind.enabled=true").run((context) -> {
			ServerBinder binder = context.getBean(ServerBinder.class);
			BoundServer server = binder.bind("runtime", BindOptions.of("LOOPBACK_IP_V4", 0),
					(request, response) -> response.sendString(Mono.just("runtime")));
			assertThat(Clients.get("127.0.0.1", server.port(), "/").body()).isEqualTo("runtime");
			assertThat(context.getEnvironment().getProperty("local.bind.runtime.port", Integer.class))
				.isEqualTo(server.port());
			assertThat(binder.servers()).containsExactly(server);
			server.close();
			assertThat(server.state()).isEqualTo(BoundServer.State.CLOSED);
			assertThat(Clients.accepts("127.0.0.1", server.port())).isFalse();
		});
	}

	@Test
	void restartedContextBindsItsServersAndClosesThemAgain() {
		this.runner.withPropertyValues("bind.servers.api.handler=hello").run((context) -> {
			BoundServer server = context.getBean(BoundServer.class);
			context.stop();
			assertThat(server.state()).isEqualTo(BoundServer.State.CLOSED);
			context.start();
			assertThat(server.state()).isEqualTo(BoundServer.State.BOUND);
			int port = server.port();
			assertThat(Clients.get("127.0.0.1", port, "/").statusCode()).isEqualTo(200);
			context.stop();
			assertThat(server.state()).isEqualTo(BoundServer.State.CLOSED);
			assertThat(Clients.canBind("127.0.0.1", port)).isTrue();
		});
	}

	@Test
	void serverWhoseBoundEventFailsIsClosedAgain() {
		int port = Clients.freePort();
		this.runner.withPropertyValues("bind.enabled=true")
			.withUserConfiguration(FailingBoundListener.class)
			.run((context) -> {
				ServerBinder binder = context.getBean(ServerBinder.class);
				assertThatIllegalStateException()
					.isThrownBy(() -> binder.bind("refused", BindOptions.of("LOOPBACK_IP_V4", port),
							(request, response) -> response.send()))
					.withMessage("listener refuses 'refused'");
				assertThat(binder.server("refused")).isNull();
				assertThat(Clients.canBind("127.0.0.1", port)).isTrue();
			});
	}

	@Test
	void handlersRunOnThreadsReactorKnowsAsNonBlocking() {
		this.runner.withPropertyValues("bind.enabled=true").run((context) -> {
			BoundServer server = context.getBean(ServerBinder.class)
				.bind("loop", BindOptions.of("LOOPBACK_IP_V4", 0), (request, response) -> response
					.sendString(Mono.fromSupplier(() -> String.valueOf(Schedulers.isInNonBlockingThread()))));
			assertThat(Clients.get("127.0.0.1", server.port(), "/").body()).isEqualTo("true");
		});
	}

	@Test
	void closingAServerFromItsOwnHandlerIsRefusedInsteadOfStallingTheLoop() {
		this.runner.withPropertyValues("bind.enabled=true").run((context) -> {
			BoundServer[] self = new BoundServer[1];
			self[0] = context.getBean(ServerBinder.class)
				.bind("self", BindOptions.of("LOOPBACK_IP_V4", 0), (request, response) -> {
					try {
						self[0].close();
						return response.sendString(Mono.just("closed"));
					}
					catch (IllegalStateException ex) {
						return response.sendString(Mono.just("refused"));
					}
				});
			assertThat(Clients.get("127.0.0.1", self[0].port(), "/").body()).isEqualTo("refused");
			assertThat(self[0].state()).isEqualTo(BoundServer.State.BOUND);
			assertThat(Clients.get("127.0.0.1", self[0].port(), "/").body()).isEqualTo("refused");
		});
	}

	@Test
	void programmaticBinderRefusesASecondServerOfTheSameName() {
		this.runner.withPropertyValues("bind.servers.api.handler=hello").run((context) -> {
			ServerBinder binder = context.getBean(ServerBinder.class);
			assertThatIllegalStateException()
				.isThrownBy(() -> binder.bind("api", BindOptions.of("LOOPBACK_IP_V4", 0),
						(request, response) -> response.send()))
				.withMessageContaining("'api'");
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class FailingBoundListener {

		@Bean
		ApplicationListener<ServerBoundEvent> refusingListener() {
			return (event) -> {
				throw new IllegalStateException("listener refuses '" + event.getServer().name() + "'");
			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class InjectsAdmin {

		final BoundServer admin;

		InjectsAdmin(@Qualifier("admin") BoundServer admin) {
			this.admin = admin;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class ServiceRegistryResolver {

		@Bean
		BindAddressResolver serviceRegistryResolver() {
			Map<String, String> registry = Map.of("api.internal", "127.0.0.1");
			return new BindAddressResolver((host) -> new InetAddress[] { InetAddress.getByName(registry.get(host)) });
		}

	}

}
