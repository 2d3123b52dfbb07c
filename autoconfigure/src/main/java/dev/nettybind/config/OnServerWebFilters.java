package dev.nettybind.config;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.webflux.autoconfigure.WebHttpHandlerBuilderCustomizer;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.adapter.WebHttpHandlerBuilder;

import dev.nettybind.web.OnServer;

/**
 * Confines the {@link WebFilter} beans that {@code @OnServer} annotates to the servers
 * it names, in the filter chain of the application's HTTP handler: the beans themselves
 * stay as they are, for whoever injects them.
 *
 * @author Netty Bind Starter contributors
 */
final class OnServerWebFilters implements WebHttpHandlerBuilderCustomizer {

	private final ListableBeanFactory beanFactory;

	private final ServerRouting routing;

	OnServerWebFilters(ListableBeanFactory beanFactory, ServerRouting routing) {
		this.beanFactory = beanFactory;
		this.routing = routing;
	}

	@Override
	public void customize(WebHttpHandlerBuilder builder) {
		Map<WebFilter, Set<String>> confined = new IdentityHashMap<>();
		for (String name : this.beanFactory.getBeanNamesForType(WebFilter.class)) {
			OnServer onServer = this.beanFactory.findAnnotationOnBean(name, OnServer.class);
			if (onServer != null) {
				confined.put(this.beanFactory.getBean(name, WebFilter.class),
						this.routing.route("bean '" + name + "'", onServer.value()));
			}
		}
		if (!confined.isEmpty()) {
			builder.filters((filters) -> filters.replaceAll((filter) -> {
				Set<String> names = confined.get(filter);
				return (names != null) ? confine(filter, names) : filter;
			}));
		}
	}

	/**
	 * The chain is already in order and is not a bean: a plain delegate does, without a
	 * proxy's reflective call on every request.
	 */
	private WebFilter confine(WebFilter filter, Set<String> names) {
		return (exchange, chain) -> this.routing.serves(exchange, names) ? filter.filter(exchange, chain)
				: chain.filter(exchange);
	}

}
