package dev.nettybind.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import dev.nettybind.Clients;
import dev.nettybind.TestHandlers;
import dev.nettybind.TestWebFluxApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * At startup each server says in one line what it serves, and an Actuator served on a
 * server bound to every interface is warned of once.
 */
@ExtendWith(OutputCaptureExtension.class)
class ServedContentLogTests {

	@Test
	void eachServerSaysWhatItServesAndAPublicActuatorIsWarnedOf(CapturedOutput output) {
		SpringApplication application = new SpringApplication(TestWebFluxApplication.class, TestHandlers.class);
		application.setWebApplicationType(WebApplicationType.REACTIVE);
		try (ConfigurableApplicationContext context = application.run("--spring.main.banner-mode=off",
				"--bind.replace-web-server=true", "--bind.servers.public.address=ANY_IP_V4",
				"--bind.servers.public.port=0", "--bind.servers.admin.handler=hello",
				"--management.endpoints.web.exposure.include=health")) {
			int port = context.getEnvironment().getRequiredProperty("local.bind.public.port", Integer.class);
			assertThat(Clients.get("127.0.0.1", port, "/actuator/health").statusCode()).isEqualTo(200);
			assertThat(output).contains("Server 'public' serves the WebFlux application, the Actuator's endpoints "
					+ "included")
				.contains("Server 'admin' serves the handler bean 'hello'")
				.contains("The Actuator's endpoints are served on server 'public', bound to every interface "
						+ "(ANY_IP_V4): set management.server.port");
		}
	}

	@Test
	void actuatorOnAManagementPortOfItsOwnIsNotWarnedOf(CapturedOutput output) {
		SpringApplication application = new SpringApplication(TestWebFluxApplication.class);
		application.setWebApplicationType(WebApplicationType.REACTIVE);
		try (ConfigurableApplicationContext context = application.run("--spring.main.banner-mode=off",
				"--bind.replace-web-server=true", "--bind.servers.public.address=ANY_IP_V4",
				"--bind.servers.public.port=0", "--management.server.port=0",
				"--management.server.address=127.0.0.1")) {
			assertThat(output).contains("Server 'public' serves the WebFlux application")
				.doesNotContain("the Actuator's endpoints included")
				.doesNotContain("The Actuator's endpoints are served on server");
		}
	}

}
