package dev.nettybind.config;

import jakarta.validation.ValidationException;
import jakarta.validation.Validator;
import org.jspecify.annotations.Nullable;
import reactor.netty.http.server.HttpServer;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.reactor.netty.NettyReactiveWebServerFactory;
import org.springframework.boot.webflux.autoconfigure.WebFluxRegistrations;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.util.ClassUtils;
import org.springframework.web.reactive.DispatcherHandler;
import org.springframework.validation.beanvalidation.LocalValidatorFactoryBean;

import dev.nettybind.address.BindAddressResolver;
import dev.nettybind.server.BindServerCustomizer;
import dev.nettybind.server.ServerBinder;
import dev.nettybind.shared.SharedBindingRegistry;
import dev.nettybind.tls.CertificateDatabase;
import dev.nettybind.tls.CertificateDatabaseProperties;
import dev.nettybind.tls.CertificateDatabaseConfiguration;

/**
 * Auto-configuration of the named servers of {@code bind.servers}.
 *
 * @author Netty Bind Starter contributors
 * @since 0.1.0
 */
@AutoConfiguration(after = SslAutoConfiguration.class,
		afterName = "org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration",
		beforeName = "org.springframework.boot.reactor.netty.autoconfigure.NettyReactiveWebServerAutoConfiguration")
@ConditionalOnClass(HttpServer.class)
@Conditional(OnBindServersCondition.class)
@EnableConfigurationProperties(BindProperties.class)
@Import({ BoundServerBeanRegistrar.class, CertificateDatabaseConfiguration.class,
		BindServersAutoConfiguration.WebFluxHandlerConfiguration.class,
		BindServersAutoConfiguration.WebFluxRoutingConfiguration.class,
		BindServersAutoConfiguration.ReplaceWebServerConfiguration.class })
public final class BindServersAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	BindAddressResolver bindAddressResolver() {
		return new BindAddressResolver();
	}

	@Bean(destroyMethod = "dispose")
	ServerBinder serverBinder(BindProperties properties, BindAddressResolver addressResolver,
			ObjectProvider<CertificateDatabase> certificateDatabase, ObjectProvider<BindServerCustomizer> customizers,
			ObjectProvider<Validator> validator, ApplicationEventPublisher eventPublisher) {
		BindProperties.EventLoop eventLoop = properties.getEventLoop();
		return new ServerBinder(addressResolver, eventLoop.getThreads(), eventLoop.isPreferNative(),
				certificateDatabase::getIfAvailable, customizers.orderedStream().toList(),
				validator.getIfUnique(BindServersAutoConfiguration::validator), eventPublisher,
				properties.getShutdown().getTimeout());
	}

	/**
	 * Return a validator like Spring Boot's own, for an application that does not
	 * auto-configure validation.
	 */
	private static @Nullable Validator validator() {
		if (!ClassUtils.isPresent("jakarta.validation.Validation", BindServersAutoConfiguration.class.getClassLoader())) {
			return null;
		}
		LocalValidatorFactoryBean factory = new LocalValidatorFactoryBean();
		try {
			factory.afterPropertiesSet();
		}
		catch (ValidationException ex) {
			// No Bean Validation provider: the binder still checks what ties options together.
			return null;
		}
		return factory;
	}

	@Bean
	CertificateDatabaseProperties bindCertificateDatabaseProperties(BindProperties properties) {
		return properties.getCertificateDatabase();
	}

	@Bean
	SharedBindingRegistry sharedBindingRegistry(ServerBinder binder) {
		return binder.registry();
	}

	@Bean
	BoundServersLifecycle boundServersLifecycle(BindProperties properties, ServerBinder binder,
			BeanFactory beanFactory, ObjectProvider<HandlerResolver.ApplicationHandler> applicationHandler,
			ApplicationEventPublisher eventPublisher, ObjectProvider<ServerRouting> routing, Environment environment) {
		return new BoundServersLifecycle(properties, binder, new HandlerResolver(beanFactory, applicationHandler),
				eventPublisher, routing, environment);
	}

	@Bean
	static LocalBoundPortsPublisher localBoundPortsPublisher(ApplicationContext context) {
		return new LocalBoundPortsPublisher(context);
	}

	@Bean
	static LocalBoundPortBeanPostProcessor localBoundPortBeanPostProcessor(Environment environment) {
		return new LocalBoundPortBeanPostProcessor(environment);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(HttpHandler.class)
	static class WebFluxHandlerConfiguration {

		@Bean
		WebFluxApplicationHandler webFluxApplicationHandler(ObjectProvider<HttpHandler> httpHandler) {
			return new WebFluxApplicationHandler(httpHandler);
		}

	}

	/**
	 * Routes parts of the WebFlux application to named servers ({@code @OnServer},
	 * {@code management}, {@code annotated-only}).
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ DispatcherHandler.class, WebFluxRegistrations.class })
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
	static class WebFluxRoutingConfiguration {

		@Bean
		ServerRouting bindServerRouting(BindProperties properties) {
			return new ServerRouting(properties);
		}

		@Bean
		BoundServerExchangeFilter boundServerExchangeFilter() {
			return new BoundServerExchangeFilter();
		}

		@Bean
		@ConditionalOnMissingBean(WebFluxRegistrations.class)
		OnServerWebFluxRegistrations onServerWebFluxRegistrations(ObjectProvider<ServerRouting> routing) {
			return new OnServerWebFluxRegistrations(routing);
		}

		@Bean
		OnServerWebFilters onServerWebFilters(ListableBeanFactory beanFactory, ServerRouting routing) {
			return new OnServerWebFilters(beanFactory, routing);
		}

		@Bean
		static OnServerBeanPostProcessor onServerBeanPostProcessor(ObjectProvider<ServerRouting> routing) {
			return new OnServerBeanPostProcessor(routing);
		}

	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(NettyReactiveWebServerFactory.class)
	@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
	@ConditionalOnBooleanProperty("bind.replace-web-server")
	static class ReplaceWebServerConfiguration {

		@Bean
		ReplacedWebServerFactory replacedWebServerFactory() {
			return new ReplacedWebServerFactory(true);
		}

	}

}
