package dev.nettybind.benchmarks.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.AsciiString;
import io.netty.util.ReferenceCountUtil;

import dev.nettybind.benchmarks.Plaintext;

/**
 * Answers each request with the fixed body; writes per request, flushes per read.
 */
final class NettyPlaintextHandler extends ChannelInboundHandlerAdapter {

	private static final ByteBuf BODY = Unpooled
		.unreleasableBuffer(Unpooled.directBuffer(Plaintext.BODY.length).writeBytes(Plaintext.BODY));

	private static final AsciiString CONTENT_TYPE = AsciiString.cached(Plaintext.CONTENT_TYPE);

	private static final AsciiString CONTENT_LENGTH = AsciiString.cached(Integer.toString(Plaintext.BODY.length));

	@Override
	public void channelRead(ChannelHandlerContext context, Object message) {
		try {
			if (message instanceof HttpRequest request) {
				respond(context, request);
			}
		}
		finally {
			ReferenceCountUtil.release(message);
		}
	}

	@Override
	public void channelReadComplete(ChannelHandlerContext context) {
		context.flush();
	}

	@Override
	public void exceptionCaught(ChannelHandlerContext context, Throwable cause) {
		context.close();
	}

	private void respond(ChannelHandlerContext context, HttpRequest request) {
		FullHttpResponse response;
		if (request.method() == HttpMethod.GET && Plaintext.PATH.equals(request.uri())) {
			response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK, BODY.duplicate());
			response.headers().set(HttpHeaderNames.CONTENT_TYPE, CONTENT_TYPE);
			response.headers().set(HttpHeaderNames.CONTENT_LENGTH, CONTENT_LENGTH);
		}
		else {
			response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.NOT_FOUND,
					Unpooled.EMPTY_BUFFER);
			response.headers().set(HttpHeaderNames.CONTENT_LENGTH, 0);
		}
		if (HttpUtil.isKeepAlive(request)) {
			context.write(response, context.voidPromise());
		}
		else {
			context.write(response).addListener(ChannelFutureListener.CLOSE);
		}
	}

}
