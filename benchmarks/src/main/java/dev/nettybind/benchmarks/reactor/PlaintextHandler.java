package dev.nettybind.benchmarks.reactor;

import java.util.function.BiFunction;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

import dev.nettybind.benchmarks.Plaintext;

/**
 * The Reactor Netty handler shared by the starter and the bare Reactor Netty contenders.
 */
public final class PlaintextHandler implements BiFunction<HttpServerRequest, HttpServerResponse, Publisher<Void>> {

	@Override
	public Publisher<Void> apply(HttpServerRequest request, HttpServerResponse response) {
		if (request.method() != HttpMethod.GET || !Plaintext.PATH.equals(request.uri())) {
			return response.status(HttpResponseStatus.NOT_FOUND).send();
		}
		// A Mono body is written as one full response with its Content-Length.
		return response.header(HttpHeaderNames.CONTENT_TYPE, Plaintext.CONTENT_TYPE)
			.send(Mono.just(Unpooled.wrappedBuffer(Plaintext.BODY)));
	}

}
