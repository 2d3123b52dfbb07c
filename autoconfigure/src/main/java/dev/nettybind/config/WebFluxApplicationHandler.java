package dev.nettybind.config;

import java.util.function.BiFunction;

import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.server.reactive.HttpHandler;

import dev.nettybind.server.BoundServer;
import dev.nettybind.web.BoundServerHttpHandlerAdapter;

/**
 * Serves the application's WebFlux {@link HttpHandler}, as Boot's own Netty server does,
 * telling each exchange which server serves it.
 *
 * @author Netty Bind Starter contributors
 */
final class WebFluxApplicationHandler implements HandlerResolver.ApplicationHandler {

	private final ObjectProvider<HttpHandler> httpHandler;

	WebFluxApplicationHandler(ObjectProvider<HttpHandler> httpHandler) {
		this.httpHandler = httpHandler;
	}

	@Override
	public @Nullable BiFunction<HttpServerRequest, HttpServerResponse, ? extends Publisher<Void>> get(
			BoundServer server) {
		HttpHandler handler = this.httpHandler.getIfUnique();
		return (handler != null) ? new BoundServerHttpHandlerAdapter(handler, server) : null;
	}

}
