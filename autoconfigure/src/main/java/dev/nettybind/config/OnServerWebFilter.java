package dev.nettybind.config;

import java.util.function.Predicate;

import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.OrderUtils;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * A {@link WebFilter} that runs only on the servers {@code @OnServer} names, in the
 * place of the filter it confines.
 *
 * @author Netty Bind Starter contributors
 */
final class OnServerWebFilter implements WebFilter, Ordered {

	private final WebFilter filter;

	private final Predicate<ServerWebExchange> served;

	OnServerWebFilter(WebFilter filter, Predicate<ServerWebExchange> served) {
		this.filter = filter;
		this.served = served;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		return this.served.test(exchange) ? this.filter.filter(exchange, chain) : chain.filter(exchange);
	}

	@Override
	public int getOrder() {
		return order(this.filter);
	}

	/**
	 * Return the order of a bean that a confining one replaces: its own, or that of its
	 * class's {@code @Order}.
	 */
	static int order(Object confined) {
		return (confined instanceof Ordered ordered) ? ordered.getOrder()
				: OrderUtils.getOrder(confined.getClass(), Ordered.LOWEST_PRECEDENCE);
	}

	@Override
	public String toString() {
		return this.filter + " (confined to servers)";
	}

}
