package dev.nettybind.server;

import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.regex.Pattern;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

import dev.nettybind.diagnostics.OptionNames;
import dev.nettybind.diagnostics.ServerSetupException;

/**
 * The handler of a server with {@code redirect-to}: every request is answered
 * {@code 308 Permanent Redirect}, without content, to the same path and query on the
 * secure server of that name, at the host name of the request's {@code Host} header and
 * the port that server actually listens on. The target is looked up on every request,
 * so that it may be bound after this server, or bound again on another port; while it
 * is not bound (or not secure) the answer is {@code 503 Service Unavailable}.
 *
 * @author Netty Bind Starter contributors
 */
final class HttpsRedirect implements BiFunction<HttpServerRequest, HttpServerResponse, Publisher<Void>> {

	/**
	 * A host name or IPv4 literal, or a bracketed IPv6 literal, optionally with a port:
	 * nothing that would change the meaning of the redirect's URI.
	 */
	private static final Pattern HOST = Pattern.compile("([A-Za-z0-9._-]+|\\[[0-9A-Fa-f:.]+\\])(:[0-9]*)?");

	private final String target;

	private final Function<String, @Nullable BoundServer> servers;

	HttpsRedirect(String target, Function<String, @Nullable BoundServer> servers) {
		this.target = target;
		this.servers = servers;
	}

	@Override
	public Publisher<Void> apply(HttpServerRequest request, HttpServerResponse response) {
		String host = request.requestHeaders().get(HttpHeaderNames.HOST);
		if (host == null || !HOST.matcher(host).matches()) {
			return response.status(HttpResponseStatus.BAD_REQUEST).send();
		}
		BoundServer server = this.servers.apply(this.target);
		if (server == null || server.state() != BoundServer.State.BOUND || !server.isSecure()) {
			return response.status(HttpResponseStatus.SERVICE_UNAVAILABLE).send();
		}
		// The port of the Host header is the plain server's (or the client's choice): never reused.
		int bracket = host.lastIndexOf(']');
		int colon = host.indexOf(':', bracket + 1);
		String name = (colon >= 0) ? host.substring(0, colon) : host;
		return response.status(HttpResponseStatus.PERMANENT_REDIRECT)
			.header(HttpHeaderNames.LOCATION, "https://" + name + ":" + server.port() + pathAndQuery(request.uri()))
			.send();
	}

	/**
	 * Return the path and query of a request URI; the absolute form
	 * ({@code GET http://host/path}) loses its scheme and authority.
	 */
	private static String pathAndQuery(String uri) {
		if (uri.startsWith("/")) {
			return uri;
		}
		int authority = uri.indexOf("://");
		int path = (authority >= 0) ? uri.indexOf('/', authority + 3) : -1;
		return (path >= 0) ? uri.substring(path) : "/";
	}

	/**
	 * Check the target of a redirect.
	 * @param names the names of the redirecting server and of its options
	 * @param target the name of the target
	 * @param targetOptions the options of the target, {@code null} if it is no server of
	 * the application
	 */
	static void checkTarget(OptionNames names, String target, @Nullable BindOptions targetOptions) {
		String property = names.of("redirect-to");
		String redirect = "Server '" + names.serverName() + "' redirects to server '" + target + "'";
		if (targetOptions == null) {
			throw new ServerSetupException(names.serverName(), property, target,
					redirect + ", which is not a server of the application.",
					names.isConfigured() ? "Set '" + property + "' to the name of a secure server of 'bind.servers'."
							: "Bind the secure server '" + target + "' first, or correct '" + property + "'.",
					null);
		}
		if (!targetOptions.secure()) {
			throw new ServerSetupException(names.serverName(), property, target,
					redirect + ", which is not secure: it has no certificate name.",
					"Set '" + property + "' to the name of a secure server, or give server '" + target
							+ "' a certificate name.",
					null);
		}
	}

}
