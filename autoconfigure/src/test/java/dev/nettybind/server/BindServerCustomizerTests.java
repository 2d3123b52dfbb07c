package dev.nettybind.server;

import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

import dev.nettybind.Clients;
import dev.nettybind.TestHandlers;
import dev.nettybind.config.BindServersAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link BindServerCustomizer} beans are applied in order, after the options, to the
 * server they name.
 */
class BindServerCustomizerTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(BindServersAutoConfiguration.class))
		.withUserConfiguration(TestHandlers.class, Customizers.class)
		.withPropertyValues("bind.servers.short.handler=hello", "bind.servers.other.handler=hello");

	@Test
	void customizersRunInOrderAfterTheOptionsOnTheServerTheyChoose() {
		this.runner.run((context) -> {
			// The options set 4KB, the first customizer 16 bytes, the last one 64 bytes.
			String path = "/" + "x".repeat(100);
			int shortPort = context.getBean("shortBoundServer", BoundServer.class).port();
			int otherPort = context.getBean("otherBoundServer", BoundServer.class).port();
			assertThat(Clients.get("127.0.0.1", shortPort, path).statusCode()).isEqualTo(414);
			assertThat(Clients.get("127.0.0.1", shortPort, "/" + "x".repeat(30)).statusCode()).isEqualTo(200);
			assertThat(Clients.get("127.0.0.1", otherPort, path).statusCode()).isEqualTo(200);
		});
	}

	@Configuration(proxyBeanMethods = false)
	static class Customizers {

		@Bean
		@Order(2)
		BindServerCustomizer longer() {
			return (name, server) -> name.equals("short")
					? server.httpRequestDecoder((spec) -> spec.maxInitialLineLength(64)) : server;
		}

		@Bean
		@Order(1)
		BindServerCustomizer shorter() {
			return (name, server) -> name.equals("short")
					? server.httpRequestDecoder((spec) -> spec.maxInitialLineLength(16)) : server;
		}

	}

}
