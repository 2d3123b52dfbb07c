package dev.nettybind.shared;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.GlobalEventExecutor;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.netty.FutureMono;
import reactor.netty.channel.ChannelOperations;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

/**
 * One server's share of a {@link ListeningSocket}: the connections handed to it, the
 * event loops that serve them and the handler that answers their requests.
 *
 * @author Netty Bind Starter contributors
 * @since 0.1.0
 */
public final class SocketMember {

	private static final Log logger = LogFactory.getLog(SocketMember.class);

	private static final AttributeKey<SocketMember> MEMBER = AttributeKey.valueOf(SocketMember.class, "member");

	private final String name;

	private final EventLoopGroup eventLoops;

	private final BiFunction<? super HttpServerRequest, ? super HttpServerResponse, ? extends Publisher<Void>> handler;

	private final ChannelGroup channels;

	private final AtomicInteger activeConnections = new AtomicInteger();

	private final AtomicLong handedConnections = new AtomicLong();

	private volatile boolean draining;

	/**
	 * Create a member.
	 * @param name the name of the server
	 * @param eventLoops the event loops that serve its connections
	 * @param handler the handler of its requests
	 */
	public SocketMember(String name, EventLoopGroup eventLoops,
			BiFunction<? super HttpServerRequest, ? super HttpServerResponse, ? extends Publisher<Void>> handler) {
		this.name = name;
		this.eventLoops = eventLoops;
		this.handler = handler;
		this.channels = new DefaultChannelGroup(name, GlobalEventExecutor.INSTANCE);
	}

	/**
	 * Return the name of the server.
	 * @return the name
	 */
	public String name() {
		return this.name;
	}

	/**
	 * Return the number of connections of this member that are open now.
	 * @return the open connections
	 */
	public int activeConnections() {
		return this.activeConnections.get();
	}

	/**
	 * Return the number of connections handed to this member since it joined.
	 * @return the connections handed to it
	 */
	public long handedConnections() {
		return this.handedConnections.get();
	}

	/**
	 * Return whether this member is closing: it takes no new connection and answers
	 * with {@code Connection: close}.
	 * @return whether it is draining
	 */
	public boolean isDraining() {
		return this.draining;
	}

	ChannelFuture accept(Channel channel) {
		channel.attr(MEMBER).set(this);
		this.activeConnections.incrementAndGet();
		this.handedConnections.incrementAndGet();
		ChannelFuture registration = this.eventLoops.next().register(channel);
		registration.addListener((future) -> {
			if (future.isSuccess()) {
				this.channels.add(channel);
				channel.closeFuture().addListener((closed) -> this.activeConnections.decrementAndGet());
			}
			else {
				this.activeConnections.decrementAndGet();
			}
		});
		return registration;
	}

	Publisher<Void> handle(HttpServerRequest request, HttpServerResponse response) {
		if (this.draining) {
			response.keepAlive(false);
		}
		return this.handler.apply(request, response);
	}

	/**
	 * Let the requests in flight finish, close every connection, and cut those still
	 * open after the timeout.
	 * @param timeout how long requests in flight may still run
	 * @return a {@link Mono} that completes when every connection is closed
	 */
	public Mono<Void> drain(Duration timeout) {
		this.draining = true;
		List<Mono<Void>> closed = new ArrayList<>();
		for (Channel channel : this.channels) {
			closed.add(closeWhenIdle(channel));
		}
		return Mono.when(closed).timeout(timeout, Mono.defer(this::closeNow));
	}

	private Mono<Void> closeWhenIdle(Channel channel) {
		// An HTTP/1.1 request in flight has operations: let it finish. An HTTP/2 parent
		// has none: closing it sends GOAWAY and waits for its open streams.
		ChannelOperations<?, ?> operations = ChannelOperations.get(channel);
		Mono<Void> idle = (operations != null) ? operations.onTerminate() : Mono.empty();
		return idle.onErrorComplete().then(Mono.defer(() -> FutureMono.from(channel.close())));
	}

	private Mono<Void> closeNow() {
		int open = this.channels.size();
		if (open > 0) {
			logger.warn("Server '" + this.name + "' still had " + open
					+ " open connection(s) when its shutdown timeout expired; they were closed");
		}
		return FutureMono.from(this.channels.close()).onErrorComplete();
	}

	static @Nullable SocketMember of(Channel channel) {
		// HTTP/2 streams are child channels of the connection that carries the member.
		if (channel.hasAttr(MEMBER)) {
			return channel.attr(MEMBER).get();
		}
		Channel parent = channel.parent();
		return (parent != null && parent.hasAttr(MEMBER)) ? parent.attr(MEMBER).get() : null;
	}

}
