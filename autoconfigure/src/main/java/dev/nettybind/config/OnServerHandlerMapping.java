package dev.nettybind.config;

import java.util.function.Predicate;

import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.web.reactive.HandlerMapping;
import org.springframework.web.server.ServerWebExchange;

/**
 * A {@link HandlerMapping} that maps only the exchanges of some servers, in the place of
 * the mapping it confines: on any other server it maps nothing, as if it did not exist.
 *
 * @author Netty Bind Starter contributors
 */
final class OnServerHandlerMapping implements HandlerMapping, Ordered {

	private final HandlerMapping mapping;

	private final Predicate<ServerWebExchange> served;

	OnServerHandlerMapping(HandlerMapping mapping, Predicate<ServerWebExchange> served) {
		this.mapping = mapping;
		this.served = served;
	}

	@Override
	public Mono<Object> getHandler(ServerWebExchange exchange) {
		return this.served.test(exchange) ? this.mapping.getHandler(exchange) : Mono.empty();
	}

	@Override
	public int getOrder() {
		return OnServerWebFilter.order(this.mapping);
	}

	@Override
	public String toString() {
		return this.mapping + " (confined to servers)";
	}

}
