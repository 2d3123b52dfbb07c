package dev.nettybind.actuate;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import dev.nettybind.server.ServerBinder;

/**
 * Auto-configuration of the {@code servers} endpoint and of the health of the servers.
 *
 * @author Netty Bind Starter contributors
 * @since 0.1.0
 */
@AutoConfiguration(afterName = "dev.nettybind.config.BindServersAutoConfiguration")
@ConditionalOnClass(Endpoint.class)
@ConditionalOnBean(ServerBinder.class)
public final class BindServersActuatorAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	@ConditionalOnAvailableEndpoint
	ServersEndpoint serversEndpoint(ServerBinder binder) {
		return new ServersEndpoint(binder);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(HealthIndicator.class)
	@ConditionalOnEnabledHealthIndicator("bindservers")
	static class HealthConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = "bindServersHealthIndicator")
		BindServersHealthIndicator bindServersHealthIndicator(ServerBinder binder) {
			return new BindServersHealthIndicator(binder);
		}

	}

}
