package dev.nettybind.sample;

import java.util.function.Consumer;

import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRoutes;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;

/**
 * A service whose HTTP servers are declared in {@code application.yml}.
 *
 * @author Netty Bind Starter contributors
 */
@SpringBootApplication
public class SampleApplication {

	public static void main(String[] args) {
		SpringApplication.run(SampleApplication.class, args);
	}

	@Bean
	Consumer<HttpServerRoutes> helloRoutes() {
		return (routes) -> routes.get("/hello", (request, response) -> response.sendString(Mono.just("Hello\n")));
	}

}
