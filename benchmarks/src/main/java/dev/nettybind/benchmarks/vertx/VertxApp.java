package dev.nettybind.benchmarks.vertx;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;

import dev.nettybind.benchmarks.Plaintext;

/**
 * Vert.x 5 {@code HttpServer} on the native transport: {@code <port> [instances]};
 * several instances of the verticle share the port.
 */
public final class VertxApp {

	private VertxApp() {
	}

	/** Deploy the verticle and serve until killed. */
	public static void main(String[] args) {
		int port = Plaintext.port(args, 0);
		int instances = Plaintext.intArg(args, 1, 1);
		Vertx vertx = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true));
		if (!vertx.isNativeTransportEnabled()) {
			throw new IllegalStateException("Vert.x runs without epoll", vertx.unavailableNativeTransportCause());
		}
		vertx.deployVerticle(() -> new PlaintextVerticle(port), new DeploymentOptions().setInstances(instances))
			.await();
	}

}
