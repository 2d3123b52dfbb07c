package dev.nettybind.benchmarks.starter;

import java.util.function.BiFunction;

import io.netty.handler.codec.http.HttpHeaderNames;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

import org.springframework.beans.factory.ObjectProvider;

import dev.nettybind.server.BoundServer;
import dev.nettybind.server.ServerBinder;

/**
 * Answers one line per server of a shared socket: {@code <server> <accepted> <active>}.
 */
final class StatsHandler implements BiFunction<HttpServerRequest, HttpServerResponse, Publisher<Void>> {

	private final ObjectProvider<ServerBinder> binder;

	StatsHandler(ObjectProvider<ServerBinder> binder) {
		this.binder = binder;
	}

	@Override
	public Publisher<Void> apply(HttpServerRequest request, HttpServerResponse response) {
		StringBuilder text = new StringBuilder();
		for (BoundServer server : this.binder.getObject().servers()) {
			if (server.isShared()) {
				text.append(server.name())
					.append(' ')
					.append(server.acceptedConnections())
					.append(' ')
					.append(server.activeConnections())
					.append('\n');
			}
		}
		return response.header(HttpHeaderNames.CONTENT_TYPE, "text/plain").sendString(Mono.just(text.toString()));
	}

}
