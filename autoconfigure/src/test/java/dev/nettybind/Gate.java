package dev.nettybind;

import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;

import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Holds the answers of the {@code gated} handler until the test opens it: a request in
 * flight for exactly as long as the test wants, without sleeping. Each context has its
 * own gate; once open, the handler answers at once. The handler answers with the path of
 * the request.
 */
public final class Gate {

	private final Sinks.Empty<Void> opened = Sinks.empty();

	private final AtomicInteger arrived = new AtomicInteger();

	/**
	 * Return how many requests reached the handler.
	 * @return the requests handled so far, answered or not
	 */
	public int arrived() {
		return this.arrived.get();
	}

	/**
	 * Let every held request, and every later one, be answered; a gate open already
	 * stays open.
	 */
	public void open() {
		Sinks.EmitResult result = this.opened.tryEmitEmpty();
		if (result.isFailure() && result != Sinks.EmitResult.FAIL_TERMINATED) {
			result.orThrow();
		}
	}

	Publisher<Void> handle(HttpServerRequest request, HttpServerResponse response) {
		this.arrived.incrementAndGet();
		Executor eventLoop = eventLoop(request);
		// The answer goes on from the connection's event loop, as a handler's would, not from
		// the test's thread: that one may still be in Reactor Netty's completion of the
		// response while the drain it ended shuts the event loops down.
		return response.sendString(this.opened.asMono()
			.publishOn(Schedulers.fromExecutor(eventLoop))
			.then(Mono.fromSupplier(request::path)));
	}

	private static Executor eventLoop(HttpServerRequest request) {
		AtomicReference<Executor> eventLoop = new AtomicReference<>();
		request.withConnection((connection) -> eventLoop.set(connection.channel().eventLoop()));
		return eventLoop.get();
	}

	/**
	 * The gate of a context and its {@code gated} handler.
	 */
	@Configuration(proxyBeanMethods = false)
	public static class Handler {

		@Bean
		public Gate gate() {
			return new Gate();
		}

		@Bean
		public BiFunction<HttpServerRequest, HttpServerResponse, Publisher<Void>> gated(Gate gate) {
			return gate::handle;
		}

	}

}
