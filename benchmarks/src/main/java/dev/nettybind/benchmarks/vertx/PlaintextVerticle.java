package dev.nettybind.benchmarks.vertx;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;

import dev.nettybind.benchmarks.Plaintext;

/**
 * One Vert.x {@code HttpServer} answering the plaintext request and counting request
 * bodies, with a second, secure one when given its options.
 */
final class PlaintextVerticle extends VerticleBase {

	private static final CharSequence TEXT_PLAIN = HttpHeaders.createOptimized(Plaintext.CONTENT_TYPE);

	private final int port;

	private final HttpServerOptions secure;

	/**
	 * @param port the plain server's port
	 * @param secure the secure server's options (port and TLS included), or null
	 */
	PlaintextVerticle(int port, HttpServerOptions secure) {
		this.port = port;
		this.secure = secure;
	}

	@Override
	public Future<?> start() {
		Future<?> plain = this.vertx.createHttpServer().requestHandler(this::handle).listen(this.port, Plaintext.HOST);
		if (this.secure == null) {
			return plain;
		}
		return Future.all(plain, this.vertx.createHttpServer(this.secure).requestHandler(this::handle).listen());
	}

	private void handle(HttpServerRequest request) {
		// The plaintext request first: its path is the same one as before the body route.
		if (request.method() == HttpMethod.GET && Plaintext.PATH.equals(request.path())) {
			request.response().putHeader(HttpHeaders.CONTENT_TYPE, TEXT_PLAIN).end(Buffer.buffer(Plaintext.BODY));
			return;
		}
		if (request.method() == HttpMethod.POST && Plaintext.COUNT_PATH.equals(request.path())) {
			count(request);
			return;
		}
		request.response().setStatusCode(404).end();
	}

	/** Counts the body's bytes as they arrive, without aggregating them (as the others do). */
	private static void count(HttpServerRequest request) {
		long[] length = new long[1];
		request.handler(chunk -> length[0] += chunk.length());
		request.endHandler(end -> request.response()
			.putHeader(HttpHeaders.CONTENT_TYPE, TEXT_PLAIN)
			.end(Long.toString(length[0])));
	}

}
