package dev.nettybind.connection;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import io.netty.channel.Channel;
import io.netty.channel.group.ChannelGroup;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http2.Http2ConnectionHandler;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;
import reactor.netty.FutureMono;
import reactor.netty.channel.ChannelOperations;
import reactor.netty.http.server.HttpServerResponse;

/**
 * Closes the connections of a server gracefully: each once its request in flight is
 * done, and all that are still open when the timeout expires.
 *
 * @author Netty Bind Starter contributors
 */
final class ConnectionDrain {

	private static final Log logger = LogFactory.getLog(ConnectionDrain.class);

	private ConnectionDrain() {
	}

	static Mono<Void> drain(String serverName, ChannelGroup channels, Duration timeout) {
		List<Mono<Void>> closed = new ArrayList<>();
		for (Channel channel : channels) {
			closed.add(closeWhenIdle(channel, timeout));
		}
		return Mono.when(closed).timeout(timeout, Mono.defer(() -> closeNow(serverName, channels)));
	}

	private static Mono<Void> closeWhenIdle(Channel channel, Duration timeout) {
		if (HeaderTimer.awaitsFirstRequest(channel) && channel.pipeline().get(HttpServerCodec.class) != null) {
			// Its first request may be on the wire: it is served with Connection: close,
			// which closes the connection; the header timer or the drain's timeout bound it.
			return FutureMono.from(channel.closeFuture()).onErrorComplete();
		}
		// An HTTP/1.1 request in flight has operations: let it finish. An HTTP/2 parent
		// has none: closing it sends GOAWAY and waits for its open streams.
		ChannelOperations<?, ?> operations = ChannelOperations.get(channel);
		if (operations instanceof HttpServerResponse response) {
			// Handled before the drain began: unless its headers are out, its answer tells a
			// keep-alive client to send nothing more on this connection, which then closes.
			channel.eventLoop().execute(() -> {
				if (!response.hasSentHeaders()) {
					response.keepAlive(false);
				}
			});
		}
		Mono<Void> idle = (operations != null) ? operations.onTerminate() : Mono.empty();
		return idle.onErrorComplete().then(Mono.defer(() -> {
			Http2ConnectionHandler http2 = channel.pipeline().get(Http2ConnectionHandler.class);
			if (http2 != null) {
				// Reactor Netty leaves it 0, which cuts the open streams at once: wait for
				// them as long as the drain does, whose timeout closes what is left.
				http2.gracefulShutdownTimeoutMillis(timeout.toMillis());
			}
			return FutureMono.from(channel.close());
		}));
	}

	private static Mono<Void> closeNow(String serverName, ChannelGroup channels) {
		int open = channels.size();
		if (open > 0) {
			logger.warn("Server '" + serverName + "' still had " + open
					+ " open connection(s) when its shutdown timeout expired; they were closed");
		}
		return FutureMono.from(channels.close()).onErrorComplete();
	}

}
