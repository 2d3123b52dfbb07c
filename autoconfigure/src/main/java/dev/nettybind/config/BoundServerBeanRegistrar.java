package dev.nettybind.config;

import java.util.Map;
import java.util.Set;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.support.AbstractBeanDefinition;
import org.springframework.beans.factory.support.AutowireCandidateQualifier;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
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

	static Set<String> serverNames(Environment environment) {
		return Binder.get(environment)
			.bind("bind.servers", Bindable.mapOf(String.class, Object.class))
			.map(Map::keySet)
			.orElse(Set.of());
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
