package dev.nettybind.config;

import javax.lang.model.element.Modifier;

import org.jspecify.annotations.Nullable;

import org.springframework.aot.generate.GeneratedClass;
import org.springframework.aot.generate.GeneratedMethod;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotContribution;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotProcessor;
import org.springframework.beans.factory.aot.BeanRegistrationExcludeFilter;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.beans.factory.support.RegisteredBean;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;

/**
 * Processes the servers of {@code bind.servers} ahead of time. Spring AOT fixes the bean
 * definitions at build time, but the servers are those of the environment at run time:
 * so the {@code <name>BoundServer} beans are left out of the generated code and
 * registered again, at run time, by {@link AheadOfTimeBoundServers}. Where the
 * auto-configuration is not part of the processed application, starting it with servers
 * declared fails rather than ignore them.
 *
 * @author Netty Bind Starter contributors
 */
class BoundServersAotProcessor implements BeanFactoryInitializationAotProcessor, BeanRegistrationExcludeFilter {

	private static final String AUTO_CONFIGURATION = BindServersAutoConfiguration.class.getName();

	@Override
	public boolean isExcludedFromAotProcessing(RegisteredBean registeredBean) {
		return ConfiguredBoundServer.class.getName()
			.equals(registeredBean.getMergedBeanDefinition().getBeanClassName());
	}

	@Override
	public @Nullable BeanFactoryInitializationAotContribution processAheadOfTime(
			ConfigurableListableBeanFactory beanFactory) {
		if (beanFactory.containsBeanDefinition(AUTO_CONFIGURATION)) {
			return contribution("registerBoundServers", true);
		}
		// Excluded, or without Reactor Netty: then the application ignores servers on the JVM too.
		Environment environment = beanFactory.containsBean(ConfigurableApplicationContext.ENVIRONMENT_BEAN_NAME)
				? beanFactory.getBean(ConfigurableApplicationContext.ENVIRONMENT_BEAN_NAME, Environment.class) : null;
		if (environment != null && OnBindServersCondition.outcome(environment).isMatch()) {
			return null;
		}
		return contribution("failIfServersDeclared", false);
	}

	private static BeanFactoryInitializationAotContribution contribution(String method, boolean registers) {
		return (generationContext, code) -> {
			// In the starter's package, so that the generated code reaches its package-private class.
			GeneratedClass generatedClass = generationContext.getGeneratedClasses()
				.addForFeatureComponent("BoundServers", AheadOfTimeBoundServers.class,
						(type) -> type.addJavadoc("The servers of {@code bind.servers} at run time.")
							.addModifiers(Modifier.PUBLIC));
			GeneratedMethod generatedMethod = generatedClass.getMethods()
				.add(method, (builder) -> {
					builder.addModifiers(Modifier.PUBLIC, Modifier.STATIC);
					if (registers) {
						builder.addParameter(DefaultListableBeanFactory.class, "beanFactory");
					}
					builder.addParameter(ConfigurableEnvironment.class, "environment")
						.addStatement("$T.$L($Lenvironment)", AheadOfTimeBoundServers.class, method,
								registers ? "beanFactory, " : "");
				});
			code.addInitializer(generatedMethod.toMethodReference());
		};
	}

}
