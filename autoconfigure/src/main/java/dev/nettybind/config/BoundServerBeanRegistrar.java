package dev.nettybind.config;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.support.AbstractBeanDefinition;
import org.springframework.beans.factory.support.AutowireCandidateQualifier;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName.Form;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotationMetadata;

import dev.nettybind.server.BoundServer;

/**
 * Registers one {@link BoundServer} bean per server of {@code bind.servers}, qualified by
 * the server's name, so that {@code @Qualifier("admin") BoundServer admin} injects it.
 * The bean is named {@code <name>BoundServer} so that it never clashes with a handler
 * bean of the same name as the server.
 * <p>
 * An application processed ahead of time does not keep the beans registered at build
 * time: {@link BoundServersAotProcessor} has them registered again, from the servers of
 * the environment at run time.
 *
 * @author Netty Bind Starter contributors
 */
class BoundServerBeanRegistrar implements ImportBeanDefinitionRegistrar, EnvironmentAware {

	private static final ConfigurationPropertyName SERVERS = ConfigurationPropertyName.of("bind.servers");

	private Environment environment;

	@Override
	public void setEnvironment(Environment environment) {
		this.environment = environment;
	}

	@Override
	public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
		registerBoundServers(registry, this.environment);
	}

	/**
	 * Register the bean of each server that the environment declares.
	 * @param registry where to register them
	 * @param environment the environment
	 */
	static void registerBoundServers(BeanDefinitionRegistry registry, Environment environment) {
		serverNames(environment).forEach((name) -> register(registry, name));
	}

	/**
	 * Return the names of the servers that the environment declares, the keys of the
	 * map {@code bind.servers}, in the order Spring Boot binds them. They are read from
	 * the names of the properties: binding the map would bind every property of every
	 * server, and a startup asks for the names three times (the condition of the
	 * auto-configuration twice, then this registrar). Only where {@code bind.servers}
	 * itself has a value, which Spring Boot converts to the map, is the map bound.
	 * @param environment the environment
	 * @return the names of the servers
	 */
	static Set<String> serverNames(Environment environment) {
		Set<String> names = new LinkedHashSet<>();
		// The sources that Binder.get(environment) binds from, in its order.
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
			if (source.getConfigurationProperty(SERVERS) != null) {
				return Binder.get(environment)
					.bind(SERVERS, Bindable.mapOf(String.class, Object.class))
					.map(Map::keySet)
					.orElse(Set.of());
			}
			// As Spring Boot's MapBinder: the entries of a map come only from sources that list their names.
			if (source instanceof IterableConfigurationPropertySource iterable) {
				iterable.stream()
					.filter((name) -> SERVERS.isAncestorOf(name) && source.getConfigurationProperty(name) != null)
					.forEach((name) -> names.add(name.getElement(SERVERS.getNumberOfElements(), Form.ORIGINAL)));
			}
		}
		return names;
	}

	private static void register(BeanDefinitionRegistry registry, String name) {
		// A constructor, not an instance supplier, so that Spring AOT can generate it.
		RootBeanDefinition definition = new RootBeanDefinition(ConfiguredBoundServer.class);
		definition.setTargetType(BoundServer.class);
		definition.getConstructorArgumentValues().addIndexedArgumentValue(0, name);
		definition.setAutowireMode(AbstractBeanDefinition.AUTOWIRE_CONSTRUCTOR);
		definition.addQualifier(new AutowireCandidateQualifier(Qualifier.class, name));
		registry.registerBeanDefinition(beanName(name), definition);
	}

	static String beanName(String serverName) {
		return serverName + "BoundServer";
	}

}
