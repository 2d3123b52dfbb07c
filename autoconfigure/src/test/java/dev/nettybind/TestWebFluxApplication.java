package dev.nettybind;

import reactor.core.publisher.Mono;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * A WebFlux application, auto-configured as a user's would be, that answers
 * {@code GET /greeting} with {@code hello}.
 */
@SpringBootConfiguration
@EnableAutoConfiguration
public class TestWebFluxApplication {

	@Bean
	RouterFunction<ServerResponse> greeting() {
		return RouterFunctions.route()
			.GET("/greeting", (request) -> ServerResponse.ok().body(Mono.just("hello"), String.class))
			.build();
	}

}
