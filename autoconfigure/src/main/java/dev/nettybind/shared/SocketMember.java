package dev.nettybind.shared;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiFunction;
import java.util.function.IntConsumer;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.ServerChannel;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.util.Attribute;
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

	private static final AttributeKey<ScheduledFuture<?>> HEADER_TIMER = AttributeKey.valueOf(SocketMember.class,
			"headerTimer");

	private final String name;

	private final EventLoopGroup eventLoops;

	private final BiFunction<? super HttpServerRequest, ? super HttpServerResponse, ? extends Publisher<Void>> handler;

	private final ChannelGroup channels;

	private final AtomicInteger activeConnections = new AtomicInteger();

	private final AtomicLong handedConnections = new AtomicLong();

	private final RequestPolicy policy;

	private final LongAdder bytesReceived = new LongAdder();

	private final LongAdder bytesSent = new LongAdder();

	private final Map<Integer, LongAdder> responses = new ConcurrentHashMap<>();

	private final List<IntConsumer> newStatusListeners = new CopyOnWriteArrayList<>();

	private volatile boolean draining;

	/**
	 * Create a member.
	 * @param name the name of the server
	 * @param eventLoops the event loops that serve its connections
	 * @param handler the handler of its requests
	 * @param policy what to enforce and record on its connections
	 */
	public SocketMember(String name, EventLoopGroup eventLoops,
			BiFunction<? super HttpServerRequest, ? super HttpServerResponse, ? extends Publisher<Void>> handler,
			RequestPolicy policy) {
		this.name = name;
		this.eventLoops = eventLoops;
		this.handler = handler;
		this.policy = policy;
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
	 * Return the bytes received on the connections of this member, when traffic is
	 * recorded.
	 * @return the bytes received
	 */
	public long bytesReceived() {
		return this.bytesReceived.sum();
	}

	/**
	 * Return the bytes sent on the connections of this member, when traffic is
	 * recorded.
	 * @return the bytes sent
	 */
	public long bytesSent() {
		return this.bytesSent.sum();
	}

	/**
	 * Return the statuses this member has answered with, when traffic is recorded.
	 * @return the status codes
	 */
	public Set<Integer> statuses() {
		return Set.copyOf(this.responses.keySet());
	}

	/**
	 * Return how many responses of the given status this member sent.
	 * @param status the status code
	 * @return the number of responses
	 */
	public long responses(int status) {
		LongAdder count = this.responses.get(status);
		return (count != null) ? count.sum() : 0;
	}

	/**
	 * Call the given listener the first time this member answers with a status.
	 * @param listener receives the status code
	 */
	public void onNewStatus(IntConsumer listener) {
		this.newStatusListeners.add(listener);
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
				channel.closeFuture().addListener((closed) -> {
					this.activeConnections.decrementAndGet();
					stopHeaderTimer(channel);
				});
				startHeaderTimer(channel);
			}
			else {
				this.activeConnections.decrementAndGet();
			}
		});
		return registration;
	}

	private void startHeaderTimer(Channel channel) {
		long timeout = this.policy.headerTimeout().toMillis();
		if (timeout > 0) {
			channel.attr(HEADER_TIMER).set(channel.eventLoop().schedule(() -> {
				logger.debug("Server '" + this.name + "' closes " + channel + ": no request headers within " + timeout
						+ "ms");
				channel.close();
			}, timeout, TimeUnit.MILLISECONDS));
		}
	}

	Publisher<Void> handle(Channel channel, HttpServerRequest request, HttpServerResponse response) {
		if (!this.policy.headerTimeout().isZero()) {
			stopHeaderTimer(channel);
		}
		if (this.draining) {
			response.keepAlive(false);
		}
		HttpResponseStatus rejection = RequestScreen.reject(request, this.policy.maxBodySize());
		if (rejection != null) {
			return response.status(rejection).keepAlive(false).send();
		}
		Publisher<Void> handled = this.handler.apply(request, response);
		if (!this.policy.recordTraffic()) {
			return handled;
		}
		// Reactor Netty answers 500 for a handler that fails before it sent headers.
		return Mono.from(handled).doOnEach((signal) -> {
			if (signal.isOnComplete() || signal.isOnError()) {
				responded((signal.isOnError() && !response.hasSentHeaders()) ? 500 : response.status().code());
			}
		});
	}

	private static void stopHeaderTimer(Channel channel) {
		// On HTTP/2 the timer is on the connection, the parent of the stream.
		Channel connection = (channel.parent() instanceof ServerChannel || channel.parent() == null) ? channel
				: channel.parent();
		if (connection.hasAttr(HEADER_TIMER)) {
			Attribute<ScheduledFuture<?>> attribute = connection.attr(HEADER_TIMER);
			// A plain read first: after the first request there is nothing to cancel.
			ScheduledFuture<?> timer = (attribute.get() != null) ? attribute.getAndSet(null) : null;
			if (timer != null) {
				timer.cancel(false);
			}
		}
	}

	void received(long bytes) {
		this.bytesReceived.add(bytes);
	}

	void sent(long bytes) {
		this.bytesSent.add(bytes);
	}

	private void responded(int status) {
		LongAdder count = this.responses.get(status);
		if (count == null) {
			LongAdder first = new LongAdder();
			count = this.responses.putIfAbsent(status, first);
			if (count == null) {
				first.increment();
				this.newStatusListeners.forEach((listener) -> listener.accept(status));
				return;
			}
		}
		count.increment();
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
