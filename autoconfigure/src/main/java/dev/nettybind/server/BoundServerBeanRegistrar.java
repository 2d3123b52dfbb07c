package dev.nettybind.server;

import java.util.Map;
import java.util.Set;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.support.AutowireCandidateQualifier;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotationMetadata;

/**
 * Registers one {@link BoundServer} bean per server of {@code bind.servers}, qualified by
 * the server's name, so that {@code @Qualifier("admin") BoundServer admin} injects it.
 * The bean is named {@code <name>BoundServer} so that it never clashes with a handler
 * bean of the same name as the server.
 *
 * @author Netty Bind Starter contributors
 */
class BoundServerBeanRegistrar implements ImportBeanDefinitionRegistrar, EnvironmentAware, BeanFactoryAware {

	private Environment environment;

	private BeanFactory beanFactory;

	@Override
	public void setEnvironment(Environment environment) {
		this.environment = environment;
	}

	@Override
	public void setBeanFactory(BeanFactory beanFactory) {
		this.beanFactory = beanFactory;
	}

	@Override
	public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
		Binder.get(this.environment)
			.bind("bind.servers", Bindable.mapOf(String.class, Object.class))
			.map(Map::keySet)
			.orElse(Set.of())
			.forEach((name) -> register(registry, name));
	}

	private void register(BeanDefinitionRegistry registry, String name) {
		RootBeanDefinition definition = new RootBeanDefinition(BoundServer.class,
				() -> this.beanFactory.getBean(BoundServersLifecycle.class).server(name));
		definition.addQualifier(new AutowireCandidateQualifier(Qualifier.class, name));
		registry.registerBeanDefinition(beanName(name), definition);
	}

	static String beanName(String serverName) {
		return serverName + "BoundServer";
	}

}
