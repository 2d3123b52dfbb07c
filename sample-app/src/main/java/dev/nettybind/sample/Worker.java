package dev.nettybind.sample;

import java.util.function.BiFunction;

import io.netty.handler.codec.http.HttpHeaderNames;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * The handler of one of the servers that share the workers' socket: it answers with its
 * own name, so that one sees which server each connection was handed to.
 *
 * @author Netty Bind Starter contributors
 */
public class Worker implements BiFunction<HttpServerRequest, HttpServerResponse, Publisher<Void>> {

	private final String name;

	public Worker(String name) {
		this.name = name;
	}

	@Override
	public Publisher<Void> apply(HttpServerRequest request, HttpServerResponse response) {
		return response.header(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8")
			.sendString(Mono.just(this.name + "\n"));
	}

}
