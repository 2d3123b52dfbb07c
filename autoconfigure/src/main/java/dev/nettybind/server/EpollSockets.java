package dev.nettybind.server;

import java.io.IOException;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Path;
import java.util.concurrent.ThreadFactory;

import io.netty.channel.ChannelException;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketProtocolFamily;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.channel.unix.FileDescriptor;
import io.netty.channel.unix.IntegerUnixChannelOption;
import io.netty.channel.unix.ServerDomainSocketChannel;
import io.netty.channel.unix.Socket;
import io.netty.channel.unix.UnixChannel;
import org.jspecify.annotations.Nullable;

/**
 * What only the epoll transport can do. Loaded only when Netty's epoll classes are on
 * the class path.
 *
 * @author Netty Bind Starter contributors
 */
final class EpollSockets {

	private static final int IPPROTO_IPV6 = 41;

	private static final int IPV6_V6ONLY = 26;

	private static final int SOL_SOCKET = 1;

	private static final int SO_TYPE = 3;

	private static final int SO_ACCEPTCONN = 30;

	private static final int SO_DOMAIN = 39;

	private static final int SOCK_STREAM = 1;

	private static final int AF_UNIX = 1;

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

	/**
	 * Create the server channel of a Unix domain socket bound and listening on a path.
	 * Netty never removes the file of such a channel, as it does for the channels it
	 * binds itself.
	 * @param path the path
	 * @param backlog the listen backlog
	 * @return the channel
	 */
	static ServerDomainSocketChannel newBoundDomainServerChannel(Path path, int backlog) {
		return new EpollServerDomainSocketChannel(bindDomainSocket(path, backlog), true);
	}

	/**
	 * Bind a Unix domain socket on a path, and listen.
	 * @param path the path
	 * @param backlog the listen backlog
	 * @return its descriptor
	 */
	static int bindDomainSocket(Path path, int backlog) {
		Socket socket = Socket.newSocketDomain();
		try {
			socket.bind(new DomainSocketAddress(path.toFile()));
			socket.listen(backlog);
		}
		catch (IOException ex) {
			try {
				socket.close();
			}
			catch (IOException closeFailure) {
				ex.addSuppressed(closeFailure);
			}
			throw new ChannelException(ex);
		}
		return socket.intValue();
	}

	/**
	 * Close a descriptor that no channel took.
	 * @param descriptor the descriptor
	 */
	static void close(int descriptor) {
		try {
			new FileDescriptor(descriptor).close();
		}
		catch (IOException ex) {
			// Closed already.
		}
	}

	/**
	 * Return the descriptor of an epoll channel.
	 * @param channel the channel
	 * @return its descriptor
	 */
	static int descriptor(io.netty.channel.Channel channel) {
		return ((UnixChannel) channel).fd().intValue();
	}

	static SocketAddress domainSocketAddress(Path path) {
		return new DomainSocketAddress(path.toFile());
	}

	/**
	 * Return the local address of an inherited descriptor, checked to be a listening
	 * stream socket.
	 * @param descriptor the descriptor
	 * @return its address: an {@code InetSocketAddress}, or a
	 * {@code UnixDomainSocketAddress}
	 * @throws IOException if it is no socket, or no listening stream socket
	 */
	static SocketAddress listeningAddress(int descriptor) throws IOException {
		Epoll.ensureAvailability();
		try {
			Socket socket = new Socket(descriptor);
			if (socket.getIntOpt(SOL_SOCKET, SO_TYPE) != SOCK_STREAM) {
				throw new IOException("it is not a stream (TCP or Unix stream) socket");
			}
			if (socket.getIntOpt(SOL_SOCKET, SO_ACCEPTCONN) == 0) {
				throw new IOException("it is a socket, but not a listening one");
			}
			if (socket.getIntOpt(SOL_SOCKET, SO_DOMAIN) == AF_UNIX) {
				DomainSocketAddress address = socket.localDomainSocketAddress();
				if (address == null || address.path().isEmpty()) {
					throw new IOException("it is a Unix domain socket without a path");
				}
				return UnixDomainSocketAddress.of(address.path());
			}
			@Nullable SocketAddress address = socket.localAddress();
			if (address == null) {
				throw new IOException("its local address cannot be read");
			}
			return address;
		}
		catch (ChannelException ex) {
			// Netty reports a failed getsockname() so, for a descriptor that is no socket.
			throw new IOException(ex.getMessage(), ex);
		}
	}

	/**
	 * Create the server channel of an inherited listening socket: it is bound and
	 * listens already.
	 * @param descriptor the descriptor
	 * @param domain whether it is a Unix domain socket
	 * @return the channel
	 */
	static io.netty.channel.Channel newInheritedServerChannel(int descriptor, boolean domain) {
		return domain ? new EpollServerDomainSocketChannel(descriptor, true) : new EpollServerSocketChannel(descriptor);
	}

}
