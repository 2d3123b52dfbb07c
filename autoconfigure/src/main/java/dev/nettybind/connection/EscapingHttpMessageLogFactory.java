package dev.nettybind.connection;

import reactor.netty.http.logging.HttpMessageArgProvider;
import reactor.netty.http.logging.HttpMessageLogFactory;
import reactor.netty.http.logging.ReactorNettyHttpMessageLogFactory;

/**
 * Writes what Reactor Netty logs of an HTTP message as Reactor Netty does (query and
 * header values filtered), with every control character escaped, on one line.
 * <p>
 * Reactor Netty logs a request that Netty's decoder failed at WARN ("Decoding failed:
 * ...", with the request line, the header names and the decoder's error, all as the
 * client sent them) and answers it itself, in its {@code HttpTrafficHandler}: no
 * handler of the server sees such a request, so the request screen cannot answer it
 * first. The message comes from the server's {@link HttpMessageLogFactory}, which is
 * the one place to escape it without replacing Reactor Netty's handling of the failure.
 *
 * @author Netty Bind Starter contributors
 */
final class EscapingHttpMessageLogFactory extends ReactorNettyHttpMessageLogFactory {

	static final EscapingHttpMessageLogFactory INSTANCE = new EscapingHttpMessageLogFactory();

	private EscapingHttpMessageLogFactory() {
	}

	@Override
	public String common(HttpMessageArgProvider arg) {
		// Reactor Netty's own line breaks become "\n" too: one message, one log line.
		return LogSafe.escape(super.common(arg));
	}

}
