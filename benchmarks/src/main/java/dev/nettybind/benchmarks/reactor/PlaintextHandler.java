package dev.nettybind.benchmarks.reactor;

import java.nio.charset.StandardCharsets;
import java.util.function.BiFunction;

import io.netty.buffer.ByteBuf;
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
		// The plaintext request first: its path is the same one as before the body route.
		if (request.method() == HttpMethod.GET && Plaintext.PATH.equals(request.uri())) {
			// A Mono body is written as one full response with its Content-Length.
			return response.header(HttpHeaderNames.CONTENT_TYPE, Plaintext.CONTENT_TYPE)
				.send(Mono.just(Unpooled.wrappedBuffer(Plaintext.BODY)));
		}
		if (request.method() == HttpMethod.POST && Plaintext.COUNT_PATH.equals(request.uri())) {
			return count(request, response);
		}
		return response.status(HttpResponseStatus.NOT_FOUND).send();
	}

	/**
	 * Counts the body's bytes as they arrive, without aggregating them: Reactor Netty
	 * releases each buffer once it was handed on, so the only copies are the server's.
	 */
	private static Publisher<Void> count(HttpServerRequest request, HttpServerResponse response) {
		Mono<ByteBuf> length = request.receive()
			.map(ByteBuf::readableBytes)
			.reduce(0L, (sum, bytes) -> sum + bytes)
			.map(sum -> Unpooled.wrappedBuffer(Long.toString(sum).getBytes(StandardCharsets.US_ASCII)));
		return response.header(HttpHeaderNames.CONTENT_TYPE, Plaintext.CONTENT_TYPE).send(length);
	}

}
