package dev.nettybind.connection;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http2.Http2Exception;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Takes what a connection's pipeline leaves unhandled: on an HTTP/2 connection the
 * codec has already answered a protocol error (GOAWAY or RST_STREAM) when it passes the
 * error on, and nothing after it takes it, so Netty would log a WARN with a stack trace
 * at the tail of the pipeline, once per bad connection. Here it is one DEBUG line, and a
 * protocol error is counted. The sink stays last: a protocol chosen later (ALPN, h2c)
 * adds its handlers at the end, and the event that tells so moves the sink behind them.
 *
 * @author Netty Bind Starter contributors
 */
final class ConnectionErrorSink extends ChannelInboundHandlerAdapter {

	private static final Log logger = LogFactory.getLog(ConnectionErrorSink.class);

	private static final String NAME = "bind.connectionErrors";

	private final SocketMember member;

	private ConnectionErrorSink(SocketMember member) {
		this.member = member;
	}

	static void install(Channel channel) {
		SocketMember member = SocketMember.of(channel);
		if (member != null) {
			channel.pipeline().addLast(NAME, new ConnectionErrorSink(member));
		}
	}

	@Override
	public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
		ChannelPipeline pipeline = ctx.pipeline();
		if (pipeline.last() != this) {
			// A handler leaves a pipeline for good: a new one takes its place at the end.
			pipeline.remove(this);
			pipeline.addLast(NAME, new ConnectionErrorSink(this.member));
		}
		ctx.fireUserEventTriggered(evt);
	}

	@Override
	public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
		boolean protocolError = cause instanceof Http2Exception || cause.getCause() instanceof Http2Exception;
		if (protocolError) {
			this.member.rejected("http2-protocol");
		}
		if (logger.isDebugEnabled()) {
			logger.debug("Server '" + this.member.name() + "' closes a connection from " + ctx.channel().remoteAddress()
					+ ": " + LogSafe.escape(cause.getClass().getSimpleName() + ": " + cause.getMessage()));
		}
		ctx.close();
	}

}
