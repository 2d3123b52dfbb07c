package dev.nettybind.shared;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.util.NetUtil;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.netty.Connection;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

import dev.nettybind.connection.SocketMember;

/**
 * One listening socket of the application and the servers that it serves: one member
 * when it is not shared, any number when it is. Each accepted connection is handed to
 * exactly one member.
 * <p>
 * Not API: public only because the binder, in another package, maps it onto a Reactor
 * Netty HttpServer; users see it as a {@link BoundSocket}.
 *
 * @author Netty Bind Starter contributors
 * @since 0.1.0
 */
public final class ListeningSocket implements BoundSocket {

	private static final Log logger = LogFactory.getLog(ListeningSocket.class);

	private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

	private final SocketRequest request;

	private final ConnectionDistributor distributor;

	private final AtomicInteger turn = new AtomicInteger();

	private volatile SocketMember[] members = new SocketMember[0];

	private volatile @Nullable DisposableServer server;

	private volatile @Nullable AutoCloseable attachment;

	private volatile boolean handedOver;

	ListeningSocket(SocketRequest request, EventLoopGroup acceptorLoops) {
		this.request = request;
		this.distributor = new ConnectionDistributor(this, acceptorLoops);
	}

	@Override
	public @Nullable InetAddress address() {
		return this.request.address();
	}

	@Override
	public int port() {
		DisposableServer server = this.server;
		// A domain socket has no port: Reactor Netty's port() would fail on its address.
		return (server != null && this.request.path() == null) ? server.port() : this.request.port();
	}

	@Override
	public @Nullable Path path() {
		return this.request.path();
	}

	@Override
	public boolean isInherited() {
		return this.request.inheritedDescriptor() != null;
	}

	@Override
	public boolean isV6Only() {
		return this.request.v6Only();
	}

	@Override
	public boolean isShared() {
		return this.request.shared();
	}

	@Override
	public Distribution distribution() {
		return this.request.distribution();
	}

	/**
	 * Return the members that take new connections, in the order they joined.
	 * @return the members
	 */
	public List<SocketMember> members() {
		return List.of(this.members);
	}

	@Override
	public List<String> serverNames() {
		return Arrays.stream(this.members).map(SocketMember::name).toList();
	}

	@Override
	public int backlog() {
		DisposableServer server = this.server;
		return (server != null)
				? Math.min(server.channel().config().getOption(ChannelOption.SO_BACKLOG), NetUtil.SOMAXCONN) : -1;
	}

	/**
	 * Return the channel of the listening socket.
	 * @return the channel, or {@code null} while the socket is not bound
	 */
	public @Nullable Channel serverChannel() {
		DisposableServer server = this.server;
		return (server != null) ? server.channel() : null;
	}

	/**
	 * Mark the socket as handed over to another process, which listens on it too: its
	 * file, for a Unix domain socket, is then kept when this process closes it.
	 */
	public void handedOver() {
		this.handedOver = true;
	}

	/**
	 * Return what the opener of this socket attached to it, such as its TLS.
	 * @return the attachment, or {@code null}
	 */
	public @Nullable AutoCloseable attachment() {
		return this.attachment;
	}

	@Override
	public boolean isBound() {
		DisposableServer server = this.server;
		return server != null && !server.isDisposed();
	}

	/**
	 * Return the group of channels that Reactor Netty registers accepted connections
	 * with: it hands each to one member.
	 * @return the child event loop group of this socket
	 */
	public EventLoopGroup connectionDistributor() {
		return this.distributor;
	}

	/**
	 * Handle a request with the handler of the member that owns its connection.
	 * @param request the request
	 * @param response the response
	 * @return the completion of the response
	 */
	public Publisher<Void> handle(HttpServerRequest request, HttpServerResponse response) {
		Channel channel = channel(request);
		SocketMember member = SocketMember.of(channel);
		if (member == null) {
			return response.status(503).send();
		}
		return member.handle(channel, request, response);
	}

	private static Channel channel(HttpServerRequest request) {
		if (request instanceof Connection connection) {
			return connection.channel();
		}
		Channel[] channel = new Channel[1];
		request.withConnection((connection) -> channel[0] = connection.channel());
		return channel[0];
	}

	Map<String, Object> settings() {
		return this.request.settings();
	}

	/**
	 * Return what the first member asked of this socket.
	 * @return the request
	 */
	public SocketRequest request() {
		return this.request;
	}

	void bound(DisposableServer server, @Nullable AutoCloseable attachment) {
		this.server = server;
		this.attachment = attachment;
	}

	void close() {
		DisposableServer server = this.server;
		if (server != null) {
			server.disposeNow(CLOSE_TIMEOUT);
		}
		Path path = this.request.path();
		// The file of a socket that another process inherited or was handed is that process's too.
		if (path != null && !isInherited() && !this.handedOver) {
			try {
				Files.deleteIfExists(path);
			}
			catch (IOException ex) {
				logger.warn("Could not remove the socket file " + path + ": " + ex);
			}
		}
		AutoCloseable attachment = this.attachment;
		if (attachment != null) {
			try {
				attachment.close();
			}
			catch (Exception ex) {
				logger.warn("Could not close what " + this + " held: " + ex);
			}
		}
	}

	void add(SocketMember member) {
		SocketMember[] current = this.members;
		SocketMember[] updated = Arrays.copyOf(current, current.length + 1);
		updated[current.length] = member;
		this.members = updated;
	}

	void remove(SocketMember member) {
		this.members = Arrays.stream(this.members).filter((candidate) -> candidate != member).toArray(SocketMember[]::new);
	}

	boolean isOnlyMember(SocketMember member) {
		SocketMember[] current = this.members;
		return current.length == 1 && current[0] == member;
	}

	@Nullable SocketMember select() {
		SocketMember[] current = this.members;
		if (current.length <= 1) {
			return (current.length == 1) ? current[0] : null;
		}
		int start = Math.floorMod(this.turn.getAndIncrement(), current.length);
		if (this.request.distribution() == Distribution.ROUND_ROBIN) {
			return current[start];
		}
		SocketMember least = current[start];
		for (int i = 1; i < current.length; i++) {
			SocketMember candidate = current[(start + i) % current.length];
			if (candidate.activeConnections() < least.activeConnections()) {
				least = candidate;
			}
		}
		return least;
	}

	@Override
	public String toString() {
		return this.request.where(port());
	}

}
