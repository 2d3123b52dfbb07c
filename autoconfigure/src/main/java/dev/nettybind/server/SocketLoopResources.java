package dev.nettybind.server;

import java.net.InetAddress;

import io.netty.channel.Channel;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.ServerSocketChannel;
import reactor.netty.resources.LoopResources;

/**
 * The {@link LoopResources} of one listening socket: the common event loops accept,
 * the socket's connection distributor registers each accepted connection with the
 * event loops of one member, and the server channel gets the protocol family of the
 * address. It owns nothing, so disposing it does nothing.
 *
 * @author Netty Bind Starter contributors
 */
final class SocketLoopResources implements LoopResources {

	private final EventLoops eventLoops;

	private final EventLoopGroup connections;

	private final InetAddress address;

	SocketLoopResources(EventLoops eventLoops, EventLoopGroup connections, InetAddress address) {
		this.eventLoops = eventLoops;
		this.connections = connections;
		this.address = address;
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
		if (channelType.equals(ServerSocketChannel.class)) {
			return (CHANNEL) this.eventLoops.newServerChannel(this.address);
		}
		return LoopResources.super.onChannel(channelType, group);
	}

}
