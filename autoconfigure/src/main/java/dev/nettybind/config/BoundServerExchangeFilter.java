package dev.nettybind.config;

import reactor.core.publisher.Mono;

import org.springframework.core.Ordered;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ContentTooLargeException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import dev.nettybind.web.BoundServerExchange;

/**
 * Puts the server that serves an exchange in its attribute
 * {@link BoundServerExchange#ATTRIBUTE}, before any other filter runs; and answers a
 * request whose body turns out larger than a limit while it is read (the server's
 * {@code max-body-size} for a chunked body, or a codec's in-memory limit) with 413, as
 * one that declares too large a length, where WebFlux's functional endpoints would
 * answer 500.
 *
 * @author Netty Bind Starter contributors
 */
final class BoundServerExchangeFilter implements WebFilter, Ordered {

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		BoundServerExchange.server(exchange);
		Mono<Void> filtered = chain.filter(exchange);
		HttpHeaders headers = exchange.getRequest().getHeaders();
		if (headers.getContentLength() <= 0 && !headers.containsHeader(HttpHeaders.TRANSFER_ENCODING)) {
			return filtered;
		}
		return filtered.onErrorMap(DataBufferLimitException.class, ContentTooLargeException::new);
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
