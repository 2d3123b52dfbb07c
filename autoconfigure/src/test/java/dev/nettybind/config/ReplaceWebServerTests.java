package dev.nettybind.config;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;

import dev.nettybind.Clients;
import dev.nettybind.TestWebFluxApplication;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A WebFlux application whose bind servers replace Boot's own server, with the
 * actuator on a management server of its own.
 */
class ReplaceWebServerTests {

	@Test
	void bindServersServeTheApplicationAndTheManagementServerStillStarts() {
		SpringApplication application = new SpringApplication(TestWebFluxApplication.class);
		application.setWebApplicationType(WebApplicationType.REACTIVE);
		try (ConfigurableApplicationContext context = application.run("--spring.main.banner-mode=off",
				"--bind.replace-web-server=true", "--bind.servers.public.address=ANY_IP_V6",
				"--management.server.port=0", "--management.server.address=127.0.0.1")) {
			int publicPort = context.getEnvironment().getProperty("local.bind.public.port", Integer.class);
			int managementPort = context.getEnvironment().getProperty("local.management.port", Integer.class);
			assertThat(context.getEnvironment().getProperty("local.server.port", Integer.class)).isEqualTo(-1);
			assertThat(Clients.get("::1", publicPort, "/greeting").body()).isEqualTo("hello");
			assertThat(Clients.get("127.0.0.1", publicPort, "/greeting").body()).isEqualTo("hello");
			assertThat(Clients.get("127.0.0.1", publicPort, "/actuator/health").statusCode()).isEqualTo(404);
			assertThat(Clients.get("127.0.0.1", managementPort, "/actuator/health").body()).contains("UP");
		}
	}

}
