package dev.nettybind.sample;

import reactor.core.publisher.Mono;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * The routes of the public API: plain WebFlux functional routes. The {@code public}
 * server of {@code application.yml} names no handler, so it serves the application's
 * WebFlux handler, and so these routes.
 *
 * @author Netty Bind Starter contributors
 */
@Configuration(proxyBeanMethods = false)
public class PublicApi {

	static final String INDEX = """
			Netty Bind Sample, public API:
			  GET    /hello?name=Ada&delay=2s   a greeting, optionally slow (at most 10s)
			  GET    /notes                     every note
			  POST   /notes {"text":"..."}      a new note
			  GET    /notes/{id}                one note
			  DELETE /notes/{id}                remove a note
			""";

	@Bean
	RouterFunction<ServerResponse> publicRoutes(GreetingHandler greetings, NoteHandler notes) {
		return RouterFunctions.route()
			.GET("/", (request) -> ServerResponse.ok().contentType(MediaType.TEXT_PLAIN).body(Mono.just(INDEX),
					String.class))
			.GET("/hello", greetings::hello)
			.GET("/notes", notes::list)
			.POST("/notes", notes::create)
			.GET("/notes/{id}", notes::get)
			.DELETE("/notes/{id}", notes::delete)
			.build();
	}

}
