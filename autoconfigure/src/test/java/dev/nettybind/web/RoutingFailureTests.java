package dev.nettybind.web;

import java.util.function.BiFunction;

import org.junit.jupiter.api.Test;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.webflux.autoconfigure.HttpHandlerAutoConfiguration;
import org.springframework.boot.webflux.autoconfigure.WebFluxRegistrations;
import org.springframework.boot.webflux.autoconfigure.WebFluxAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;

import dev.nettybind.config.BindServersAutoConfiguration;
import dev.nettybind.diagnostics.ServerSetupException;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A wrong server name in the routing stops the startup with a report that names what is
 * annotated, the name, and the servers that exist.
 */
class RoutingFailureTests {

	private final ReactiveWebApplicationContextRunner runner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(BindServersAutoConfiguration.class, WebFluxAutoConfiguration.class,
				HttpHandlerAutoConfiguration.class))
		.withPropertyValues("bind.servers.admin.address=LOOPBACK_IP_V4", "bind.servers.admin.port=0",
				"bind.servers.public.address=LOOPBACK_IP_V4", "bind.servers.public.port=0");

	@Test
	void aMisspelledServerOnAControllerFailsTheStartup() {
		this.runner.withUserConfiguration(MisspelledController.class).run((context) -> {
			assertThat(context).getFailure().rootCause().isInstanceOf(ServerSetupException.class);
			ServerSetupException failure = (ServerSetupException) rootCause(context.getStartupFailure());
			assertThat(failure.getDescription()).contains("@OnServer on")
				.contains("MisspelledController.users")
				.contains("'admni'")
				.contains("[admin, public]");
			assertThat(failure.getAction()).contains("Did you mean 'admin'?");
		});
	}

	@Test
	void aServerWithAHandlerCannotBeNamedOnARouterFunction() {
		this.runner.withUserConfiguration(HandlerServerRoutes.class)
			.withPropertyValues("bind.servers.raw.port=0", "bind.servers.raw.address=LOOPBACK_IP_V4",
					"bind.servers.raw.handler=rawHandler")
			.run((context) -> {
				ServerSetupException failure = (ServerSetupException) rootCause(context.getStartupFailure());
				assertThat(failure.getDescription()).contains("bean 'rawRoutes'")
					.contains("server 'raw' has the handler 'rawHandler'");
			});
	}

	@Test
	void twoManagementServersFailTheStartupNamingBoth() {
		this.runner.withPropertyValues("bind.servers.admin.management=true", "bind.servers.public.management=true")
			.run((context) -> {
				ServerSetupException failure = (ServerSetupException) rootCause(context.getStartupFailure());
				assertThat(failure.getPropertyPath()).isEqualTo("bind.servers.public.management");
				assertThat(failure.getDescription()).contains("'admin' and 'public'");
			});
	}

	private static Throwable rootCause(Throwable failure) {
		Throwable cause = failure;
		while (cause.getCause() != null) {
			cause = cause.getCause();
		}
		return cause;
	}

	@Test
	void anApplicationsOwnWebFluxRegistrationsCannotIgnoreAConfinedController() {
		this.runner.withUserConfiguration(OwnRegistrations.class, AdminController.class).run((context) -> {
			ServerSetupException failure = (ServerSetupException) rootCause(context.getStartupFailure());
			assertThat(failure.getDescription()).contains("@OnServer on")
				.contains("AdminController.stats")
				.contains("WebFluxRegistrations")
				.contains("served on every server");
			assertThat(failure.getAction()).contains("Remove the application's WebFluxRegistrations bean");
		});
	}

	@Test
	void anApplicationsOwnWebFluxRegistrationsIsKeptWithoutConfinedControllers() {
		this.runner.withUserConfiguration(OwnRegistrations.class).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(WebFluxRegistrations.class)).isInstanceOf(OwnRegistrations.class);
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class OwnRegistrations implements WebFluxRegistrations {

		@Override
		public RequestMappingHandlerMapping getRequestMappingHandlerMapping() {
			return new RequestMappingHandlerMapping();
		}

	}

	@RestController
	@OnServer("admin")
	static class AdminController {

		@GetMapping("/stats")
		String stats() {
			return "stats";
		}

	}

	@RestController
	static class MisspelledController {

		@GetMapping("/users")
		@OnServer("admni")
		String users() {
			return "users";
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class HandlerServerRoutes {

		@Bean
		@OnServer("raw")
		RouterFunction<ServerResponse> rawRoutes() {
			return RouterFunctions.route().GET("/x", (request) -> ServerResponse.ok().build()).build();
		}

		@Bean
		BiFunction<HttpServerRequest, HttpServerResponse, Publisher<Void>> rawHandler() {
			return (request, response) -> response.sendString(Mono.just("raw"));
		}

	}

}
