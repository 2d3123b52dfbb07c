package dev.nettybind.server;

import java.util.concurrent.ThreadFactory;

import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketProtocolFamily;
import io.netty.channel.unix.IntegerUnixChannelOption;

/**
 * What only the epoll transport can do. Loaded only when Netty's epoll classes are on
 * the class path.
 *
 * @author Netty Bind Starter contributors
 */
final class EpollSockets {

	private static final int IPPROTO_IPV6 = 41;

	private static final int IPV6_V6ONLY = 26;

	/**
	 * {@code IPV6_V6ONLY} as a socket option Netty can set before the bind.
	 */
	static final ChannelOption<Integer> V6_ONLY = new IntegerUnixChannelOption("IPV6_V6ONLY", IPPROTO_IPV6,
			IPV6_V6ONLY);

	/**
	 * {@code SO_REUSEPORT}.
	 */
	static final ChannelOption<Boolean> REUSE_PORT = EpollChannelOption.SO_REUSEPORT;

	private EpollSockets() {
	}

	static boolean isAvailable() {
		return Epoll.isAvailable();
	}

	static EventLoopGroup newGroup(int threads, ThreadFactory threadFactory) {
		return new MultiThreadIoEventLoopGroup(threads, threadFactory, EpollIoHandler.newFactory());
	}

	static ServerSocketChannel newServerChannel(SocketProtocolFamily family) {
		return new EpollServerSocketChannel(family);
	}

}
