package dev.nettybind.server;

import java.util.function.BiFunction;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.http.server.HttpServerRoutes;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;

/**
 * Finds the handler of a configured server: the bean its {@code handler} names, or the
 * application's own handler (its WebFlux {@code HttpHandler}).
 *
 * @author Netty Bind Starter contributors
 */
final class HandlerResolver {

	private final BeanFactory beanFactory;

	private final ObjectProvider<ApplicationHandler> applicationHandler;

	HandlerResolver(BeanFactory beanFactory, ObjectProvider<ApplicationHandler> applicationHandler) {
		this.beanFactory = beanFactory;
		this.applicationHandler = applicationHandler;
	}

	@SuppressWarnings("unchecked")
	BiFunction<? super HttpServerRequest, ? super HttpServerResponse, ? extends Publisher<Void>> resolve(
			String serverName, @Nullable String handlerName) {
		if (handlerName == null) {
			ApplicationHandler handler = this.applicationHandler.getIfAvailable();
			BiFunction<HttpServerRequest, HttpServerResponse, ? extends Publisher<Void>> resolved = (handler != null)
					? handler.get() : null;
			if (resolved == null) {
				throw HandlerNotFoundException.noDefault(serverName);
			}
			return resolved;
		}
		if (!this.beanFactory.containsBean(handlerName)) {
			throw HandlerNotFoundException.noBean(serverName, handlerName);
		}
		Object bean = this.beanFactory.getBean(handlerName);
		if (bean instanceof BiFunction<?, ?, ?> function) {
			return (BiFunction<? super HttpServerRequest, ? super HttpServerResponse, ? extends Publisher<Void>>) function;
		}
		if (bean instanceof Consumer<?> routes) {
			return Handlers.routes((Consumer<? super HttpServerRoutes>) routes);
		}
		throw HandlerNotFoundException.notAHandler(serverName, handlerName, bean.getClass());
	}

	/**
	 * The handler of the application itself, served by servers that name none.
	 */
	@FunctionalInterface
	interface ApplicationHandler {

		/**
		 * Return the application's handler.
		 * @return the handler, or {@code null} if the application has none
		 */
		@Nullable BiFunction<HttpServerRequest, HttpServerResponse, ? extends Publisher<Void>> get();

	}

}
