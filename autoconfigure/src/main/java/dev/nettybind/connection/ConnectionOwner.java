package dev.nettybind.connection;

import java.util.concurrent.ScheduledFuture;

import io.netty.channel.Channel;
import io.netty.util.Attribute;
import io.netty.util.AttributeKey;
import org.jspecify.annotations.Nullable;

/**
 * What a connection holds of the member that owns it, in one channel attribute: the
 * member, or, while the connection waits for request headers, the member and the timer
 * that closes it if they do not come ({@link HeaderTimer}). One attribute, not two, as
 * every idle connection keeps its attributes for as long as it is open.
 *
 * @author Netty Bind Starter contributors
 */
final class ConnectionOwner {

	private static final AttributeKey<Object> OWNER = AttributeKey.valueOf(ConnectionOwner.class, "owner");

	private ConnectionOwner() {
	}

	static void set(Channel channel, SocketMember member) {
		channel.attr(OWNER).set(member);
	}

	/**
	 * Return the member that owns a channel.
	 * @param channel the channel of a connection
	 * @return the member, or {@code null} if the channel belongs to none
	 */
	static @Nullable SocketMember of(Channel channel) {
		if (!channel.hasAttr(OWNER)) {
			return null;
		}
		Object owner = channel.attr(OWNER).get();
		return (owner instanceof Waiting waiting) ? waiting.member() : (SocketMember) owner;
	}

	/**
	 * Mark a connection of a member as waiting for request headers.
	 * @param channel the connection
	 * @param timer what closes it if they do not come, {@code null} if nothing does
	 */
	static void awaitHeaders(Channel channel, @Nullable ScheduledFuture<?> timer) {
		SocketMember member = of(channel);
		if (member != null) {
			channel.attr(OWNER).set(new Waiting(member, timer));
		}
	}

	/**
	 * Clear the mark of a connection that delivered its request headers.
	 * @param channel the connection
	 * @return the timer of the mark, {@code null} if it had none or was not marked
	 */
	static @Nullable ScheduledFuture<?> headersCame(Channel channel) {
		if (!channel.hasAttr(OWNER)) {
			return null;
		}
		Attribute<Object> attribute = channel.attr(OWNER);
		// A plain read first: after the first request there is nothing to clear.
		Object owner = attribute.get();
		if (owner instanceof Waiting waiting && attribute.compareAndSet(waiting, waiting.member())) {
			return waiting.timer();
		}
		return null;
	}

	/**
	 * Return whether a connection waits for request headers.
	 * @param channel the connection
	 * @return whether it is so marked
	 */
	static boolean awaitsHeaders(Channel channel) {
		return channel.hasAttr(OWNER) && channel.attr(OWNER).get() instanceof Waiting;
	}

	private record Waiting(SocketMember member, @Nullable ScheduledFuture<?> timer) {

	}

}
