package dev.nettybind.shared;

import java.util.Iterator;
import java.util.concurrent.TimeUnit;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelPromise;
import io.netty.channel.DefaultChannelPromise;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.AbstractEventExecutorGroup;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.GlobalEventExecutor;

import dev.nettybind.connection.SocketMember;

/**
 * The child {@link EventLoopGroup} of a {@link ListeningSocket}: Reactor Netty registers
 * every accepted connection here, and this group hands it to one member, which
 * registers it on its own event loops. It owns no thread, so shutting it down does
 * nothing; the members' event loops belong to their owners.
 *
 * @author Netty Bind Starter contributors
 */
final class ConnectionDistributor extends AbstractEventExecutorGroup implements EventLoopGroup {

	private final ListeningSocket socket;

	private final EventLoopGroup fallback;

	ConnectionDistributor(ListeningSocket socket, EventLoopGroup fallback) {
		this.socket = socket;
		this.fallback = fallback;
	}

	@Override
	public ChannelFuture register(Channel channel) {
		SocketMember member = this.socket.select();
		if (member == null) {
			return new DefaultChannelPromise(channel, GlobalEventExecutor.INSTANCE)
				.setFailure(new IllegalStateException("No server is serving " + this.socket));
		}
		return member.accept(channel);
	}

	@Override
	public ChannelFuture register(ChannelPromise promise) {
		throw new UnsupportedOperationException("Connections are registered with register(Channel)");
	}

	@Override
	@Deprecated
	public ChannelFuture register(Channel channel, ChannelPromise promise) {
		throw new UnsupportedOperationException("Connections are registered with register(Channel)");
	}

	@Override
	public EventLoop next() {
		return this.fallback.next();
	}

	@Override
	public Iterator<EventExecutor> iterator() {
		return this.fallback.iterator();
	}

	@Override
	public boolean isShuttingDown() {
		return this.fallback.isShuttingDown();
	}

	@Override
	public Future<?> shutdownGracefully(long quietPeriod, long timeout, TimeUnit unit) {
		return terminationFuture();
	}

	@Override
	public Future<?> terminationFuture() {
		return this.fallback.terminationFuture();
	}

	@Override
	@Deprecated
	public void shutdown() {
	}

	@Override
	public boolean isShutdown() {
		return this.fallback.isShutdown();
	}

	@Override
	public boolean isTerminated() {
		return this.fallback.isTerminated();
	}

	@Override
	public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
		return this.fallback.awaitTermination(timeout, unit);
	}

}
