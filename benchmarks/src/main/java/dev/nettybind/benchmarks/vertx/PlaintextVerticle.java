package dev.nettybind.benchmarks.vertx;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;

import dev.nettybind.benchmarks.Plaintext;

/**
 * One Vert.x {@code HttpServer} answering the plaintext request.
 */
final class PlaintextVerticle extends VerticleBase {

	private static final CharSequence TEXT_PLAIN = HttpHeaders.createOptimized(Plaintext.CONTENT_TYPE);

	private final int port;

	PlaintextVerticle(int port) {
		this.port = port;
	}

	@Override
	public Future<?> start() {
		return this.vertx.createHttpServer().requestHandler(this::handle).listen(this.port, Plaintext.HOST);
	}

	private void handle(HttpServerRequest request) {
		if (request.method() != HttpMethod.GET || !Plaintext.PATH.equals(request.path())) {
			request.response().setStatusCode(404).end();
			return;
		}
		request.response().putHeader(HttpHeaders.CONTENT_TYPE, TEXT_PLAIN).end(Buffer.buffer(Plaintext.BODY));
	}

}
