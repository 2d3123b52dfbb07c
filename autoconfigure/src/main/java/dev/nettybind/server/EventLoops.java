package dev.nettybind.server;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.channels.spi.SelectorProvider;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketProtocolFamily;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.FastThreadLocalThread;
import io.netty.util.concurrent.Future;
import reactor.core.scheduler.NonBlocking;

import org.springframework.util.ClassUtils;

/**
 * The event loops of the servers and the transport they run on: epoll when its native
 * library is available, NIO otherwise. io_uring is never chosen, so that the socket
 * options below always apply.
 *
 * @author Netty Bind Starter contributors
 */
final class EventLoops {

	private static final boolean EPOLL_AVAILABLE = ClassUtils.isPresent("io.netty.channel.epoll.Epoll",
			EventLoops.class.getClassLoader()) && EpollSockets.isAvailable();

	private static final Duration SHUTDOWN_TIMEOUT = Duration.ofSeconds(10);

	private final boolean epoll;

	private final EventLoopGroup common;

	/**
	 * Create the common event loops.
	 * @param threads the number of threads, 0 for one per CPU this process may use
	 * @param preferNative whether to use epoll when it is available
	 */
	EventLoops(int threads, boolean preferNative) {
		this.epoll = preferNative && EPOLL_AVAILABLE;
		this.common = newGroup("bind", (threads > 0) ? threads : Runtime.getRuntime().availableProcessors());
	}

	/**
	 * Return whether the epoll transport can be used; the first call loads its native
	 * library.
	 * @return whether epoll is available
	 */
	static boolean isNativeTransportAvailable() {
		return EPOLL_AVAILABLE;
	}

	/**
	 * Return the name of the transport: {@code epoll} or {@code nio}.
	 * @return the transport name
	 */
	String transport() {
		return this.epoll ? "epoll" : "nio";
	}

	EventLoopGroup common() {
		return this.common;
	}

	/**
	 * Create event loops of a server's own, on the same transport; the server shuts
	 * them down when it closes.
	 * @param serverName the server
	 * @param threads the number of threads
	 * @return the event loops
	 */
	EventLoopGroup dedicated(String serverName, int threads) {
		return newGroup("bind-" + serverName, threads);
	}

	/**
	 * Create the server channel for an address: an IPv4 address gets an AF_INET socket,
	 * so that {@code 0.0.0.0} never turns into a dual-stack {@code ::} socket.
	 * @param address the address to bind
	 * @return the channel
	 */
	ServerSocketChannel newServerChannel(InetAddress address) {
		SocketProtocolFamily family = (address instanceof Inet4Address) ? SocketProtocolFamily.INET
				: SocketProtocolFamily.INET6;
		return this.epoll ? EpollSockets.newServerChannel(family)
				: new NioServerSocketChannel(SelectorProvider.provider(), family);
	}

	/**
	 * Return whether the transport can set {@code IPV6_V6ONLY} and {@code SO_REUSEPORT}.
	 * @return whether socket options beyond the JDK's are available
	 */
	boolean isNative() {
		return this.epoll;
	}

	/**
	 * Shut the event loops down. The servers have drained by then, so nothing waits for
	 * a quiet period.
	 */
	void dispose() {
		shutDown(this.common).awaitUninterruptibly();
	}

	/**
	 * Start shutting a group down; this may run on one of its own threads, so it does not
	 * wait.
	 * @param group the event loops
	 * @return the termination of the group
	 */
	static Future<?> shutDown(EventLoopGroup group) {
		return group.shutdownGracefully(0, SHUTDOWN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
	}

	private EventLoopGroup newGroup(String prefix, int threads) {
		// Not daemon threads: like Boot's web server, live servers keep the JVM alive.
		DefaultThreadFactory threadFactory = new NonBlockingThreadFactory(prefix + "-" + transport());
		return this.epoll ? EpollSockets.newGroup(threads, threadFactory)
				: new MultiThreadIoEventLoopGroup(threads, threadFactory, NioIoHandler.newFactory());
	}

	/**
	 * Makes event loop threads that Reactor knows as non-blocking, as Reactor Netty's own
	 * are: {@code block()} in a handler then fails at once instead of stalling the loop.
	 */
	private static final class NonBlockingThreadFactory extends DefaultThreadFactory {

		NonBlockingThreadFactory(String poolName) {
			super(poolName, false);
		}

		@Override
		protected Thread newThread(Runnable runnable, String name) {
			return new EventLoopThread(this.threadGroup, runnable, name);
		}

	}

	private static final class EventLoopThread extends FastThreadLocalThread implements NonBlocking {

		EventLoopThread(ThreadGroup group, Runnable runnable, String name) {
			super(group, runnable, name);
		}

	}

}
