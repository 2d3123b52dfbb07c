package dev.nettybind.connection;

import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.handler.timeout.ReadTimeoutException;
import io.netty.util.ReferenceCountUtil;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.netty.NettyPipeline;
import reactor.netty.channel.AbortedException;
import reactor.netty.channel.ChannelOperations;

import org.springframework.core.codec.DecodingException;
import org.springframework.core.io.buffer.DataBufferLimitException;

/**
 * Watches the HTTP/1.1 messages of a connection as the codec decodes them, between the
 * codec and Reactor Netty's traffic handler, for what a client got wrong:
 * <ul>
 * <li>A request whose line or headers cannot be decoded is answered here, 400, 414 or
 * 431 with {@code Connection: close}, with one DEBUG line and a count; Reactor Netty
 * would log a WARN with a dump of the request for each.</li>
 * <li>A request body that breaks while the handler reads it fails, with
 * {@link MalformedBody} (a {@link DecodingException}, which WebFlux answers with 400),
 * where Reactor Netty would complete it as if it had ended, so that the handler acted on
 * a truncated body, and answer 400 under the handler's own response.</li>
 * <li>A body that grows past {@code max-body-size} without having declared its length
 * fails with {@link BodyTooLarge} (a {@link DataBufferLimitException}): a chunked
 * HTTP/1.1 body, or the body of an HTTP/2 stream, which has a guard of its own.</li>
 * </ul>
 * The connection is closed after the response: nothing more can be read from it. Per
 * message it costs an {@code instanceof} and, for body content, an addition.
 *
 * @author Netty Bind Starter contributors
 */
final class RequestStreamGuard extends ChannelInboundHandlerAdapter {

	private static final Log logger = LogFactory.getLog(RequestStreamGuard.class);

	private static final String NAME = "bind.requestStreamGuard";

	private final SocketMember member;

	private final long maxBodySize;

	private final @Nullable RequestLineCheck lineCheck;

	private long received;

	private boolean broken;

	private RequestStreamGuard(SocketMember member, long maxBodySize, @Nullable RequestLineCheck lineCheck) {
		this.member = member;
		this.maxBodySize = maxBodySize;
		this.lineCheck = lineCheck;
	}

	/**
	 * Guard the requests of a connection of a member, if it speaks HTTP/1.1: its
	 * pipeline has Reactor Netty's HTTP/1.1 traffic handler.
	 * @param channel the connection
	 */
	static void install(Channel channel) {
		ChannelPipeline pipeline = channel.pipeline();
		SocketMember member = SocketMember.of(channel);
		if (member != null && pipeline.get(NettyPipeline.HttpTrafficHandler) != null) {
			// The codec is Reactor Netty's HttpCodec, or one that its h2c upgrade handler
			// added under a name of its own.
			ChannelHandlerContext codec = pipeline.context(HttpServerCodec.class);
			RequestLineCheck lineCheck = null;
			if (codec != null) {
				lineCheck = new RequestLineCheck();
				pipeline.addBefore(codec.name(), RequestLineCheck.NAME, lineCheck);
			}
			pipeline.addBefore(NettyPipeline.HttpTrafficHandler, NAME,
					new RequestStreamGuard(member, member.policy().maxBodySize(), lineCheck));
		}
	}

	/**
	 * Guard the body of an HTTP/2 stream, which Reactor Netty sets up with no hook of the
	 * server's: called as the stream's request reaches the member, before any of its DATA
	 * frames is read, so that a body of unknown length is counted against
	 * {@code max-body-size} as it comes.
	 * @param stream the channel of the stream
	 * @param member the member that serves it
	 */
	static void installOnStream(Channel stream, SocketMember member) {
		long maxBodySize = member.policy().maxBodySize();
		ChannelPipeline pipeline = stream.pipeline();
		if (maxBodySize > 0 && pipeline.get(NAME) == null && pipeline.get(NettyPipeline.HttpTrafficHandler) != null) {
			pipeline.addBefore(NettyPipeline.HttpTrafficHandler, NAME, new RequestStreamGuard(member, maxBodySize, null));
		}
	}

	/**
	 * Return whether a handler failed because of its client while it read the request
	 * body: the body broke or grew too large, stopped coming (read-timeout), or the
	 * client left.
	 * @param failure what the handler failed with
	 * @return whether the client is at fault
	 */
	static boolean isClientFault(Throwable failure) {
		return reason(failure) != null || failure instanceof AbortedException
				|| AbortedException.isConnectionReset(failure);
	}

	/**
	 * Return the reason of {@link TrafficCounts#REJECTION_REASONS} of a client's fault
	 * with the request body.
	 * @param failure what the handler failed with
	 * @return the reason, {@code null} if the client left or the failure is not its own
	 */
	static @Nullable String reason(Throwable failure) {
		if (failure instanceof MalformedBody) {
			return "malformed-body";
		}
		if (failure instanceof BodyTooLarge) {
			return "body-too-large";
		}
		return (failure instanceof ReadTimeoutException) ? "body-timeout" : null;
	}

	/**
	 * Return the answer to a client at fault with the request body.
	 * @param failure what the handler failed with
	 * @return 400, 413 or 408; {@code null} if the client left or the failure is not its
	 * own
	 */
	static @Nullable HttpResponseStatus answer(Throwable failure) {
		String reason = reason(failure);
		if (reason == null) {
			return null;
		}
		return switch (reason) {
			case "body-too-large" -> HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE;
			case "body-timeout" -> HttpResponseStatus.REQUEST_TIMEOUT;
			default -> HttpResponseStatus.BAD_REQUEST;
		};
	}

	@Override
	public void channelRead(ChannelHandlerContext ctx, Object msg) {
		// The two messages of a request without a body come first: no more type checks than
		// they need, as this runs twice on every request.
		if (msg == LastHttpContent.EMPTY_LAST_CONTENT) {
			requestEnded();
			this.received = 0;
			if (!this.broken) {
				ctx.fireChannelRead(msg);
			}
			return;
		}
		if (msg instanceof HttpRequest request) {
			if (this.lineCheck != null && this.lineCheck.refuses(request)) {
				// RequestScreen refuses it, as it refuses a target it sees, with the access log
				// line and the DEBUG line of any request it refuses.
				request.setMethod(new RequestLineCheck.RefusedMethod(request.method()));
			}
			if (request instanceof LastHttpContent) {
				// A whole request (an h2c upgrade, an HTTP/2 stream): its body is not counted.
				// It ends after its line was looked at: the line check reads the next one.
				requestEnded();
			}
			this.received = 0;
			this.broken = false;
			if (request.decoderResult().isFailure() && ChannelOperations.get(ctx.channel()) == null) {
				refuse(ctx, msg, request.decoderResult().cause());
				return;
			}
			ctx.fireChannelRead(msg);
			return;
		}
		if (!(msg instanceof HttpContent content)) {
			ctx.fireChannelRead(msg);
			return;
		}
		boolean last = msg instanceof LastHttpContent;
		if (last) {
			requestEnded();
		}
		if (this.broken) {
			// The rest of a request that already failed: nobody reads it.
			ReferenceCountUtil.release(msg);
			return;
		}
		if (content.decoderResult().isFailure()) {
			fail(ctx, msg, new MalformedBody(content.decoderResult().cause()));
			return;
		}
		this.received += content.content().readableBytes();
		if (this.maxBodySize > 0 && this.received > this.maxBodySize) {
			fail(ctx, msg, new BodyTooLarge(this.maxBodySize));
			return;
		}
		if (last) {
			this.received = 0;
		}
		ctx.fireChannelRead(msg);
	}

	private void requestEnded() {
		if (this.lineCheck != null) {
			this.lineCheck.requestEnded();
		}
	}

	/**
	 * Answer a request that cannot be decoded, with no request of the connection in
	 * flight that Reactor Netty would still answer first.
	 */
	private void refuse(ChannelHandlerContext ctx, Object msg, Throwable cause) {
		ReferenceCountUtil.release(msg);
		this.broken = true;
		HttpResponseStatus status = (cause instanceof TooLongHttpLineException) ? HttpResponseStatus.REQUEST_URI_TOO_LONG
				: (cause instanceof TooLongHttpHeaderException) ? HttpResponseStatus.REQUEST_HEADER_FIELDS_TOO_LARGE
						: HttpResponseStatus.BAD_REQUEST;
		this.member.rejected("malformed-request");
		if (logger.isDebugEnabled()) {
			logger.debug("Server '" + this.member.name() + "' refuses a request from " + ctx.channel().remoteAddress()
					+ " with " + status.code() + ": " + LogSafe.escape(String.valueOf(cause.getMessage())));
		}
		FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.EMPTY_BUFFER);
		response.headers()
			.setInt(HttpHeaderNames.CONTENT_LENGTH, 0)
			.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
		ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
	}

	private void fail(ChannelHandlerContext ctx, Object msg, RuntimeException failure) {
		ReferenceCountUtil.release(msg);
		this.broken = true;
		ChannelOperations<?, ?> operations = ChannelOperations.get(ctx.channel());
		if (operations == null) {
			ctx.close();
			return;
		}
		operations.markPersistent(false);
		if (operations.isInboundDisposed()) {
			// Nobody reads the body any more: the response, if any, ends the connection.
			return;
		}
		// The handler's reading of the body fails; SocketMember answers and counts it.
		ctx.fireExceptionCaught(failure);
	}

	/**
	 * A request body whose framing is broken.
	 */
	static final class MalformedBody extends DecodingException {

		MalformedBody(Throwable cause) {
			super("Malformed request body: " + LogSafe.escape(String.valueOf(cause.getMessage())), cause);
		}

	}

	/**
	 * A request body larger than the limit, of a request that did not declare its length.
	 */
	static final class BodyTooLarge extends DataBufferLimitException {

		BodyTooLarge(long maxBodySize) {
			super("Request body larger than max-body-size (" + maxBodySize + " bytes)");
		}

	}

}
