package dev.nettybind.server;

import java.net.InetAddress;
import java.net.SocketAddress;
import java.nio.file.Path;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOutboundHandlerAdapter;
import io.netty.channel.ChannelPromise;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.ServerSocketChannel;
import org.jspecify.annotations.Nullable;
import reactor.netty.resources.LoopResources;

import dev.nettybind.shared.SocketRequest;

/**
 * The {@link LoopResources} of one listening socket: the common event loops accept,
 * the socket's connection distributor registers each accepted connection with the
 * event loops of one member, and the server channel gets the protocol family of the
 * address, or is the inherited socket taken over. It owns nothing, so disposing it does
 * nothing.
 *
 * @author Netty Bind Starter contributors
 */
final class SocketLoopResources implements LoopResources {

	private final EventLoops eventLoops;

	private final EventLoopGroup connections;

	private final SocketRequest request;

	private final int backlog;

	SocketLoopResources(EventLoops eventLoops, EventLoopGroup connections, SocketRequest request, int backlog) {
		this.eventLoops = eventLoops;
		this.connections = connections;
		this.request = request;
		this.backlog = backlog;
	}

	@Override
	public EventLoopGroup onServer(boolean useNative) {
		return this.connections;
	}

	@Override
	public EventLoopGroup onServerSelect(boolean useNative) {
		return this.eventLoops.common();
	}

	@Override
	@SuppressWarnings("unchecked")
	public <CHANNEL extends Channel> CHANNEL onChannel(Class<CHANNEL> channelType, EventLoopGroup group) {
		Channel listening = listeningChannel();
		if (listening != null) {
			listening.pipeline().addFirst(AlreadyBound.INSTANCE);
			return (CHANNEL) listening;
		}
		InetAddress address = this.request.address();
		if (address != null && channelType.equals(ServerSocketChannel.class)) {
			return (CHANNEL) this.eventLoops.newServerChannel(address);
		}
		return LoopResources.super.onChannel(channelType, group);
	}

	/**
	 * Return the channel of a socket that listens already: the inherited one, or a Unix
	 * domain socket bound here rather than by Netty, which would remove its file when
	 * the channel closes, also after the socket was handed to another process.
	 */
	private @Nullable Channel listeningChannel() {
		Integer descriptor = this.request.inheritedDescriptor();
		if (descriptor != null) {
			return EpollSockets.newInheritedServerChannel(descriptor, this.request.path() != null);
		}
		Path path = this.request.path();
		return (path != null) ? EpollSockets.newBoundDomainServerChannel(path, this.backlog) : null;
	}

	/**
	 * Completes the bind of an inherited socket, or of one bound here, without binding:
	 * it listens already, and a second bind would fail.
	 */
	@Sharable
	private static final class AlreadyBound extends ChannelOutboundHandlerAdapter {

		static final AlreadyBound INSTANCE = new AlreadyBound();

		@Override
		public void bind(ChannelHandlerContext context, SocketAddress localAddress, ChannelPromise promise) {
			context.pipeline().remove(this);
			promise.setSuccess();
		}

	}

}
