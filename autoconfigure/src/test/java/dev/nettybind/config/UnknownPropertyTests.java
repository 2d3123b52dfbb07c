package dev.nettybind.config;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

import dev.nettybind.ExpectsErrorLog;
import dev.nettybind.TestHandlers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * A property under {@code bind} that the starter does not know fails the startup, naming
 * it and the property it was probably meant to be: a misspelled security setting must
 * not be ignored.
 */
@ExpectsErrorLog("Spring Boot's failure report of each startup that fails on purpose")
@ExtendWith(OutputCaptureExtension.class)
class UnknownPropertyTests {

	@ParameterizedTest
	@CsvSource({
			"bind.servers.api.requst-client-certificate, Server 'api', bind.servers.api.request-client-certificate",
			"bind.servers.api.limits.max-body-sise, Server 'api', bind.servers.api.limits.max-body-size",
			"bind.replace-web-sever, The starter, bind.replace-web-server",
			"bind.certificate-database.pasword, The starter, bind.certificate-database.password" })
	void misspelledPropertyFailsWithTheClosestKnownOne(String property, String subject, String closest,
			CapturedOutput output) {
		assertThatException().isThrownBy(() -> run("bind.servers.api.handler=hello", property + "=true"));
		assertThat(output).contains("APPLICATION FAILED TO START")
			.contains(subject + " has no property '" + property + "', which would be ignored.")
			.contains("Did you mean '" + closest + "'? Correct or remove '" + property + "'");
	}

	private static void run(String... properties) {
		SpringApplication application = new SpringApplication(Application.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		List<String> args = new ArrayList<>();
		args.add("--spring.main.banner-mode=off");
		for (String property : properties) {
			args.add("--" + property);
		}
		application.run(args.toArray(String[]::new)).close();
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(BindServersAutoConfiguration.class)
	@Import(TestHandlers.class)
	static class Application {

	}

}
