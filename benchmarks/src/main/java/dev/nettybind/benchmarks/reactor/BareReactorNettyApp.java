package dev.nettybind.benchmarks.reactor;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.LoopResources;

import dev.nettybind.benchmarks.Plaintext;

/**
 * Bare Reactor Netty: {@code <port> [tuned] [timeouts]}; tuned sizes the event loops to
 * the CPUs this process may use, the default keeps Reactor Netty's own (at least 4
 * workers); timeouts sets the idle and read timeouts that the starter sets by default.
 */
public final class BareReactorNettyApp {

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	private BareReactorNettyApp() {
	}

	/** Start the server and serve until killed. */
	public static void main(String[] args) {
		int port = Plaintext.port(args, 0);
		List<String> flags = Arrays.asList(args).subList(1, args.length);
		HttpServer server = HttpServer.create().host(Plaintext.HOST).port(port).handle(new PlaintextHandler());
		if (flags.contains("timeouts")) {
			server = server.idleTimeout(TIMEOUT).readTimeout(TIMEOUT);
		}
		if (flags.contains("tuned")) {
			int threads = Runtime.getRuntime().availableProcessors();
			server = server.runOn(LoopResources.create("tuned", threads, true));
		}
		DisposableServer bound = server.bindNow();
		bound.onDispose().block();
	}

}
