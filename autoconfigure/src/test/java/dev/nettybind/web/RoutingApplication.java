package dev.nettybind.web;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import reactor.core.publisher.Mono;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.reactive.EnableWebFluxSecurity;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.core.userdetails.MapReactiveUserDetailsService;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.web.server.SecurityWebFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.reactive.handler.SimpleUrlHandlerMapping;
import org.springframework.web.reactive.socket.WebSocketHandler;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import dev.nettybind.server.BoundServer;

import static dev.nettybind.web.BoundServerExchangeMatchers.servedBy;

/**
 * A WebFlux application split over four servers: controllers, router functions, a
 * filter, a WebSocket endpoint, Spring Security and the Actuator, each where it belongs.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
@EnableWebFluxSecurity
class RoutingApplication {

	/**
	 * The properties that split it: four servers, Boot's own server beside them.
	 */
	static final String[] PROPERTIES = { "--spring.main.banner-mode=off", "--server.port=0",
			"--server.address=127.0.0.1", "--bind.servers.public.address=LOOPBACK_IP_V4",
			"--bind.servers.public.port=0", "--bind.servers.admin.address=LOOPBACK_IP_V4",
			"--bind.servers.admin.port=0", "--bind.servers.partner.address=LOOPBACK_IP_V4",
			"--bind.servers.partner.port=0", "--bind.servers.ops.address=LOOPBACK_IP_V4", "--bind.servers.ops.port=0",
			"--bind.servers.ops.management=true", "--bind.servers.ops.annotated-only=true",
			"--management.endpoints.web.exposure.include=health,info" };

	@Bean
	RouterFunction<ServerResponse> greeting() {
		return RouterFunctions.route().GET("/greeting", (request) -> ServerResponse.ok().bodyValue("hello")).build();
	}

	@Bean
	@OnServer("partner")
	RouterFunction<ServerResponse> partnerRoutes() {
		return RouterFunctions.route()
			.GET("/orders", (request) -> ServerResponse.ok().bodyValue("orders of " + serverName(request.exchange())))
			.build();
	}

	@Bean
	@OnServer("admin")
	AdminFilter adminFilter() {
		return new AdminFilter();
	}

	@Bean
	@OnServer("public")
	HandlerMapping echoMapping() {
		WebSocketHandler echo = (session) -> session.send(session.receive()
			.map((message) -> session.textMessage("echo " + message.getPayloadAsText())));
		return new SimpleUrlHandlerMapping(Map.of("/echo", echo), -1);
	}

	@Bean
	@Order(1)
	SecurityWebFilterChain adminSecurity(ServerHttpSecurity http) {
		return http.securityMatcher(servedBy("admin"))
			.authorizeExchange((exchanges) -> exchanges.anyExchange().authenticated())
			.httpBasic(Customizer.withDefaults())
			.csrf(ServerHttpSecurity.CsrfSpec::disable)
			.build();
	}

	@Bean
	@Order(2)
	SecurityWebFilterChain everyoneElse(ServerHttpSecurity http) {
		return http.authorizeExchange((exchanges) -> exchanges.anyExchange().permitAll())
			.csrf(ServerHttpSecurity.CsrfSpec::disable)
			.build();
	}

	@Bean
	MapReactiveUserDetailsService users() {
		return new MapReactiveUserDetailsService(
				User.withUsername("root").password("{noop}secret").roles("ADMIN").build());
	}

	static String serverName(ServerWebExchange exchange) {
		BoundServer server = exchange.getAttribute(BoundServerExchange.ATTRIBUTE);
		return (server != null) ? server.name() : "(no bound server)";
	}

	/**
	 * Marks the responses it sees, and counts them: a bean that others may inject by its
	 * type.
	 */
	static class AdminFilter implements WebFilter {

		final AtomicInteger filtered = new AtomicInteger();

		@Override
		public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
			this.filtered.incrementAndGet();
			exchange.getResponse().getHeaders().add("X-Admin-Filter", "ran");
			return chain.filter(exchange);
		}

	}

	@RestController
	@OnServer("admin")
	static class AdminController {

		@GetMapping("/users")
		Mono<String> users(ServerWebExchange exchange) {
			return Mono.just("users of " + serverName(exchange));
		}

	}

	@RestController
	static class HelloController {

		@GetMapping("/hello")
		String hello() {
			return "hello";
		}

		@GetMapping("/hello")
		@OnServer({ "admin", "partner" })
		String privateHello(ServerWebExchange exchange) {
			return "private hello on " + serverName(exchange);
		}

	}

}
