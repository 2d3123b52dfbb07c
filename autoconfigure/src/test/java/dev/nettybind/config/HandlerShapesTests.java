package dev.nettybind.config;

import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.codec.autoconfigure.CodecsAutoConfiguration;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.webflux.autoconfigure.HttpHandlerAutoConfiguration;
import org.springframework.boot.webflux.autoconfigure.WebFluxAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import dev.nettybind.Clients;
import dev.nettybind.TestHandlers;
import dev.nettybind.server.BoundServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Servers in a WebFlux application: without a handler they serve the application's own
 * routes on their extra ports; with one, they serve the handler.
 */
class HandlerShapesTests {

	private final ReactiveWebApplicationContextRunner runner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(BindServersAutoConfiguration.class, WebFluxAutoConfiguration.class,
				HttpHandlerAutoConfiguration.class, CodecsAutoConfiguration.class))
		.withUserConfiguration(TestHandlers.class, WebFluxRoutes.class);

	@Test
	void serverWithoutHandlerServesTheWebFluxApplication() {
		this.runner.withPropertyValues("bind.servers.public.address=ANY_IP_V6").run((context) -> {
			BoundServer server = context.getBean(BoundServer.class);
			assertThat(Clients.get("::1", server.port(), "/greeting").body()).isEqualTo("hello from WebFlux");
			assertThat(Clients.get("127.0.0.1", server.port(), "/greeting").body()).isEqualTo("hello from WebFlux");
		});
	}

	@Test
	void handlerBeansWorkInAWebFluxApplication() {
		this.runner.withPropertyValues("bind.servers.a.handler=hello", "bind.servers.b.handler=routes")
			.run((context) -> {
				BoundServer a = context.getBean("aBoundServer", BoundServer.class);
				BoundServer b = context.getBean("bBoundServer", BoundServer.class);
				assertThat(Clients.get("127.0.0.1", a.port(), "/greeting").body()).isEqualTo("hello");
				assertThat(Clients.get("127.0.0.1", b.port(), "/route").body()).isEqualTo("route");
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class WebFluxRoutes {

		@Bean
		RouterFunction<ServerResponse> greeting() {
			return RouterFunctions.route()
				.GET("/greeting", (request) -> ServerResponse.ok().body(Mono.just("hello from WebFlux"), String.class))
				.build();
		}

	}

}
