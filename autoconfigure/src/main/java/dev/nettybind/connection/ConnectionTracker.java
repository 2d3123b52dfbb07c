package dev.nettybind.connection;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.EventLoopGroup;

/**
 * Registers the connections handed to one server with its event loops, and keeps them
 * and their counts while they are open.
 * <p>
 * One listener, the same for every connection, does all that a close needs: a
 * connection holds no object of its own here but its entry in the set (a
 * {@code DefaultChannelGroup} would add a second listener to each).
 *
 * @author Netty Bind Starter contributors
 */
final class ConnectionTracker {

	private final Set<Channel> channels = ConcurrentHashMap.newKeySet();

	private final AtomicInteger active = new AtomicInteger();

	private final AtomicLong accepted = new AtomicLong();

	private final Consumer<Channel> opened;

	private final ChannelFutureListener onClose;

	/**
	 * Create a tracker.
	 * @param opened called on a connection's event loop once it is registered
	 * @param closed called when a connection closes
	 */
	ConnectionTracker(Consumer<Channel> opened, Consumer<Channel> closed) {
		this.opened = opened;
		this.onClose = (future) -> {
			this.channels.remove(future.channel());
			this.active.decrementAndGet();
			closed.accept(future.channel());
		};
	}

	/**
	 * Register a connection with one of the given event loops.
	 * @param channel the accepted connection
	 * @param eventLoops the event loops of the server
	 * @return the registration
	 */
	ChannelFuture register(Channel channel, EventLoopGroup eventLoops) {
		this.active.incrementAndGet();
		this.accepted.incrementAndGet();
		ChannelFuture registration = eventLoops.next().register(channel);
		registration.addListener((future) -> {
			if (future.isSuccess()) {
				this.channels.add(channel);
				channel.closeFuture().addListener(this.onClose);
				this.opened.accept(channel);
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

	/**
	 * Return the connections open now, a live view.
	 * @return the connections
	 */
	Set<Channel> channels() {
		return this.channels;
	}

}
