package dev.nettybind.connection;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import io.netty.channel.Channel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http2.Http2ConnectionHandler;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.FutureMono;
import reactor.netty.channel.ChannelOperations;
import reactor.netty.http.server.HttpServerResponse;

/**
 * Closes the connections of a server gracefully: each once its request in flight is
 * done, and all that are still open when the timeout expires.
 * <p>
 * An HTTP/1.1 connection that waits for a request, its first one or the next one of a
 * kept-alive connection, is not closed under its client, which may be sending that
 * request right now (RFC 9112 9.6: a client must then retry, many do not): its next
 * request is served with {@code Connection: close}, which closes it. A new connection
 * waits for its first request at most {@code header-timeout}; a kept-alive one for its
 * next at most a short grace, so that the idle connections of a client's pool do not
 * hold the shutdown. The drain's timeout bounds both.
 *
 * @author Netty Bind Starter contributors
 */
final class ConnectionDrain {

	private static final Log logger = LogFactory.getLog(ConnectionDrain.class);

	private ConnectionDrain() {
	}

	static Mono<Void> drain(String serverName, Set<Channel> channels, HeaderTimer grace, Duration timeout) {
		List<Mono<Void>> closed = new ArrayList<>();
		for (Channel channel : channels) {
			closed.add(closeWhenIdle(channel, grace, timeout));
		}
		return Mono.when(closed).timeout(timeout, Mono.defer(() -> closeNow(serverName, channels)));
	}

	/**
	 * Decide on the connection's own event loop, where its requests begin and end, what
	 * it waits for before it closes.
	 */
	private static Mono<Void> closeWhenIdle(Channel channel, HeaderTimer grace, Duration timeout) {
		return closeWhenIdle(channel, grace, timeout, null);
	}

	private static Mono<Void> closeWhenIdle(Channel channel, HeaderTimer grace, Duration timeout,
			@Nullable ChannelOperations<?, ?> answered) {
		return Mono.fromCallable(() -> next(channel, grace, timeout, answered))
			.subscribeOn(Schedulers.fromExecutor(channel.eventLoop()))
			.flatMap((step) -> step)
			.onErrorComplete();
	}

	private static Mono<Void> next(Channel channel, HeaderTimer grace, Duration timeout,
			@Nullable ChannelOperations<?, ?> answered) {
		Mono<Void> closed = FutureMono.from(channel.closeFuture()).onErrorComplete();
		if (!channel.isActive()) {
			return closed;
		}
		// An HTTP/1.1 request in flight has operations: let it finish. An HTTP/2 parent
		// has none: closing it sends GOAWAY and waits for its open streams.
		ChannelOperations<?, ?> attached = ChannelOperations.get(channel);
		// One that has terminated already, if still attached, has nothing in flight.
		ChannelOperations<?, ?> operations = (attached != answered) ? attached : null;
		boolean http11 = channel.pipeline().get(HttpServerCodec.class) != null;
		if (operations == null && http11) {
			if (!HeaderTimer.awaitsFirstRequest(channel)) {
				// Kept alive after a response, it waits for the next request as a new
				// connection waits for its first one, for a short grace.
				grace.start(channel);
			}
			return closed;
		}
		if (operations instanceof HttpServerResponse response && !response.hasSentHeaders()) {
			// Handled before the drain began: its answer tells a keep-alive client to send
			// nothing more on this connection, which then closes.
			response.keepAlive(false);
		}
		if (operations != null) {
			// Once it is answered: closed by its Connection: close, or kept alive if its
			// headers went out before the drain began, and then waiting as above.
			return operations.onTerminate()
				.onErrorComplete()
				.then(Mono.defer(() -> closeWhenIdle(channel, grace, timeout, operations)));
		}
		Http2ConnectionHandler http2 = channel.pipeline().get(Http2ConnectionHandler.class);
		if (http2 != null) {
			// Reactor Netty leaves it 0, which cuts the open streams at once: wait for
			// them as long as the drain does, whose timeout closes what is left.
			http2.gracefulShutdownTimeoutMillis(timeout.toMillis());
		}
		return FutureMono.from(channel.close()).onErrorComplete();
	}

	private static Mono<Void> closeNow(String serverName, Set<Channel> channels) {
		List<Mono<Void>> closed = new ArrayList<>();
		for (Channel channel : channels) {
			closed.add(FutureMono.from(channel.close()).onErrorComplete());
		}
		if (!closed.isEmpty()) {
			logger.warn("Server '" + serverName + "' still had " + closed.size()
					+ " open connection(s) when its shutdown timeout expired; they were closed");
		}
		return Mono.when(closed);
	}

}
