package dev.nettybind.server;

import java.net.InetAddress;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;

import io.netty.channel.EventLoopGroup;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.util.Assert;

import dev.nettybind.diagnostics.OptionNames;
import dev.nettybind.shared.ListeningSocket;
import dev.nettybind.shared.SharedBindingRegistry;
import dev.nettybind.connection.SocketMember;
import dev.nettybind.connection.TrafficCounts;
import dev.nettybind.tls.ServerTls;

/**
 * A {@link BoundServer}: a member of a listening socket once bound.
 *
 * @author Netty Bind Starter contributors
 */
final class DefaultBoundServer implements BoundServer {

	private static final Log logger = LogFactory.getLog(DefaultBoundServer.class);

	private final OptionNames names;

	private final String name;

	private final BindOptions options;

	private final SharedBindingRegistry registry;

	private final Duration defaultTimeout;

	private volatile State state = State.NEW;

	private volatile @Nullable ListeningSocket socket;

	private volatile @Nullable SocketMember member;

	private volatile @Nullable EventLoopGroup ownLoops;

	private volatile @Nullable String failure;

	private @Nullable Mono<Void> closing;

	DefaultBoundServer(OptionNames names, BindOptions options, SharedBindingRegistry registry,
			Duration defaultTimeout) {
		this.names = names;
		this.name = names.serverName();
		this.options = options;
		this.registry = registry;
		this.defaultTimeout = defaultTimeout;
	}

	@Override
	public String name() {
		return this.name;
	}

	@Override
	public BindOptions options() {
		return this.options.copy();
	}

	OptionNames names() {
		return this.names;
	}

	@Override
	public @Nullable InetAddress address() {
		ListeningSocket socket = this.socket;
		return (socket != null) ? socket.address() : null;
	}

	@Override
	public @Nullable Path path() {
		ListeningSocket socket = this.socket;
		return (socket != null) ? socket.path() : null;
	}

	@Override
	public int port() {
		ListeningSocket socket = this.socket;
		return (socket != null) ? socket.port() : this.options.getPort();
	}

	@Override
	public boolean isSecure() {
		return this.options.secure();
	}

	@Override
	public @Nullable X509Certificate certificate() {
		ListeningSocket socket = this.socket;
		return (socket != null && socket.attachment() instanceof ServerTls tls) ? tls.certificate() : null;
	}

	@Override
	public boolean isShared() {
		return this.options.isShared();
	}

	@Override
	public int activeConnections() {
		SocketMember member = this.member;
		return (member != null) ? member.activeConnections() : 0;
	}

	@Override
	public long acceptedConnections() {
		SocketMember member = this.member;
		return (member != null) ? member.acceptedConnections() : 0;
	}

	@Override
	public State state() {
		return this.state;
	}

	@Override
	public @Nullable ListeningSocket socket() {
		return this.socket;
	}

	@Override
	public @Nullable TrafficCounts traffic() {
		SocketMember member = this.member;
		return (member != null) ? member.traffic() : null;
	}

	@Override
	public @Nullable String failure() {
		return this.failure;
	}

	synchronized void failed(Throwable failure) {
		this.failure = failure.getMessage();
		this.state = State.FAILED;
	}

	synchronized void bound(ListeningSocket socket, SocketMember member, @Nullable EventLoopGroup ownLoops) {
		this.socket = socket;
		this.member = member;
		this.ownLoops = ownLoops;
		// A server bound again after a stop starts afresh: a new drain closes it.
		this.closing = null;
		this.failure = null;
		this.state = State.BOUND;
	}

	@Override
	public void close() {
		close(this.defaultTimeout);
	}

	@Override
	public void close(Duration timeout) {
		// Refused before anything changes: block() would fail only after the socket was left.
		Assert.state(!Schedulers.isInNonBlockingThread(), () -> "Server '" + this.name + "' cannot be closed on an "
				+ "event loop thread, which would wait for itself: close it off the event loops");
		stopAccepting(timeout).block();
	}

	/**
	 * Take no new connection, then drain the open ones.
	 * @param timeout how long requests in flight may still run
	 * @return a {@link Mono} that completes when the server is closed
	 */
	Mono<Void> stopAccepting(Duration timeout) {
		ListeningSocket socket;
		SocketMember member;
		synchronized (this) {
			if (this.closing != null) {
				// Closing already: wait for the same drain.
				return this.closing;
			}
			if (this.state != State.BOUND) {
				if (this.state == State.NEW || this.state == State.FAILED) {
					this.state = State.CLOSED;
				}
				return Mono.empty();
			}
			this.state = State.CLOSING;
			socket = this.socket;
			member = this.member;
			this.closing = member.drain(timeout).then(Mono.<Void>fromRunnable(this::closed)).cache();
		}
		this.registry.leave(socket, member);
		return this.closing;
	}

	private void closed() {
		EventLoopGroup ownLoops = this.ownLoops;
		if (ownLoops != null) {
			EventLoops.shutDown(ownLoops);
		}
		this.state = State.CLOSED;
		logger.info("Server '" + this.name + "' closed after " + acceptedConnections() + " connection(s)");
	}

	@Override
	public String toString() {
		return "BoundServer '" + this.name + "' " + ((this.socket != null) ? this.socket : this.options);
	}

}
