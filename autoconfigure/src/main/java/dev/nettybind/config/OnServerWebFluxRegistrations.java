package dev.nettybind.config;

import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Method;
import java.util.Set;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.webflux.autoconfigure.WebFluxRegistrations;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.ClassUtils;
import org.springframework.web.reactive.result.condition.RequestCondition;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;

import dev.nettybind.web.OnServer;

/**
 * Gives the controllers' request mappings a condition on the server that serves the
 * request, through Spring Boot's {@link WebFluxRegistrations}.
 *
 * @author Netty Bind Starter contributors
 */
final class OnServerWebFluxRegistrations implements WebFluxRegistrations {

	private final ObjectProvider<ServerRouting> routing;

	OnServerWebFluxRegistrations(ObjectProvider<ServerRouting> routing) {
		this.routing = routing;
	}

	@Override
	public RequestMappingHandlerMapping getRequestMappingHandlerMapping() {
		return new OnServerRequestMappingHandlerMapping(this.routing);
	}

	/**
	 * Maps the controllers' methods with a condition on the server.
	 */
	static final class OnServerRequestMappingHandlerMapping extends RequestMappingHandlerMapping {

		private final ObjectProvider<ServerRouting> routing;

		OnServerRequestMappingHandlerMapping(ObjectProvider<ServerRouting> routing) {
			this.routing = routing;
		}

		@Override
		protected RequestCondition<?> getCustomTypeCondition(Class<?> handlerType) {
			return condition(handlerType, ClassUtils.getUserClass(handlerType).getName());
		}

		@Override
		protected RequestCondition<?> getCustomMethodCondition(Method method) {
			return condition(method, ClassUtils.getQualifiedMethodName(method));
		}

		private RequestCondition<?> condition(AnnotatedElement element, String source) {
			ServerRouting routing = this.routing.getObject();
			OnServer onServer = AnnotatedElementUtils.findMergedAnnotation(element, OnServer.class);
			Set<String> names = (onServer != null) ? routing.route(source, onServer.value()) : Set.of();
			return new OnServerRequestCondition(routing, names);
		}

	}

}
