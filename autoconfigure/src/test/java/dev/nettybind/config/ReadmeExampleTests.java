package dev.nettybind.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;

import dev.nettybind.Clients;
import dev.nettybind.Processes;
import dev.nettybind.TestCertificates;
import dev.nettybind.TestCertificates.Issued;
import dev.nettybind.TestWebFluxApplication;
import dev.nettybind.web.OnServer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code application.yml} of the README, as written, starts a WebFlux application
 * whose four servers serve what they should: only the ports (8080, 8443 and 9090 may be
 * taken here) and the certificate file are moved.
 */
class ReadmeExampleTests {

	private static final Pattern YAML = Pattern.compile("```yaml\\n(.*?)```", Pattern.DOTALL);

	@TempDir
	Path directory;

	@Test
	void readmeApplicationYmlStartsAndServes() throws IOException {
		Issued ca = TestCertificates.ca("CN=Readme CA, O=Example");
		Path certificates = TestCertificates.keyStore()
			.key("server", TestCertificates.server("CN=localhost, O=Example", ca))
			.trusted("ca", ca.certificate())
			.writeTo(this.directory.resolve("certs.p12"), "changeit");
		SpringApplication application = new SpringApplication(TestWebFluxApplication.class, AdminRoutes.class);
		application.setWebApplicationType(WebApplicationType.REACTIVE);
		application.addInitializers((context) -> context.getEnvironment()
			.getPropertySources()
			.addLast(readmeYaml()));
		try (ConfigurableApplicationContext context = application.run("--spring.main.banner-mode=off",
				"--bind.servers.public.port=0", "--bind.servers.partner.port=0", "--bind.servers.ops.port=0",
				"--bind.certificate-database.location=file:" + certificates)) {
			int publicPort = port(context, "public");
			assertThat(Clients.get("::1", publicPort, "/greeting").body()).isEqualTo("hello");
			assertThat(Clients.get("127.0.0.1", publicPort, "/greeting").body()).isEqualTo("hello");
			assertThat(Clients.get("127.0.0.1", port(context, "admin"), "/status").body()).isEqualTo("admin");
			assertThat(Clients.get("127.0.0.1", publicPort, "/status").statusCode()).isEqualTo(404);
			assertThat(Clients.get("127.0.0.1", port(context, "admin"), "/greeting").statusCode()).isEqualTo(404);
			assertThat(Processes.presentedSubject(port(context, "partner"))).isEqualTo("O=Example, CN=localhost");
		}
	}

	private static int port(ConfigurableApplicationContext context, String server) {
		return context.getEnvironment().getRequiredProperty("local.bind." + server + ".port", Integer.class);
	}

	private static PropertySource<?> readmeYaml() {
		try {
			String readme = Files.readString(Path.of("../README.md"), StandardCharsets.UTF_8);
			Matcher yaml = YAML.matcher(readme);
			assertThat(yaml.find()).as("a yaml block in README.md").isTrue();
			List<PropertySource<?>> sources = new YamlPropertySourceLoader().load("README.md",
					new ByteArrayResource(yaml.group(1).getBytes(StandardCharsets.UTF_8)));
			return sources.get(0);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class AdminRoutes {

		@Bean
		@OnServer("admin")
		RouterFunction<ServerResponse> adminRoutes() {
			return RouterFunctions.route(RequestPredicates.GET("/status"),
					(request) -> ServerResponse.ok().bodyValue("admin"));
		}

	}

}
