package dev.nettybind.connection;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.netty.channel.Channel;
import io.netty.util.Attribute;
import io.netty.util.AttributeKey;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Marks a new connection as waiting for the headers of its first request, and closes it
 * if they do not come in time, against slowloris; Reactor Netty's own timeouts start
 * only with a request. A drain lets a connection so marked deliver its first request.
 *
 * @author Netty Bind Starter contributors
 */
final class HeaderTimer {

	private static final Log logger = LogFactory.getLog(HeaderTimer.class);

	private static final AttributeKey<Pending> PENDING = AttributeKey.valueOf(HeaderTimer.class, "pending");

	private final String serverName;

	private final long timeoutMillis;

	HeaderTimer(String serverName, Duration timeout) {
		this.serverName = serverName;
		this.timeoutMillis = timeout.toMillis();
	}

	void start(Channel channel) {
		ScheduledFuture<?> timer = (this.timeoutMillis > 0) ? channel.eventLoop().schedule(() -> {
			logger.debug("Server '" + this.serverName + "' closes " + channel + ": no request headers within "
					+ this.timeoutMillis + "ms");
			channel.close();
		}, this.timeoutMillis, TimeUnit.MILLISECONDS) : null;
		channel.attr(PENDING).set(new Pending(timer));
	}

	/**
	 * Clear the mark of a connection that delivered its request headers.
	 * @param connection the connection: on HTTP/2 the parent of the request's stream
	 */
	void stop(Channel connection) {
		Attribute<Pending> attribute = connection.attr(PENDING);
		// A plain read first: after the first request there is nothing to clear.
		Pending pending = attribute.get();
		if (pending != null && attribute.compareAndSet(pending, null) && pending.timer() != null) {
			pending.timer().cancel(false);
		}
	}

	/**
	 * Return whether a connection has not delivered the headers of its first request yet.
	 * @param channel the connection
	 * @return whether it waits for them
	 */
	static boolean awaitsFirstRequest(Channel channel) {
		return channel.hasAttr(PENDING) && channel.attr(PENDING).get() != null;
	}

	private record Pending(@Nullable ScheduledFuture<?> timer) {

	}

}
