package dev.nettybind.server;

import java.util.function.BiFunction;
import java.util.function.Consumer;

import org.reactivestreams.Publisher;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.http.server.HttpServerRoutes;

/**
 * Turns the shapes of handler that a server accepts into one.
 *
 * @author Netty Bind Starter contributors
 */
final class Handlers {

	private Handlers() {
	}

	static BiFunction<? super HttpServerRequest, ? super HttpServerResponse, ? extends Publisher<Void>> routes(
			Consumer<? super HttpServerRoutes> routesBuilder) {
		HttpServerRoutes routes = HttpServerRoutes.newRoutes();
		routesBuilder.accept(routes);
		return routes;
	}

}
