package dev.nettybind.config;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;

import dev.nettybind.server.ServerBoundEvent;

/**
 * Publishes the actual port of each bound server as {@code local.bind.<name>.port}, as
 * Boot publishes {@code local.server.port}, so that tests can inject it with
 * {@code @Value("${local.bind.admin.port}")}; a server on a Unix domain socket publishes
 * its path as {@code local.bind.<name>.path} instead.
 *
 * @author Netty Bind Starter contributors
 */
final class LocalBoundPortsPublisher implements ApplicationListener<ServerBoundEvent> {

	static final String PROPERTY_SOURCE_NAME = "local.bind.ports";

	private final ApplicationContext context;

	LocalBoundPortsPublisher(ApplicationContext context) {
		this.context = context;
	}

	@Override
	public void onApplicationEvent(ServerBoundEvent event) {
		Path path = event.getServer().path();
		String property = "local.bind." + event.getServer().name() + ((path != null) ? ".path" : ".port");
		Object value = (path != null) ? path.toString() : event.getServer().port();
		for (ApplicationContext context = this.context; context != null; context = context.getParent()) {
			if (context instanceof ConfigurableApplicationContext configurable) {
				set(configurable.getEnvironment(), property, value);
			}
		}
	}

	@SuppressWarnings("unchecked")
	private void set(ConfigurableEnvironment environment, String property, Object value) {
		MutablePropertySources sources = environment.getPropertySources();
		PropertySource<?> source;
		// Servers bound at runtime publish from the threads that bind them.
		synchronized (sources) {
			source = sources.get(PROPERTY_SOURCE_NAME);
			if (source == null) {
				source = new MapPropertySource(PROPERTY_SOURCE_NAME, new ConcurrentHashMap<>());
				sources.addFirst(source);
			}
		}
		((Map<String, Object>) source.getSource()).put(property, value);
	}

}
