package dev.nettybind.config;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.http.server.HttpServerRoutes;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.ResolvableType;
import org.springframework.util.ClassUtils;

import dev.nettybind.diagnostics.Suggestions;
import dev.nettybind.server.BoundServer;

/**
 * Finds the handler of a configured server: the bean its {@code handler} names, or the
 * application's own handler (its WebFlux {@code HttpHandler}).
 *
 * @author Netty Bind Starter contributors
 */
final class HandlerResolver {

	/**
	 * The mapping of the Actuator's endpoints in a WebFlux application; in the
	 * application's own context only when they have no management server of their own.
	 */
	private static final String ACTUATOR_MAPPING = "org.springframework.boot.webflux.actuate.endpoint.web."
			+ "WebFluxEndpointHandlerMapping";

	private final BeanFactory beanFactory;

	private final ObjectProvider<ApplicationHandler> applicationHandler;

	HandlerResolver(BeanFactory beanFactory, ObjectProvider<ApplicationHandler> applicationHandler) {
		this.beanFactory = beanFactory;
		this.applicationHandler = applicationHandler;
	}

	@SuppressWarnings("unchecked")
	BiFunction<? super HttpServerRequest, ? super HttpServerResponse, ? extends Publisher<Void>> resolve(
			BoundServer server, @Nullable String handlerName) {
		String serverName = server.name();
		if (handlerName == null) {
			ApplicationHandler handler = this.applicationHandler.getIfAvailable();
			BiFunction<HttpServerRequest, HttpServerResponse, ? extends Publisher<Void>> resolved = (handler != null)
					? handler.get(server) : null;
			if (resolved == null) {
				throw HandlerNotFoundException.noDefault(serverName);
			}
			return resolved;
		}
		if (!this.beanFactory.containsBean(handlerName)) {
			throw HandlerNotFoundException.noBean(serverName, handlerName, closestHandler(handlerName));
		}
		ResolvableType type = ResolvableType.forClass(this.beanFactory.getType(handlerName));
		if (this.beanFactory instanceof ConfigurableListableBeanFactory listable
				&& listable.containsBeanDefinition(handlerName)) {
			ResolvableType declared = listable.getMergedBeanDefinition(handlerName).getResolvableType();
			type = (declared != ResolvableType.NONE) ? declared : type;
		}
		Object bean = this.beanFactory.getBean(handlerName);
		if (bean instanceof BiFunction<?, ?, ?> function && accepts(type.as(BiFunction.class), 0, HttpServerRequest.class)
				&& accepts(type.as(BiFunction.class), 1, HttpServerResponse.class)
				&& returns(type.as(BiFunction.class), 2, Publisher.class)) {
			return (BiFunction<? super HttpServerRequest, ? super HttpServerResponse, ? extends Publisher<Void>>) function;
		}
		if (bean instanceof Consumer<?> routes && accepts(type.as(Consumer.class), 0, HttpServerRoutes.class)) {
			HttpServerRoutes declared = HttpServerRoutes.newRoutes();
			((Consumer<? super HttpServerRoutes>) routes).accept(declared);
			return declared;
		}
		throw HandlerNotFoundException.notAHandler(serverName, handlerName, type);
	}

	/**
	 * Say what a server with the given handler serves, for the log.
	 * @param handlerName the handler bean, {@code null} for the application's own
	 * @param servesActuator whether the server serves the Actuator's endpoints, when the
	 * application serves them
	 * @return what it serves, such as {@code the handler bean 'adminRoutes'}
	 */
	String describe(@Nullable String handlerName, boolean servesActuator) {
		if (handlerName != null) {
			return "the handler bean '" + handlerName + "'";
		}
		return (servesActuator && servesActuator()) ? "the WebFlux application, the Actuator's endpoints included"
				: "the WebFlux application";
	}

	/**
	 * Return whether the application's own handler serves the Actuator's endpoints: they
	 * have no management server of their own (management.server.port).
	 * @return whether the WebFlux application includes the Actuator
	 */
	boolean servesActuator() {
		return this.beanFactory instanceof ListableBeanFactory listable
				&& ClassUtils.isPresent(ACTUATOR_MAPPING, HandlerResolver.class.getClassLoader())
				&& listable.getBeanNamesForType(ClassUtils.resolveClassName(ACTUATOR_MAPPING,
						HandlerResolver.class.getClassLoader()), false, false).length > 0;
	}

	/**
	 * Return the bean of a handler's type whose name is closest to the one given.
	 */
	private @Nullable String closestHandler(String handlerName) {
		if (!(this.beanFactory instanceof ListableBeanFactory listable)) {
			return null;
		}
		Set<String> handlers = new LinkedHashSet<>();
		handlers.addAll(Arrays.asList(listable.getBeanNamesForType(BiFunction.class, false, false)));
		handlers.addAll(Arrays.asList(listable.getBeanNamesForType(Consumer.class, false, false)));
		return Suggestions.closest(handlerName, handlers);
	}

	/**
	 * Return whether the generic parameter at the given index takes the given type; an
	 * unresolvable one (a raw type, a lambda without declared type) is given the benefit
	 * of the doubt.
	 */
	private static boolean accepts(ResolvableType function, int index, Class<?> argument) {
		Class<?> parameter = function.getGeneric(index).resolve();
		return parameter == null || parameter.isAssignableFrom(argument);
	}

	private static boolean returns(ResolvableType function, int index, Class<?> result) {
		Class<?> returned = function.getGeneric(index).resolve();
		return returned == null || result.isAssignableFrom(returned);
	}

	/**
	 * The handler of the application itself, served by servers that name none.
	 */
	@FunctionalInterface
	interface ApplicationHandler {

		/**
		 * Return the application's handler on a server.
		 * @param server the server that serves it
		 * @return the handler, or {@code null} if the application has none
		 */
		@Nullable BiFunction<HttpServerRequest, HttpServerResponse, ? extends Publisher<Void>> get(BoundServer server);

	}

}
