package dev.nettybind.connection;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import io.netty.channel.Channel;
import io.netty.channel.ServerChannel;
import io.netty.util.Attribute;
import io.netty.util.AttributeKey;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Closes a new connection that does not deliver the headers of its first request in
 * time, against slowloris; Reactor Netty's own timeouts start only with a request.
 *
 * @author Netty Bind Starter contributors
 */
final class HeaderTimer {

	private static final Log logger = LogFactory.getLog(HeaderTimer.class);

	private static final AttributeKey<ScheduledFuture<?>> TIMER = AttributeKey.valueOf(HeaderTimer.class, "timer");

	private final String serverName;

	private final long timeoutMillis;

	HeaderTimer(String serverName, Duration timeout) {
		this.serverName = serverName;
		this.timeoutMillis = timeout.toMillis();
	}

	boolean isOn() {
		return this.timeoutMillis > 0;
	}

	void start(Channel channel) {
		if (isOn()) {
			channel.attr(TIMER).set(channel.eventLoop().schedule(() -> {
				logger.debug("Server '" + this.serverName + "' closes " + channel + ": no request headers within "
						+ this.timeoutMillis + "ms");
				channel.close();
			}, this.timeoutMillis, TimeUnit.MILLISECONDS));
		}
	}

	void stop(Channel channel) {
		// On HTTP/2 the timer is on the connection, the parent of the stream.
		Channel connection = (channel.parent() instanceof ServerChannel || channel.parent() == null) ? channel
				: channel.parent();
		if (connection.hasAttr(TIMER)) {
			Attribute<ScheduledFuture<?>> attribute = connection.attr(TIMER);
			// A plain read first: after the first request there is nothing to cancel.
			ScheduledFuture<?> timer = (attribute.get() != null) ? attribute.getAndSet(null) : null;
			if (timer != null) {
				timer.cancel(false);
			}
		}
	}

}
