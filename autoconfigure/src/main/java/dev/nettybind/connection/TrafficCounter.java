package dev.nettybind.connection;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufHolder;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import reactor.netty.http.server.HttpServer;

/**
 * Counts the bytes a connection receives and sends, on the wire, for the member that
 * owns it. Only sockets whose servers record metrics have it.
 * <p>
 * Not API: public only because the binder installs it on the HttpServer of a socket, in
 * another package.
 *
 * @author Netty Bind Starter contributors
 * @since 0.1.0
 */
public final class TrafficCounter extends ChannelDuplexHandler {

	private static final String NAME = "bind.traffic";

	private final TrafficCounts counts;

	private TrafficCounter(TrafficCounts counts) {
		this.counts = counts;
	}

	/**
	 * Count the bytes of every connection of the given server.
	 * @param server the server of a socket
	 * @return the server that counts
	 */
	public static HttpServer countBytes(HttpServer server) {
		return server.doOnChannelInit((observer, channel, remoteAddress) -> {
			SocketMember member = SocketMember.of(channel);
			if (member != null) {
				channel.pipeline().addFirst(NAME, new TrafficCounter(member.traffic()));
			}
		});
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		this.counts.received(size(msg));
		ctx.fireChannelRead(msg);
	}

	@Override
	public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
		this.counts.sent(size(msg));
		ctx.write(msg, promise);
	}

	private static long size(Object msg) {
		if (msg instanceof ByteBuf buffer) {
			return buffer.readableBytes();
		}
		return (msg instanceof ByteBufHolder holder) ? holder.content().readableBytes() : 0;
	}

}
