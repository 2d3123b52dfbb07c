package dev.nettybind.config;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.reactive.HttpHandler;

import dev.nettybind.Clients;
import dev.nettybind.TestHandlers;
import dev.nettybind.actuate.BindServersActuatorAutoConfiguration;
import dev.nettybind.actuate.BindServersMetricsAutoConfiguration;
import dev.nettybind.diagnostics.ServerSetupException;
import dev.nettybind.server.BoundServer;
import dev.nettybind.server.ServerBinder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The auto-configuration with each optional dependency absent, hidden with a
 * {@link FilteredClassLoader} as Spring Boot's own tests do: what needs it backs off,
 * and servers still bind on 127.0.0.1 and serve real requests.
 * <p>
 * A {@link FilteredClassLoader} hides classes from the conditions of the
 * auto-configuration only, not from code that looks with its own class loader once per
 * JVM: {@code EventLoops} decides on epoll in a static initializer (and Netty loads the
 * native library through JNI), {@code SocketServerFactory} looks for Micrometer the same
 * way, and Netty's {@code OpenSsl} for netty-tcnative. So the epoll case uses the
 * starter's own switch, {@code bind.event-loop.prefer-native=false}; netty-tcnative has no
 * switch of the starter's. {@code AbsentJarsTests} runs those cases in a JVM without the
 * jars.
 */
class OptionalDependenciesTests {

	private static final String SERVERS_ENDPOINT = "serversEndpoint";

	private static final String HEALTH_INDICATOR = "bindServersHealthIndicator";

	private static final String METER_BINDER = "bindServersMeterBinder";

	private static final String URI_TAG_FILTER = "bindServersUriTagFilter";

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(BindServersAutoConfiguration.class,
				BindServersActuatorAutoConfiguration.class, BindServersMetricsAutoConfiguration.class))
		.withUserConfiguration(TestHandlers.class)
		.withPropertyValues("management.endpoints.web.exposure.include=servers", "bind.servers.api.address=127.0.0.1",
				"bind.servers.api.port=0", "bind.servers.api.handler=hello");

	@Test
	void withEveryOptionalDependencyEverythingIsConfigured() {
		// The control: each test below fails if its filter hides nothing.
		this.runner.withUserConfiguration(WebFluxApplication.class)
			.withPropertyValues("bind.servers.web.address=127.0.0.1", "bind.servers.web.port=0")
			.run((context) -> {
				assertThat(context).hasBean(SERVERS_ENDPOINT)
					.hasBean(HEALTH_INDICATOR)
					.hasBean(METER_BINDER)
					.hasBean(URI_TAG_FILTER)
					.hasSingleBean(WebFluxApplicationHandler.class);
				assertThat(get(context.getBean("apiBoundServer", BoundServer.class))).isEqualTo("hello");
				assertThat(get(context.getBean("webBoundServer", BoundServer.class))).isEqualTo("webflux");
			});
	}

	@Test
	void withoutActuatorTheEndpointAndHealthBackOffAndServersServe() {
		this.runner.withClassLoader(new FilteredClassLoader("org.springframework.boot.actuate"))
			.run((context) -> {
				assertThat(context).hasNotFailed()
					.doesNotHaveBean(SERVERS_ENDPOINT)
					.doesNotHaveBean(HEALTH_INDICATOR)
					.hasBean(METER_BINDER);
				BoundServer api = context.getBean(BoundServer.class);
				assertThat(api.state()).isEqualTo(BoundServer.State.BOUND);
				assertThat(get(api)).isEqualTo("hello");
			});
	}

	@Test
	void withoutMicrometerTheMetricsBackOffAndServersWithMetricsServe() {
		// Only the conditions see the filter: SocketServerFactory still finds Micrometer
		// with its own class loader, so Reactor Netty's meters stay on (AbsentJarsTests
		// covers a JVM without micrometer-core).
		this.runner.withClassLoader(new FilteredClassLoader("io.micrometer.core"))
			.withPropertyValues("bind.servers.api.metrics=true")
			.run((context) -> {
				assertThat(context).hasNotFailed()
					.doesNotHaveBean(METER_BINDER)
					.doesNotHaveBean(URI_TAG_FILTER)
					.hasBean(SERVERS_ENDPOINT);
				BoundServer api = context.getBean(BoundServer.class);
				assertThat(api.options().isMetrics()).isTrue();
				assertThat(get(api)).isEqualTo("hello");
				assertThat(get(api)).isEqualTo("hello");
			});
	}

	@Test
	void withoutEpollServersRunOnNio() {
		// FilteredClassLoader("io.netty.channel.epoll") would change nothing: see the
		// class Javadoc. prefer-native=false takes the same path as a missing epoll.
		this.runner.withPropertyValues("bind.event-loop.prefer-native=false").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(ServerBinder.class).transport()).isEqualTo("nio");
			assertThat(get(context.getBean(BoundServer.class))).isEqualTo("hello");
		});
	}

	@Test
	void withoutEpollAV6OnlyServerFailsWithTheDocumentedError() {
		this.runner
			.withPropertyValues("bind.event-loop.prefer-native=false", "bind.servers.api.address=::1",
					"bind.servers.api.v6-only=true")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context).getFailure()
					.rootCause()
					.isInstanceOf(ServerSetupException.class)
					.hasMessage("Server 'api' cannot set IPV6_V6ONLY: the NIO transport cannot. Add "
							+ "io.netty:netty-transport-native-epoll (classifier linux-x86_64) to the class path and "
							+ "leave 'bind.event-loop.prefer-native' true, or set 'bind.servers.api.v6-only' to "
							+ "false.");
			});
	}

	@Test
	void withoutWebFluxServersWithAHandlerBeanServe() {
		this.runner.withClassLoader(new FilteredClassLoader(HttpHandler.class)).run((context) -> {
			assertThat(context).hasNotFailed().doesNotHaveBean(WebFluxApplicationHandler.class);
			assertThat(get(context.getBean(BoundServer.class))).isEqualTo("hello");
		});
	}

	@Test
	void withoutWebFluxAServerWithoutAHandlerFailsWithTheDocumentedMessage() {
		// The HttpHandler bean stands in for the application's: it is not served, because
		// the WebFlux support backed off.
		this.runner.withClassLoader(new FilteredClassLoader(HttpHandler.class))
			.withUserConfiguration(WebFluxApplication.class)
			.withPropertyValues("bind.servers.web.address=127.0.0.1", "bind.servers.web.port=0")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context).getFailure()
					.rootCause()
					.isInstanceOf(HandlerNotFoundException.class)
					.hasMessage("Server 'web' names no handler, and the application has no WebFlux HttpHandler "
							+ "to serve. Set 'bind.servers.web.handler' to the name of a bean that is a "
							+ "BiFunction<HttpServerRequest, HttpServerResponse, Publisher<Void>> or a "
							+ "Consumer<HttpServerRoutes>, or make the application a reactive web application "
							+ "(spring-boot-starter-webflux).");
			});
	}

	private static String get(BoundServer server) {
		return Clients.get("127.0.0.1", server.port(), "/").body();
	}

	@Configuration(proxyBeanMethods = false)
	static class WebFluxApplication {

		@Bean
		HttpHandler httpHandler() {
			return (request, response) -> response
				.writeWith(Mono.just(response.bufferFactory().wrap("webflux".getBytes(StandardCharsets.UTF_8))));
		}

	}

}
