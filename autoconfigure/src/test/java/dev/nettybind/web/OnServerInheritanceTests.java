package dev.nettybind.web;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.webflux.autoconfigure.HttpHandlerAutoConfiguration;
import org.springframework.boot.webflux.autoconfigure.WebFluxAutoConfiguration;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.nettybind.Clients;
import dev.nettybind.config.BindServersAutoConfiguration;
import dev.nettybind.server.BoundServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code @OnServer} on a controller class confines the handler methods it inherits from
 * a class without the annotation too: the bean's class decides, not the class that
 * declares the method.
 */
class OnServerInheritanceTests {

	private final ReactiveWebApplicationContextRunner runner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(BindServersAutoConfiguration.class, WebFluxAutoConfiguration.class,
				HttpHandlerAutoConfiguration.class))
		.withPropertyValues("bind.servers.admin.port=0", "bind.servers.public.port=0")
		.withUserConfiguration(AdminController.class);

	@Test
	void anInheritedHandlerMethodIsServedOnlyOnTheServersOfItsController() {
		this.runner.run((context) -> {
			int admin = context.getBean("adminBoundServer", BoundServer.class).port();
			int open = context.getBean("publicBoundServer", BoundServer.class).port();
			assertThat(Clients.get("127.0.0.1", admin, "/health-report").body()).isEqualTo("fine");
			assertThat(Clients.get("127.0.0.1", admin, "/stats").body()).isEqualTo("stats");
			assertThat(Clients.get("127.0.0.1", open, "/health-report").statusCode()).isEqualTo(404);
			assertThat(Clients.get("127.0.0.1", open, "/stats").statusCode()).isEqualTo(404);
		});
	}

	/**
	 * Routes shared by several controllers, with no server of their own.
	 */
	abstract static class ReportingController {

		@GetMapping("/health-report")
		String report() {
			return "fine";
		}

	}

	@RestController
	@OnServer("admin")
	static class AdminController extends ReportingController {

		@GetMapping("/stats")
		String stats() {
			return "stats";
		}

	}

}
