package dev.nettybind.benchmarks.ordinary;

import java.util.LinkedHashMap;
import java.util.Map;

import reactor.core.publisher.Mono;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.nettybind.benchmarks.Plaintext;
import dev.nettybind.benchmarks.starter.BenchmarkHandlers;
import dev.nettybind.benchmarks.starter.BindServers;

/**
 * The starter in an ordinary application: Spring Boot WebFlux with the Actuator (its
 * {@code health} and {@code servers} endpoints exposed), Boot's own server up on
 * {@code 127.0.0.1} (port 0 unless {@code --server.port} is given) serving a controller,
 * and metrics export off; the benchmarked servers are the same as {@code StarterApp}'s,
 * served by the same handler bean: {@code single <port>} or
 * {@code shared <port> <members> <stats-port>}. Prints {@code ORDINARY boot-port=<port>}
 * once Boot's server listens.
 */
@SpringBootApplication
@Import(BenchmarkHandlers.class)
public class OrdinaryApp {

	/** Says where Boot's own server listens (its port is 0 unless given). */
	@Bean
	ApplicationListener<WebServerInitializedEvent> bootPortReporter() {
		return (event) -> Plaintext.report("ORDINARY boot-port=%d", event.getWebServer().getPort());
	}

	/** Start the application and serve until killed. */
	public static void main(String[] args) {
		SpringApplication application = new SpringApplication(OrdinaryApp.class);
		application.setDefaultProperties(properties(args));
		// Arguments such as --server.port=8080 override the defaults.
		application.run(args);
	}

	static Map<String, Object> properties(String[] args) {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("spring.main.banner-mode", "off");
		properties.put("logging.level.root", "warn");
		// Boot's own server: up, on loopback only.
		properties.put("server.address", Plaintext.HOST);
		properties.put("server.port", 0);
		// The Actuator: a few endpoints over the web, as an application would have them.
		properties.put("management.endpoints.web.exposure.include", "health,servers");
		// Metrics off: no registry exports (Boot then keeps a no-op composite registry),
		// and the bind servers' own request meters stay at their default, off.
		properties.put("management.defaults.metrics.export.enabled", false);
		if (!BindServers.put(properties, args)) {
			throw new IllegalArgumentException("mode must be single or shared, was " + args[0]);
		}
		return properties;
	}

	/** What Boot's own server serves, besides the Actuator. */
	@RestController
	static class GreetingController {

		@GetMapping(path = "/hello", produces = MediaType.TEXT_PLAIN_VALUE)
		Mono<String> hello() {
			return Mono.just("Hello from Boot's server");
		}

	}

}
