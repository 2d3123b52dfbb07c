package dev.nettybind.config;

import java.util.function.BiFunction;

import org.junit.jupiter.api.Test;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.webflux.actuate.endpoint.web.WebFluxEndpointHandlerMapping;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link HandlerResolver}: which beans are handlers, and how the startup log
 * names what a server serves.
 */
class HandlerResolverTests {

	private final DefaultListableBeanFactory beanFactory = new DefaultListableBeanFactory();

	private final HandlerResolver resolver = new HandlerResolver(this.beanFactory,
			this.beanFactory.getBeanProvider(HandlerResolver.ApplicationHandler.class));

	@Test
	void handlerBeanIsNamed() {
		assertThat(this.resolver.describe("hello", true)).isEqualTo("the handler bean 'hello'");
	}

	@Test
	void applicationWithoutTheActuatorsMappingServesNoEndpoints() {
		assertThat(this.resolver.servesActuator()).isFalse();
		assertThat(this.resolver.describe(null, true)).isEqualTo("the WebFlux application");
	}

	@Test
	void applicationWithTheActuatorsMappingServesItsEndpointsWhereTheyAreServed() {
		this.beanFactory.registerBeanDefinition("webEndpointReactiveHandlerMapping",
				new RootBeanDefinition(WebFluxEndpointHandlerMapping.class));
		assertThat(this.resolver.servesActuator()).isTrue();
		assertThat(this.resolver.describe(null, true))
			.isEqualTo("the WebFlux application, the Actuator's endpoints included");
		assertThat(this.resolver.describe(null, false)).isEqualTo("the WebFlux application");
	}

	@Test
	void functionThatReturnsNoPublisherIsNoHandler() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(BindServersAutoConfiguration.class))
			.withUserConfiguration(TextFunction.class)
			.withPropertyValues("bind.servers.api.handler=text")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(HandlerNotFoundException.class)
				.hasMessageContaining("'text'"));
	}

	@Configuration(proxyBeanMethods = false)
	static class TextFunction {

		@Bean
		BiFunction<HttpServerRequest, HttpServerResponse, String> text() {
			return (request, response) -> "not a publisher";
		}

	}

}
