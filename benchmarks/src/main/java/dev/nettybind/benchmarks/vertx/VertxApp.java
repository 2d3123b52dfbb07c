package dev.nettybind.benchmarks.vertx;

import io.vertx.core.DeploymentOptions;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.net.OpenSSLEngineOptions;
import io.vertx.core.net.PfxOptions;

import dev.nettybind.benchmarks.Plaintext;

/**
 * Vert.x 5 {@code HttpServer} on the native transport:
 * {@code <port> [instances] [<tls-port> <key-store> <password> <alias>]}; several instances
 * of the verticle share the port. With the last four, each instance also serves HTTPS on
 * the TLS port (HTTP/2 by ALPN and HTTP/1.1) with OpenSSL (netty-tcnative BoringSSL) and
 * that key of a PKCS12 key store. HTTP/2 with prior knowledge (h2c) is on by default on
 * the plain port.
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
		HttpServerOptions secure = (args.length > 5) ? secure(args) : null;
		vertx.deployVerticle(() -> new PlaintextVerticle(port, secure), new DeploymentOptions().setInstances(instances))
			.await();
	}

	private static HttpServerOptions secure(String[] args) {
		if (!OpenSSLEngineOptions.isAvailable()) {
			// Else Vert.x would fall back to the JDK's engine and the comparison be another one.
			throw new IllegalStateException("OpenSSL (netty-tcnative) is not available to Vert.x");
		}
		return new HttpServerOptions().setHost(Plaintext.HOST)
			.setPort(Plaintext.port(args, 2))
			.setSsl(true)
			.setUseAlpn(true)
			.setSslEngineOptions(new OpenSSLEngineOptions())
			.setKeyCertOptions(new PfxOptions().setPath(args[3]).setPassword(args[4]).setAlias(args[5]));
	}

}
