package dev.nettybind.web;

import java.util.function.BiFunction;
import java.util.function.Consumer;

import reactor.core.publisher.Mono;
import reactor.netty.Connection;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

import org.springframework.http.server.reactive.HttpHandler;
import org.springframework.http.server.reactive.ReactorHttpHandlerAdapter;

import dev.nettybind.server.BoundServer;

/**
 * Serves a WebFlux {@link HttpHandler} on one bound server, as Boot's own Netty server
 * does, marking each request's connection with that server so that the exchange can
 * tell ({@link BoundServerExchange}).
 * <p>
 * Not API: public only because the auto-configuration, in another package, creates it.
 *
 * @author Netty Bind Starter contributors
 * @since 0.2.0
 */
public final class BoundServerHttpHandlerAdapter
		implements BiFunction<HttpServerRequest, HttpServerResponse, Mono<Void>> {

	private final ReactorHttpHandlerAdapter adapter;

	private final Consumer<Connection> mark;

	/**
	 * Create an adapter.
	 * @param handler the handler of the WebFlux application
	 * @param server the server it serves the application on
	 */
	public BoundServerHttpHandlerAdapter(HttpHandler handler, BoundServer server) {
		this.adapter = new ReactorHttpHandlerAdapter(handler);
		// One consumer for every request: nothing is allocated per request to mark it.
		this.mark = (connection) -> connection.channel().attr(BoundServerExchange.SERVER).set(server);
	}

	@Override
	public Mono<Void> apply(HttpServerRequest request, HttpServerResponse response) {
		request.withConnection(this.mark);
		return this.adapter.apply(request, response);
	}

}
