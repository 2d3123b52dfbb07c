package dev.nettybind.connection;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.DecoderException;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.netty.NettyPipeline;

/**
 * Takes a failed TLS handshake, a client's failure, out of the pipeline: one line at
 * DEBUG (server, peer, reason), a count for the server, and the connection closed.
 * Otherwise the failure reaches Netty's {@code ApplicationProtocolNegotiationHandler}
 * (servers with h2), which logs it at WARN twice, each with a stack trace, 8 to 13 KB
 * per connection. It sits right after Reactor Netty's SSL reader and leaves the
 * pipeline once the handshake has succeeded, putting the {@link RequestStreamGuard} in
 * place if the connection speaks HTTP/1.1.
 *
 * @author Netty Bind Starter contributors
 */
final class TlsFailureHandler extends ChannelInboundHandlerAdapter {

	static final String REASON = "tls-handshake";

	private static final Log logger = LogFactory.getLog(TlsFailureHandler.class);

	private static final String NAME = "bind.tlsFailure";

	private static final int MAX_REASON_LENGTH = 100;

	private final SocketMember member;

	private boolean failed;

	private TlsFailureHandler(SocketMember member) {
		this.member = member;
	}

	static void install(Channel channel) {
		SocketMember member = SocketMember.of(channel);
		ChannelPipeline pipeline = channel.pipeline();
		if (member != null && pipeline.get(NettyPipeline.SslReader) != null) {
			pipeline.addAfter(NettyPipeline.SslReader, NAME, new TlsFailureHandler(member));
		}
	}

	@Override
	public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
		if (evt instanceof SslHandshakeCompletionEvent handshake) {
			if (!handshake.isSuccess()) {
				fail(ctx, handshake.cause());
				return;
			}
			ctx.pipeline().remove(this);
			// ALPN sets up the pipeline of the protocol it chose as the event passes.
			ctx.fireUserEventTriggered(evt);
			RequestStreamGuard.install(ctx.channel());
			return;
		}
		ctx.fireUserEventTriggered(evt);
	}

	@Override
	public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
		// Until the handshake has succeeded, any failure is the client's: the SSL reader
		// and the SSL handler each report the same one, after the completion event.
		fail(ctx, cause);
	}

	private void fail(ChannelHandlerContext ctx, Throwable cause) {
		if (!this.failed) {
			this.failed = true;
			this.member.rejected(REASON);
			if (logger.isDebugEnabled()) {
				logger.debug("Server '" + this.member.name() + "' closes a connection from "
						+ ctx.channel().remoteAddress() + ": TLS handshake failed: " + reason(cause));
			}
		}
		ctx.close();
	}

	private static String reason(Throwable cause) {
		Throwable reason = (cause instanceof DecoderException && cause.getCause() != null) ? cause.getCause() : cause;
		String message = reason.getClass().getSimpleName() + ": " + reason.getMessage();
		// A record that is not TLS comes with a hex dump of what the client sent.
		return LogSafe.escape((message.length() > MAX_REASON_LENGTH)
				? message.substring(0, MAX_REASON_LENGTH) + "..." : message);
	}

}
