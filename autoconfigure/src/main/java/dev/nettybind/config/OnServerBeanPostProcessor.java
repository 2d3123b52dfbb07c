package dev.nettybind.config;

import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.ClassUtils;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.reactive.function.server.RequestPredicate;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.server.WebFilter;

import dev.nettybind.diagnostics.ServerSetupException;
import dev.nettybind.web.OnServer;

/**
 * Confines the router functions and handler mappings that {@code @OnServer} annotates
 * (on their class or their {@code @Bean} method) to the servers it names; the router
 * functions that are not annotated to the servers that serve what is not annotated; and
 * the Actuator's handler mappings to the management server. Annotated web filters are
 * recorded for the startup check, and left as they are: {@link OnServerWebFilters}
 * confines them where the HTTP handler is built, so that they keep their type.
 *
 * @author Netty Bind Starter contributors
 */
final class OnServerBeanPostProcessor implements BeanPostProcessor, BeanFactoryAware {

	/**
	 * The package of the Actuator's WebFlux handler mappings.
	 */
	private static final String ACTUATOR_MAPPINGS = "org.springframework.boot.webflux.actuate.endpoint.web.";

	private final ObjectProvider<ServerRouting> routing;

	private @Nullable ConfigurableListableBeanFactory beanFactory;

	OnServerBeanPostProcessor(ObjectProvider<ServerRouting> routing) {
		this.routing = routing;
	}

	@Override
	public void setBeanFactory(BeanFactory beanFactory) {
		this.beanFactory = (beanFactory instanceof ConfigurableListableBeanFactory listable) ? listable : null;
	}

	@Override
	@SuppressWarnings({ "unchecked", "rawtypes" })
	public Object postProcessAfterInitialization(Object bean, String beanName) throws BeansException {
		if (!(bean instanceof RouterFunction) && !(bean instanceof WebFilter) && !(bean instanceof HandlerMapping)) {
			return bean;
		}
		ServerRouting routing = this.routing.getObject();
		OnServer onServer = onServer(beanName);
		Set<String> names = (onServer != null) ? routing.route("bean '" + beanName + "'", onServer.value()) : Set.of();
		if (bean instanceof RouterFunction<?> routes && (onServer != null || !routing.servesUnannotatedEverywhere())) {
			return RouterFunctions.nest(new ServedRequest(names, routing), (RouterFunction<ServerResponse>) routes);
		}
		if (bean instanceof RequestMappingHandlerMapping mapping
				&& !(bean instanceof OnServerWebFluxRegistrations.OnServerRequestMappingHandlerMapping)) {
			refuseConfinedControllers(mapping);
		}
		if (bean instanceof HandlerMapping && onServer != null) {
			return ServerConfinement.confine(bean, (exchange) -> routing.serves(exchange, names));
		}
		if (bean instanceof HandlerMapping && bean.getClass().getName().startsWith(ACTUATOR_MAPPINGS)
				&& routing.confinesManagement()) {
			return ServerConfinement.confine(bean, routing::servesManagement);
		}
		return bean;
	}

	/**
	 * Fail when the controllers' handler mapping is not the starter's, which the
	 * application's own {@code WebFluxRegistrations} replaces: {@code @OnServer} on a
	 * controller would then be ignored, and the controller served on every server.
	 */
	private void refuseConfinedControllers(RequestMappingHandlerMapping mapping) {
		for (HandlerMethod method : mapping.getHandlerMethods().values()) {
			OnServer onServer = AnnotatedElementUtils.findMergedAnnotation(method.getMethod(), OnServer.class);
			if (onServer == null) {
				onServer = AnnotatedElementUtils.findMergedAnnotation(method.getBeanType(), OnServer.class);
			}
			if (onServer != null && onServer.value().length > 0) {
				String name = onServer.value()[0];
				throw new ServerSetupException(name, "bind.servers." + name, "@OnServer(\"" + name + "\")",
						"@OnServer on " + ClassUtils.getQualifiedMethodName(method.getMethod(), method.getBeanType())
								+ " cannot be honoured: a WebFluxRegistrations bean of the application makes the "
								+ "controllers' handler mapping (" + mapping.getClass().getName()
								+ "), so the controller would be served on every server.",
						"Remove the application's WebFluxRegistrations bean, or serve these routes from a "
								+ "RouterFunction bean annotated @OnServer.",
						null);
			}
		}
	}

	private @Nullable OnServer onServer(String beanName) {
		if (this.beanFactory == null || !this.beanFactory.containsBeanDefinition(beanName)) {
			return null;
		}
		return this.beanFactory.findAnnotationOnBean(beanName, OnServer.class);
	}

	/**
	 * Matches a request served what is annotated for the given servers.
	 */
	private record ServedRequest(Set<String> serverNames, ServerRouting routing) implements RequestPredicate {

		@Override
		public boolean test(ServerRequest request) {
			return this.routing.serves(request.exchange(), this.serverNames);
		}

		@Override
		public String toString() {
			return this.serverNames.isEmpty() ? "onAnyServer" : "onServer" + this.serverNames;
		}

	}

}
