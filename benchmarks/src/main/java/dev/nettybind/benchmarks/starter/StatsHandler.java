package dev.nettybind.benchmarks.starter;

import java.util.function.BiFunction;

import io.netty.handler.codec.http.HttpHeaderNames;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

import org.springframework.beans.factory.ObjectProvider;

import dev.nettybind.shared.ListeningSocket;
import dev.nettybind.shared.SharedBindingRegistry;
import dev.nettybind.shared.SocketMember;

/**
 * Answers one line per member of each shared socket: {@code <member> <handed> <active>}.
 */
final class StatsHandler implements BiFunction<HttpServerRequest, HttpServerResponse, Publisher<Void>> {

	private final ObjectProvider<SharedBindingRegistry> registry;

	StatsHandler(ObjectProvider<SharedBindingRegistry> registry) {
		this.registry = registry;
	}

	@Override
	public Publisher<Void> apply(HttpServerRequest request, HttpServerResponse response) {
		StringBuilder text = new StringBuilder();
		for (ListeningSocket socket : this.registry.getObject().sockets()) {
			if (!socket.isShared()) {
				continue;
			}
			for (SocketMember member : socket.members()) {
				text.append(member.name())
					.append(' ')
					.append(member.handedConnections())
					.append(' ')
					.append(member.activeConnections())
					.append('\n');
			}
		}
		return response.header(HttpHeaderNames.CONTENT_TYPE, "text/plain").sendString(Mono.just(text.toString()));
	}

}
