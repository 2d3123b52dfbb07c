package dev.nettybind.sample;

import java.util.concurrent.atomic.AtomicInteger;

import reactor.core.publisher.Mono;

import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

import dev.nettybind.web.OnServer;

/**
 * Counts the requests of the public API that are being served now, for the admin
 * server's {@code /stats}: during a graceful shutdown one sees them finish. A filter of
 * the {@code public} server only, so the admin server's own requests are not counted.
 *
 * @author Netty Bind Starter contributors
 */
@Component
@OnServer("public")
public class InFlightRequests implements WebFilter {

	private final AtomicInteger count = new AtomicInteger();

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		// Counted from subscription to completion, error or cancellation (a client gone).
		return Mono.defer(() -> {
			this.count.incrementAndGet();
			return chain.filter(exchange).doFinally((signal) -> this.count.decrementAndGet());
		});
	}

	/**
	 * Return the number of requests being served now.
	 * @return the count
	 */
	public int count() {
		return this.count.get();
	}

}
