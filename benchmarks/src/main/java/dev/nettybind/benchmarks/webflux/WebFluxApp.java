package dev.nettybind.benchmarks.webflux;

import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import dev.nettybind.benchmarks.Plaintext;

/**
 * Spring Boot's default WebFlux server (Reactor Netty through
 * {@code NettyReactiveWebServerFactory}) with a functional route: {@code <port>}.
 */
@SpringBootApplication
public class WebFluxApp {

	/** The plaintext route. */
	@Bean
	RouterFunction<ServerResponse> plaintextRoute() {
		return route();
	}

	/** The plaintext route, also served by {@code routing.WebFluxRoutingApp}. */
	public static RouterFunction<ServerResponse> route() {
		return RouterFunctions.route(RequestPredicates.GET(Plaintext.PATH),
				(request) -> ServerResponse.ok().contentType(MediaType.TEXT_PLAIN).bodyValue(Plaintext.BODY));
	}

	/** Start the application and serve until killed. */
	public static void main(String[] args) {
		SpringApplication application = new SpringApplication(WebFluxApp.class);
		application.setDefaultProperties(Map.of("server.port", Plaintext.port(args, 0), "server.address",
				Plaintext.HOST, "spring.main.banner-mode", "off", "logging.level.root", "warn"));
		application.run();
	}

}
