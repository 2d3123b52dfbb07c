package dev.nettybind.connection;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.util.concurrent.GlobalEventExecutor;

/**
 * Registers the connections handed to one server with its event loops, and keeps them
 * and their counts while they are open.
 *
 * @author Netty Bind Starter contributors
 */
final class ConnectionTracker {

	private final ChannelGroup channels;

	private final AtomicInteger active = new AtomicInteger();

	private final AtomicLong accepted = new AtomicLong();

	ConnectionTracker(String serverName) {
		this.channels = new DefaultChannelGroup(serverName, GlobalEventExecutor.INSTANCE);
	}

	/**
	 * Register a connection with one of the given event loops.
	 * @param channel the accepted connection
	 * @param eventLoops the event loops of the server
	 * @param opened called on the connection's event loop once it is registered
	 * @param closed called when it closes
	 * @return the registration
	 */
	ChannelFuture register(Channel channel, EventLoopGroup eventLoops, Consumer<Channel> opened,
			Consumer<Channel> closed) {
		this.active.incrementAndGet();
		this.accepted.incrementAndGet();
		ChannelFuture registration = eventLoops.next().register(channel);
		registration.addListener((future) -> {
			if (future.isSuccess()) {
				this.channels.add(channel);
				channel.closeFuture().addListener((done) -> {
					this.active.decrementAndGet();
					closed.accept(channel);
				});
				opened.accept(channel);
			}
			else {
				this.active.decrementAndGet();
			}
		});
		return registration;
	}

	int active() {
		return this.active.get();
	}

	long accepted() {
		return this.accepted.get();
	}

	ChannelGroup channels() {
		return this.channels;
	}

}
