package dev.nettybind.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Mono;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import dev.nettybind.Clients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * A bind server on the port of Spring Boot's own web server of the same application
 * fails with a report that says so and names {@code bind.replace-web-server}, instead
 * of blaming another process.
 */
@ExtendWith(OutputCaptureExtension.class)
class WebServerPortConflictTests {

	@Test
	void portOfBootsOwnServerIsReportedAsSuch(CapturedOutput output) {
		int port = Clients.freePort();
		SpringApplication application = new SpringApplication(WebFluxApplication.class);
		application.setWebApplicationType(WebApplicationType.REACTIVE);
		assertThatException().isThrownBy(() -> application.run("--spring.main.banner-mode=off",
				"--server.port=" + port, "--server.address=127.0.0.1", "--bind.servers.api.port=" + port));
		assertThat(output).contains("Server 'api' could not bind port " + port
				+ ": Spring Boot's own web server of this application (server.port) listens on it.")
			.contains("Property: bind.servers.api.port")
			.contains("Set 'bind.replace-web-server: true'")
			.doesNotContain("Identify and stop the process");
		assertThat(Clients.canBind("127.0.0.1", port)).isTrue();
	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	static class WebFluxApplication {

		@Bean
		RouterFunction<ServerResponse> greeting() {
			return RouterFunctions.route()
				.GET("/greeting", (request) -> ServerResponse.ok().body(Mono.just("hello"), String.class))
				.build();
		}

	}

}
