package dev.nettybind.connection;

import java.time.Duration;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoopGroup;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http2.Http2Stream;
import io.netty.handler.codec.http2.Http2StreamChannel;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Operators;
import reactor.netty.Connection;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import reactor.util.context.Context;

/**
 * One server's share of a listening socket: the connections handed to it, the event
 * loops that serve them and the handler that answers their requests, with what the
 * server enforces and records on the way.
 * <p>
 * Not API: public only because the binder creates it and the socket hands it connections,
 * in another package.
 *
 * @author Netty Bind Starter contributors
 * @since 0.1.0
 */
public final class SocketMember {

	private static final Log logger = LogFactory.getLog(SocketMember.class);

	/**
	 * Reactor Netty signals a failed request body to its reader once more when the
	 * request ends (FluxReceive keeps its receiver after an error on its fast path), and
	 * Reactor logs that second signal as an ERROR: this local hook of Reactor's
	 * {@code Operators.onErrorDropped}, in the context of the request's chain, drops the
	 * second signal of a client's fault; any other still goes to the global hook.
	 */
	private static final Context QUIET_CLIENT_FAULTS = Context.of("reactor.onErrorDropped.local",
			(Consumer<Throwable>) (failure) -> {
				if (!RequestStreamGuard.isClientFault(failure)) {
					Operators.onErrorDropped(failure, Context.empty());
				}
			});

	/**
	 * How long a kept-alive connection that waits for its next request stays open once
	 * its server drains: long enough for a request already on its way, which is served
	 * with {@code Connection: close}, short enough that the idle connections of a client's
	 * pool do not hold the shutdown for {@code header-timeout}.
	 */
	private static final Duration KEEP_ALIVE_GRACE = Duration.ofSeconds(1);

	private final String name;

	private final EventLoopGroup eventLoops;

	private final BiFunction<? super HttpServerRequest, ? super HttpServerResponse, ? extends Publisher<Void>> handler;

	private final RequestPolicy policy;

	private final ConnectionTracker connections;

	private final HeaderTimer headerTimer;

	private final HeaderTimer keepAliveGrace;

	private final TrafficCounts traffic = new TrafficCounts();

	private final RejectionLog rejections;

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
		this.headerTimer = new HeaderTimer(name, policy.headerTimeout());
		this.connections = new ConnectionTracker(this.headerTimer::start, this.headerTimer::stop);
		this.keepAliveGrace = new HeaderTimer(name, keepAliveGrace(policy.headerTimeout()));
		this.rejections = new RejectionLog(name, this.traffic);
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
		return this.connections.active();
	}

	/**
	 * Return the number of connections handed to this member since it joined.
	 * @return the accepted connections
	 */
	public long acceptedConnections() {
		return this.connections.accepted();
	}

	/**
	 * Return the responses and bytes of this member, counted when its metrics are on.
	 * @return the traffic counts
	 */
	public TrafficCounts traffic() {
		return this.traffic;
	}

	/**
	 * Return what this member enforces on its connections.
	 * @return the policy
	 */
	RequestPolicy policy() {
		return this.policy;
	}

	/**
	 * Count a refusal of a client of this member.
	 * @param reason one of {@link TrafficCounts#REJECTION_REASONS}
	 */
	void rejected(String reason) {
		this.rejections.rejected(reason);
	}

	/**
	 * Return whether this member is closing: it takes no new connection and answers
	 * with {@code Connection: close}.
	 * @return whether it is draining
	 */
	public boolean isDraining() {
		return this.draining;
	}

	/**
	 * Take a connection that the socket accepted: register it with this member's event
	 * loops and start the timer on its first request headers.
	 * @param channel the connection
	 * @return the registration
	 */
	public ChannelFuture accept(Channel channel) {
		ConnectionOwner.set(channel, this);
		return this.connections.register(channel, this.eventLoops);
	}

	/**
	 * Serve a request of one of this member's connections.
	 * @param channel the channel of the request
	 * @param request the request
	 * @param response the response
	 * @return the completion of the response
	 */
	public Publisher<Void> handle(Channel channel, HttpServerRequest request, HttpServerResponse response) {
		// An HTTP/2 request has a stream channel of its own, a child of the connection's.
		boolean stream = channel instanceof Http2StreamChannel;
		this.headerTimer.stop(stream ? channel.parent() : channel);
		if (this.draining) {
			response.keepAlive(false);
		}
		RequestScreen.Verdict verdict = RequestScreen.screen(request, this.policy.maxBodySize());
		HttpResponseStatus rejection = verdict.refusal();
		if (rejection != null) {
			if (logger.isDebugEnabled()) {
				logger.debug("Server '" + this.name + "' refuses " + LogSafe.escape(request.method().name() + " "
						+ request.uri()) + " from " + request.remoteAddress() + " with " + rejection.code());
			}
			return response.status(rejection).keepAlive(false).send();
		}
		// An HTTP/2 request need not declare that a body follows: its stream tells, open
		// while the client may still send on it (a GET has closed it with its headers).
		boolean bodyToCome = stream ? ((Http2StreamChannel) channel).stream().state() == Http2Stream.State.OPEN
				: verdict == RequestScreen.Verdict.SERVE_WITH_BODY;
		if (stream && bodyToCome) {
			RequestStreamGuard.installOnStream(channel, this);
		}
		Publisher<Void> handled = this.handler.apply(request, response);
		if (bodyToCome) {
			handled = answerBodyFailures(handled, request, response);
		}
		if (!this.policy.recordTraffic()) {
			return handled;
		}
		// Reactor Netty answers 500 for a handler that fails before it sent headers.
		return Mono.from(handled).doOnEach((signal) -> {
			if (signal.isOnComplete() || signal.isOnError()) {
				this.traffic.responded(
						(signal.isOnError() && !response.hasSentHeaders()) ? 500 : response.status().code());
			}
		});
	}

	/**
	 * Answer a handler that failed because its client broke the request body, sent too
	 * much of it, stopped sending it (read-timeout) or left: 400, 413 or 408 if it has not
	 * responded yet, else cut the response, which cannot be complete.
	 */
	private Mono<Void> answerBodyFailures(Publisher<Void> handled, HttpServerRequest request,
			HttpServerResponse response) {
		return Mono.from(handled)
			.contextWrite(QUIET_CLIENT_FAULTS)
			.onErrorResume(RequestStreamGuard::isClientFault, (failure) -> {
				if (logger.isDebugEnabled()) {
					logger.debug("Server '" + this.name + "' could not read the body of "
							+ LogSafe.escape(request.method().name() + " " + request.uri()) + " from "
							+ request.remoteAddress() + ": " + failure);
				}
				String reason = RequestStreamGuard.reason(failure);
				if (reason != null) {
					this.rejections.rejected(reason);
				}
				HttpResponseStatus status = RequestStreamGuard.answer(failure);
				if (status == null || response.hasSentHeaders()) {
					return Mono.fromRunnable(() -> response.withConnection(Connection::dispose));
				}
				return response.status(status).keepAlive(false).send();
			});
	}

	/**
	 * Let the requests in flight finish, close every connection, and cut those still
	 * open after the timeout.
	 * @param timeout how long requests in flight may still run
	 * @return a {@link Mono} that completes when every connection is closed
	 */
	public Mono<Void> drain(Duration timeout) {
		this.draining = true;
		return ConnectionDrain.drain(this.name, this.connections.channels(), this.keepAliveGrace, timeout);
	}

	/**
	 * Prepare the HttpServer of a socket for the members that it hands connections:
	 * what Reactor Netty logs of their requests has its control characters escaped, a
	 * request that cannot be decoded is answered, and a body that breaks or grows past
	 * the limit fails as the handler reads it ({@link RequestStreamGuard}); what a
	 * connection of a socket that speaks HTTP/2 leaves unhandled, such as a protocol
	 * error, is one DEBUG line ({@link ConnectionErrorSink}); and on a secure socket a
	 * failed TLS handshake is logged at DEBUG on one line and counted. A connection
	 * beyond {@code max-connections} is refused with one DEBUG line and a count
	 * ({@link ConnectionLimit}).
	 * @param server the server of a socket
	 * @param secure whether the socket speaks TLS
	 * @param http2 whether its connections may speak HTTP/2 ({@code h2} or {@code h2c})
	 * @param maxConnections the socket's {@code max-connections}, 0 for no limit
	 * @param members the members of the socket
	 * @return the prepared server
	 */
	public static HttpServer prepare(HttpServer server, boolean secure, boolean http2, int maxConnections,
			Supplier<List<SocketMember>> members) {
		server = server.httpMessageLogFactory(EscapingHttpMessageLogFactory.INSTANCE);
		if (maxConnections > 0) {
			// In front of Reactor Netty's acceptor, as soon as the socket is bound.
			server = server.doOnBound((bound) -> bound.channel()
				.pipeline()
				.addFirst(ConnectionLimit.NAME, new ConnectionLimit(maxConnections, members)));
		}
		// A secure connection speaks HTTP/1.1 only once ALPN has chosen it: TlsFailureHandler
		// installs the guard then.
		return server.doOnChannelInit((observer, channel, remoteAddress) -> {
			if (secure) {
				TlsFailureHandler.install(channel);
			}
			else {
				RequestStreamGuard.install(channel);
			}
			if (http2) {
				// Reactor Netty's last handler of an HTTP/1.1 connection takes its errors.
				ConnectionErrorSink.install(channel);
			}
		});
	}

	/**
	 * Return the member that owns a connection or an HTTP/2 stream.
	 * @param channel the channel of the connection or of the stream
	 * @return the member, or {@code null} if the channel belongs to none
	 */
	public static @Nullable SocketMember of(Channel channel) {
		SocketMember member = ConnectionOwner.of(channel);
		if (member != null) {
			return member;
		}
		Channel parent = channel.parent();
		return (parent != null) ? ConnectionOwner.of(parent) : null;
	}

	private static Duration keepAliveGrace(Duration headerTimeout) {
		return (headerTimeout.isZero() || headerTimeout.compareTo(KEEP_ALIVE_GRACE) > 0) ? KEEP_ALIVE_GRACE
				: headerTimeout;
	}

}
