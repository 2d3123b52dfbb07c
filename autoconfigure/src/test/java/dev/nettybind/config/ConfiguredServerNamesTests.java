package dev.nettybind.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link BoundServerBeanRegistrar#serverNames}: the names read from the
 * property names are the keys that binding {@code bind.servers} as a map gives.
 */
class ConfiguredServerNamesTests {

	@Test
	void namesAreTheKeysOfTheBoundMapInTheirOrder() {
		StandardEnvironment environment = environment();
		environment.getPropertySources()
			.addLast(new MapPropertySource("first",
					properties("bind.servers.b.port", 1, "bind.servers[x.y].port", 2, "other.servers.c.port", 3)));
		environment.getPropertySources()
			.addLast(new MapPropertySource("second", properties("bind.servers.a.port", 4, "bind.servers.b.shared", true)));
		environment.getPropertySources()
			.addLast(new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
					Map.of("BIND_SERVERS_ENVSERVER_PORT", "5")));
		Set<String> names = BoundServerBeanRegistrar.serverNames(environment);
		assertThat(names).containsExactly("b", "x.y", "a", "envserver");
		assertThat(List.copyOf(names)).isEqualTo(List.copyOf(boundKeys(environment)));
	}

	@Test
	void valueOfTheMapItselfIsBoundAsSpringBootBindsIt() {
		StandardEnvironment environment = environment();
		environment.getPropertySources()
			.addLast(new MapPropertySource("map", properties("bind.servers", Map.of("z", Map.of("port", 1)))));
		assertThat(BoundServerBeanRegistrar.serverNames(environment)).containsExactly("z")
			.isEqualTo(boundKeys(environment));
	}

	@Test
	void noServerGivesNoName() {
		assertThat(BoundServerBeanRegistrar.serverNames(environment())).isEmpty();
	}

	/**
	 * An environment without the process's own system properties and variables.
	 */
	private static StandardEnvironment environment() {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
		environment.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
		return environment;
	}

	private static Set<String> boundKeys(StandardEnvironment environment) {
		return Binder.get(environment)
			.bind("bind.servers", Bindable.mapOf(String.class, Object.class))
			.map(Map::keySet)
			.orElse(Set.of());
	}

	private static Map<String, Object> properties(Object... namesAndValues) {
		Map<String, Object> properties = new LinkedHashMap<>();
		for (int i = 0; i < namesAndValues.length; i += 2) {
			properties.put((String) namesAndValues[i], namesAndValues[i + 1]);
		}
		return properties;
	}

}
