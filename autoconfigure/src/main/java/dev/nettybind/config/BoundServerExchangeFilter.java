package dev.nettybind.config;

import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import dev.nettybind.web.BoundServerExchange;

/**
 * Puts the server that serves an exchange in its attribute
 * {@link BoundServerExchange#ATTRIBUTE}, before any other filter runs.
 *
 * @author Netty Bind Starter contributors
 */
final class BoundServerExchangeFilter implements WebFilter, Ordered {

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		BoundServerExchange.server(exchange);
		return chain.filter(exchange);
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
