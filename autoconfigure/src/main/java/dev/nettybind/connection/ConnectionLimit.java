package dev.nettybind.connection;

import java.util.List;
import java.util.function.Supplier;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Refuses the connections of a listening socket beyond {@code max-connections}, in front
 * of Reactor Netty's acceptor, which would refuse them too but log a WARN with a stack
 * trace for each ("Failed to register an accepted channel"): here a refusal is one DEBUG
 * line and a count, {@code max-connections}, of the socket's first server (the one it
 * was opened for; a shared socket's servers agree on the limit), within the WARN summary
 * of {@link RejectionLog}. It keeps no count of its own, so that a connection
 * costs it nothing: the members count theirs (a server that left the socket no longer
 * counts the connections it still drains). Reactor Netty's own limit is left unset: it
 * would count each connection a second time, with a listener of its own on each.
 *
 * @author Netty Bind Starter contributors
 */
final class ConnectionLimit extends ChannelInboundHandlerAdapter {

	static final String REASON = "max-connections";

	static final String NAME = "bind.connectionLimit";

	private static final Log logger = LogFactory.getLog(ConnectionLimit.class);

	private final int maxConnections;

	private final Supplier<List<SocketMember>> members;

	ConnectionLimit(int maxConnections, Supplier<List<SocketMember>> members) {
		this.maxConnections = maxConnections;
		this.members = members;
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		if (!(msg instanceof Channel child)) {
			ctx.fireChannelRead(msg);
			return;
		}
		if (open() >= this.maxConnections) {
			refuse(child);
			return;
		}
		ctx.fireChannelRead(child);
	}

	/**
	 * The connections open on the socket, as its members count them: the acceptor hands
	 * each connection to a member, which counts it, before it takes the next one.
	 */
	private int open() {
		int open = 0;
		for (SocketMember member : this.members.get()) {
			open += member.activeConnections();
		}
		return open;
	}

	private void refuse(Channel child) {
		// Not registered with any event loop yet: closed as Reactor Netty's acceptor does.
		child.unsafe().closeForcibly();
		List<SocketMember> members = this.members.get();
		SocketMember member = members.isEmpty() ? null : members.get(0);
		if (member != null) {
			member.rejected(REASON);
		}
		if (logger.isDebugEnabled()) {
			logger.debug("Server '" + ((member != null) ? member.name() : "?") + "' refuses a connection from "
					+ child.remoteAddress() + ": max-connections (" + this.maxConnections + ") reached");
		}
	}

}
