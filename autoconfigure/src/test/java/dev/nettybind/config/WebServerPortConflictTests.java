package dev.nettybind.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import dev.nettybind.Clients;
import dev.nettybind.ExpectsErrorLog;
import dev.nettybind.TestWebFluxApplication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * A bind server on the port of Spring Boot's own web server of the same application
 * fails with a report that says so and names {@code bind.replace-web-server}, instead
 * of blaming another process.
 */
@ExpectsErrorLog("Spring Boot's failure report of the startup that fails on purpose")
@ExtendWith(OutputCaptureExtension.class)
class WebServerPortConflictTests {

	@Test
	void portOfBootsOwnServerIsReportedAsSuch(CapturedOutput output) {
		int port = Clients.freePort();
		SpringApplication application = new SpringApplication(TestWebFluxApplication.class);
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

}
