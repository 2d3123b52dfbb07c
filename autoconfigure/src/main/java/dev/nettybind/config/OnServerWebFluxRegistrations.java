package dev.nettybind.config;

import java.lang.reflect.Method;
import java.util.Set;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.webflux.autoconfigure.WebFluxRegistrations;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.ClassUtils;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.reactive.result.method.RequestMappingInfo;
import org.springframework.web.reactive.result.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.server.ServerWebExchange;

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

		/**
		 * The servers of a method, else those of the handler's class: the class whose
		 * bean maps the method, so that a method it inherits from a class without
		 * {@code @OnServer} is confined as its own are. A type condition would not do: a
		 * class without {@code @RequestMapping} has none.
		 */
		@Override
		protected @Nullable RequestMappingInfo getMappingForMethod(Method method, Class<?> handlerType) {
			RequestMappingInfo info = super.getMappingForMethod(method, handlerType);
			if (info == null) {
				return null;
			}
			ServerRouting routing = this.routing.getObject();
			OnServer onServer = AnnotatedElementUtils.findMergedAnnotation(method, OnServer.class);
			if (onServer == null) {
				onServer = AnnotatedElementUtils.findMergedAnnotation(handlerType, OnServer.class);
			}
			Set<String> names = (onServer != null)
					? routing.route(ClassUtils.getQualifiedMethodName(method, handlerType), onServer.value()) : Set.of();
			return info.mutate().customCondition(new OnServerRequestCondition(routing, names)).build();
		}

		/**
		 * Only the mappings of this server explain a miss: a path mapped with another
		 * method on another server is a 404 here, not a 405.
		 */
		@Override
		protected @Nullable HandlerMethod handleNoMatch(Set<RequestMappingInfo> infos, ServerWebExchange exchange)
				throws Exception {
			Set<RequestMappingInfo> served = infos.stream()
				.filter((info) -> info.getCustomCondition() == null
						|| info.getCustomCondition().getMatchingCondition(exchange) != null)
				.collect(Collectors.toSet());
			return super.handleNoMatch(served, exchange);
		}

	}

}
