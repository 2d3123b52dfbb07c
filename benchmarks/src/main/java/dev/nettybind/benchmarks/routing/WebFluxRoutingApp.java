package dev.nettybind.benchmarks.routing;

import java.util.LinkedHashMap;
import java.util.Map;

import reactor.core.publisher.Mono;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.WebFilter;

import dev.nettybind.benchmarks.Plaintext;
import dev.nettybind.benchmarks.webflux.WebFluxApp;
import dev.nettybind.web.OnServer;

/**
 * One WebFlux application served by Spring Boot's own server and by a bind server
 * {@code api} at once, both serving the same router function:
 * {@code <boot-port> <bind-port> [on-server-routes]}. With {@code on-server-routes} it
 * also has content confined to an {@code admin} server (a router function, a filter, a
 * controller), which every request of the other two servers passes by.
 */
@SpringBootApplication
public class WebFluxRoutingApp {

	/** The profile of the confined content. */
	static final String ON_SERVER_ROUTES = "on-server-routes";

	/** The plaintext route, on both servers. */
	@Bean
	RouterFunction<ServerResponse> plaintextRoute() {
		return WebFluxApp.route();
	}

	/** Start the application and serve until killed. */
	public static void main(String[] args) {
		boolean routed = args.length > 2 && ON_SERVER_ROUTES.equals(args[2]);
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("server.port", Plaintext.port(args, 0));
		properties.put("server.address", Plaintext.HOST);
		properties.put("bind.servers.api.address", "LOOPBACK_IP_V4");
		properties.put("bind.servers.api.port", Plaintext.port(args, 1));
		if (routed) {
			properties.put("bind.servers.admin.port", 0);
			properties.put("bind.servers.admin.annotated-only", true);
		}
		properties.put("spring.main.banner-mode", "off");
		properties.put("logging.level.root", "warn");
		SpringApplication application = new SpringApplication(WebFluxRoutingApp.class);
		application.setDefaultProperties(properties);
		if (routed) {
			application.setAdditionalProfiles(ON_SERVER_ROUTES);
		}
		application.run();
	}

	/** Content of the {@code admin} server only. */
	@Configuration(proxyBeanMethods = false)
	@Profile(ON_SERVER_ROUTES)
	static class AdminContent {

		@Bean
		@OnServer("admin")
		RouterFunction<ServerResponse> adminRoutes() {
			return RouterFunctions.route(RequestPredicates.GET("/admin/stats"),
					(request) -> ServerResponse.ok().bodyValue("stats"));
		}

		@Bean
		@OnServer("admin")
		WebFilter adminFilter() {
			return (exchange, chain) -> {
				exchange.getResponse().getHeaders().add("X-Admin", "true");
				return chain.filter(exchange);
			};
		}

	}

	/** A controller of the {@code admin} server. */
	@RestController
	@Profile(ON_SERVER_ROUTES)
	@OnServer("admin")
	static class AdminController {

		@GetMapping("/admin/users")
		Mono<String> users() {
			return Mono.just("users");
		}

	}

}
