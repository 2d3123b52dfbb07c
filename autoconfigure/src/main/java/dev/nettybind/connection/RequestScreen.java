package dev.nettybind.connection;

import java.util.List;
import java.util.Locale;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import org.jspecify.annotations.Nullable;
import reactor.netty.http.server.HttpServerRequest;

/**
 * Refuses, before any handler sees them, the requests that Netty's lenient codec lets
 * through but that a server must not serve: an HTTP version it does not speak, a
 * method that had control characters around it, a target with control or non-ASCII
 * characters (Netty passes both on), a request line that {@link RequestLineCheck} saw
 * trimmed or split by Netty, a transfer coding whose body length cannot be
 * known (a request smuggling vector), and a body declared larger than the limit.
 * <p>
 * It runs on every request, so it allocates nothing for a request that it serves.
 *
 * @author Netty Bind Starter contributors
 */
final class RequestScreen {

	// Netty hands out these instances for the standard methods, sent as they are.
	private static final HttpMethod[] STANDARD_METHODS = { HttpMethod.GET, HttpMethod.POST, HttpMethod.HEAD,
			HttpMethod.PUT, HttpMethod.DELETE, HttpMethod.OPTIONS, HttpMethod.PATCH, HttpMethod.TRACE,
			HttpMethod.CONNECT };

	private RequestScreen() {
	}

	/**
	 * Return whether to serve a request, and whether a body follows its headers.
	 * @param request the request, headers received
	 * @param maxBodySize the largest body it may declare, 0 for no limit
	 * @return the verdict
	 */
	static Verdict screen(HttpServerRequest request, long maxBodySize) {
		int major = request.version().majorVersion();
		if (major != 1 && major != 2) {
			return Verdict.VERSION_NOT_SUPPORTED;
		}
		HttpMethod method = request.method();
		if (method instanceof RequestLineCheck.RefusedMethod || !isMethodAsSent(method)
				|| !isVisibleAscii(request.uri())) {
			return Verdict.BAD_REQUEST;
		}
		HttpHeaders headers = request.requestHeaders();
		boolean coded = headers.contains(HttpHeaderNames.TRANSFER_ENCODING);
		if (coded && !isChunkedLast(lastTransferCoding(headers))) {
			// RFC 9112 6.3: the body length cannot be determined; answer 400 and close.
			return Verdict.BAD_REQUEST;
		}
		long declared = declaredBodySize(headers);
		if (maxBodySize > 0 && declared > maxBodySize) {
			return Verdict.BODY_TOO_LARGE;
		}
		return (coded || declared > 0) ? Verdict.SERVE_WITH_BODY : Verdict.SERVE;
	}

	private static boolean isMethodAsSent(HttpMethod method) {
		for (HttpMethod standard : STANDARD_METHODS) {
			if (method == standard) {
				return true;
			}
		}
		// Netty's HttpMethod refuses a name that is not an RFC 9110 token, but only after
		// String.trim(), which drops any byte up to SP: "GET\x01" arrives as a GET that is
		// not Netty's own instance. An unknown method loses such bytes without a trace
		// ("FOO\x01" is "FOO"): RequestLineCheck, before the decoder, marks those.
		for (HttpMethod standard : STANDARD_METHODS) {
			if (standard.name().equals(method.name())) {
				return false;
			}
		}
		return true;
	}

	private static boolean isVisibleAscii(String target) {
		// RFC 9112 3.2: a request target is VCHARs only; anything else is escaped as %XX.
		for (int i = 0; i < target.length(); i++) {
			char c = target.charAt(i);
			if (c <= ' ' || c >= 0x7F) {
				return false;
			}
		}
		return true;
	}

	private static String lastTransferCoding(HttpHeaders headers) {
		// The codings may come in several header lines: the last line holds the last one.
		List<String> lines = headers.getAll(HttpHeaderNames.TRANSFER_ENCODING);
		return lines.get(lines.size() - 1);
	}

	private static boolean isChunkedLast(String transferEncoding) {
		int comma = transferEncoding.lastIndexOf(',');
		String last = transferEncoding.substring(comma + 1).trim();
		return last.toLowerCase(Locale.ROOT).equals("chunked");
	}

	private static long declaredBodySize(HttpHeaders headers) {
		String contentLength = headers.get(HttpHeaderNames.CONTENT_LENGTH);
		try {
			return (contentLength != null) ? Long.parseLong(contentLength.trim()) : -1;
		}
		catch (NumberFormatException ex) {
			return -1;
		}
	}

	/**
	 * What to do with a request.
	 */
	enum Verdict {

		/**
		 * Serve it: no body follows its headers.
		 */
		SERVE(null),

		/**
		 * Serve it: a body follows, of a declared length above zero or in a transfer coding.
		 */
		SERVE_WITH_BODY(null),

		/**
		 * Refuse it: an HTTP version other than 1 and 2.
		 */
		VERSION_NOT_SUPPORTED(HttpResponseStatus.HTTP_VERSION_NOT_SUPPORTED),

		/**
		 * Refuse it: a malformed request line or a body length that cannot be known.
		 */
		BAD_REQUEST(HttpResponseStatus.BAD_REQUEST),

		/**
		 * Refuse it: a declared body larger than the limit.
		 */
		BODY_TOO_LARGE(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE);

		private final @Nullable HttpResponseStatus refusal;

		Verdict(@Nullable HttpResponseStatus refusal) {
			this.refusal = refusal;
		}

		/**
		 * Return the status to refuse the request with.
		 * @return the status, or {@code null} to serve it
		 */
		@Nullable HttpResponseStatus refusal() {
			return this.refusal;
		}

	}

}
