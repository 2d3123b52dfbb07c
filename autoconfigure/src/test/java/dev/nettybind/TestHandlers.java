package dev.nettybind;

import java.util.function.BiFunction;
import java.util.function.Consumer;

import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.netty.http.server.HttpServerRoutes;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Handler beans of both shapes, answering with their own name.
 */
@Configuration(proxyBeanMethods = false)
public class TestHandlers {

	@Bean
	public BiFunction<HttpServerRequest, HttpServerResponse, Publisher<Void>> hello() {
		return (request, response) -> response.sendString(Mono.just("hello"));
	}

	@Bean
	public Consumer<HttpServerRoutes> routes() {
		return (routes) -> routes.get("/route", (request, response) -> response.sendString(Mono.just("route")));
	}

}
