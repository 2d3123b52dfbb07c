package dev.nettybind.actuate;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

import dev.nettybind.server.ServerBinder;

/**
 * Auto-configuration of the meters of the servers.
 *
 * @author Netty Bind Starter contributors
 * @since 0.1.0
 */
@AutoConfiguration(afterName = { "dev.nettybind.config.BindServersAutoConfiguration",
		"org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration" })
@ConditionalOnClass(MeterRegistry.class)
@ConditionalOnBean(ServerBinder.class)
public final class BindServersMetricsAutoConfiguration {

	/**
	 * Distinct {@code uri} tags of Reactor Netty's server meters beyond which new ones
	 * are dropped, a guard against unbounded cardinality.
	 */
	static final int MAX_URI_TAGS = 100;

	@Bean
	BindServersMeterBinder bindServersMeterBinder() {
		return new BindServersMeterBinder();
	}

	@Bean
	MeterFilter bindServersUriTagFilter() {
		return MeterFilter.maximumAllowableTags("reactor.netty.http.server", "uri", MAX_URI_TAGS, MeterFilter.deny());
	}

}
