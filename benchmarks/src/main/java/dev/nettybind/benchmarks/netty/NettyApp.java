package dev.nettybind.benchmarks.netty;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;

import dev.nettybind.benchmarks.Plaintext;

/**
 * Raw Netty 4.2 with its {@code HttpServerCodec} on epoll, one event loop per CPU the
 * process may use: {@code <port>}.
 */
public final class NettyApp {

	private NettyApp() {
	}

	/** Start the server and serve until killed. */
	public static void main(String[] args) throws InterruptedException {
		int port = Plaintext.port(args, 0);
		EventLoopGroup group = new MultiThreadIoEventLoopGroup(Runtime.getRuntime().availableProcessors(),
				EpollIoHandler.newFactory());
		Channel server = new ServerBootstrap().group(group)
			.channel(EpollServerSocketChannel.class)
			.childHandler(new ChannelInitializer<Channel>() {
				@Override
				protected void initChannel(Channel channel) {
					channel.pipeline().addLast(new HttpServerCodec(), new NettyPlaintextHandler());
				}
			})
			.bind(Plaintext.HOST, port)
			.sync()
			.channel();
		server.closeFuture().sync();
	}

}
