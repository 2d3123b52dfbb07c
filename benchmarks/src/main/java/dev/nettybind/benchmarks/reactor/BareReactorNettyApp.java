package dev.nettybind.benchmarks.reactor;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

import reactor.netty.DisposableServer;
import reactor.netty.http.Http2SslContextSpec;
import reactor.netty.http.HttpProtocol;
import reactor.netty.http.server.HttpServer;
import reactor.netty.resources.LoopResources;

import dev.nettybind.benchmarks.Plaintext;

/**
 * Bare Reactor Netty: {@code <port> [tuned] [timeouts] [h2c] [tls=<port>,<store>,<password>,<alias>]};
 * tuned sizes the event loops to the CPUs this process may use, the default keeps Reactor
 * Netty's own (at least 4 workers); timeouts sets the idle and read timeouts that the
 * starter sets by default; h2c adds HTTP/2 with prior knowledge to HTTP/1.1; tls binds a
 * second, secure server (HTTP/2 by ALPN and HTTP/1.1, Netty's default provider, OpenSSL
 * when netty-tcnative is there) on that port, with that key of a PKCS12 key store.
 */
public final class BareReactorNettyApp {

	private static final Duration TIMEOUT = Duration.ofSeconds(60);

	private BareReactorNettyApp() {
	}

	/** Start the server and serve until killed. */
	public static void main(String[] args) throws Exception {
		int port = Plaintext.port(args, 0);
		List<String> flags = Arrays.asList(args).subList(1, args.length);
		HttpServer server = HttpServer.create().host(Plaintext.HOST).handle(new PlaintextHandler());
		if (flags.contains("timeouts")) {
			server = server.idleTimeout(TIMEOUT).readTimeout(TIMEOUT);
		}
		if (flags.contains("tuned")) {
			int threads = Runtime.getRuntime().availableProcessors();
			server = server.runOn(LoopResources.create("tuned", threads, true));
		}
		HttpServer plain = flags.contains("h2c") ? server.protocol(HttpProtocol.H2C, HttpProtocol.HTTP11) : server;
		DisposableServer bound = plain.port(port).bindNow();
		for (String flag : flags) {
			if (flag.startsWith("tls=")) {
				// The same event loops as the plain server: one contender, two ports.
				secure(server, flag.substring(4).split(",")).bindNow();
			}
		}
		bound.onDispose().block();
	}

	private static HttpServer secure(HttpServer server, String[] tls) throws Exception {
		KeyStore store = KeyStore.getInstance("PKCS12");
		char[] password = tls[2].toCharArray();
		try (InputStream in = Files.newInputStream(Path.of(tls[1]))) {
			store.load(in, password);
		}
		PrivateKey key = (PrivateKey) store.getKey(tls[3], password);
		Certificate[] chain = store.getCertificateChain(tls[3]);
		X509Certificate[] certificates = Arrays.copyOf(chain, chain.length, X509Certificate[].class);
		Http2SslContextSpec spec = Http2SslContextSpec.forServer(key, certificates);
		return server.port(Integer.parseInt(tls[0]))
			.protocol(HttpProtocol.H2, HttpProtocol.HTTP11)
			.secure(ssl -> ssl.sslContext(spec));
	}

}
