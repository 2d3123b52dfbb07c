package dev.nettybind.connection;

import java.util.List;
import java.util.Locale;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpResponseStatus;
import org.jspecify.annotations.Nullable;
import reactor.netty.http.server.HttpServerRequest;

/**
 * Refuses, before any handler sees them, the requests that Netty's lenient codec lets
 * through but that a server must not serve: an HTTP version it does not speak, a
 * transfer coding whose body length cannot be known (a request smuggling vector), and
 * a body declared larger than the limit.
 *
 * @author Netty Bind Starter contributors
 */
final class RequestScreen {

	private RequestScreen() {
	}

	/**
	 * Return the status to refuse the request with.
	 * @param request the request, headers received
	 * @param maxBodySize the largest body it may declare, 0 for no limit
	 * @return the status, or {@code null} to serve it
	 */
	static @Nullable HttpResponseStatus reject(HttpServerRequest request, long maxBodySize) {
		int major = request.version().majorVersion();
		if (major != 1 && major != 2) {
			return HttpResponseStatus.HTTP_VERSION_NOT_SUPPORTED;
		}
		HttpHeaders headers = request.requestHeaders();
		if (headers.contains(HttpHeaderNames.TRANSFER_ENCODING) && !isChunkedLast(lastTransferCoding(headers))) {
			// RFC 9112 6.3: the body length cannot be determined; answer 400 and close.
			return HttpResponseStatus.BAD_REQUEST;
		}
		if (maxBodySize > 0 && declaredBodySize(headers) > maxBodySize) {
			return HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE;
		}
		return null;
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

}
