package dev.nettybind.connection;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.netty.channel.Channel;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Marks a new connection as waiting for the headers of its first request, and closes it
 * if they do not come in time, against slowloris; Reactor Netty's own timeouts start
 * only with a request. A drain lets a connection so marked deliver its first request.
 *
 * @author Netty Bind Starter contributors
 */
final class HeaderTimer {

	private static final Log logger = LogFactory.getLog(HeaderTimer.class);

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
		ConnectionOwner.awaitHeaders(channel, timer);
	}

	/**
	 * Clear the mark of a connection that delivered its request headers.
	 * @param connection the connection: on HTTP/2 the parent of the request's stream
	 */
	void stop(Channel connection) {
		ScheduledFuture<?> timer = ConnectionOwner.headersCame(connection);
		if (timer != null) {
			timer.cancel(false);
		}
	}

	/**
	 * Return whether a connection has not delivered the headers of its first request yet.
	 * @param channel the connection
	 * @return whether it waits for them
	 */
	static boolean awaitsFirstRequest(Channel channel) {
		return ConnectionOwner.awaitsHeaders(channel);
	}

}
