package dev.nettybind.benchmarks.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

import dev.nettybind.benchmarks.Plaintext;

/**
 * One keep-alive {@code GET /plaintext} on an open connection, reading exactly one
 * response (headers and Content-Length bytes).
 */
final class HttpExchange {

	private static final byte[] REQUEST = ("GET " + Plaintext.PATH + " HTTP/1.1\r\nHost: " + Plaintext.HOST
			+ "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);

	private HttpExchange() {
	}

	/** Send the request and read the response; return whether it was a 200. */
	static boolean exchange(InputStream in, OutputStream out) throws IOException {
		out.write(REQUEST);
		out.flush();
		String head = readHead(in);
		int length = contentLength(head);
		if (in.readNBytes(length).length != length) {
			throw new IOException("connection closed in the body");
		}
		return head.startsWith("HTTP/1.1 200");
	}

	private static String readHead(InputStream in) throws IOException {
		StringBuilder head = new StringBuilder();
		while (head.length() < 4 || !head.substring(head.length() - 4).equals("\r\n\r\n")) {
			int next = in.read();
			if (next < 0) {
				throw new IOException("connection closed in the headers");
			}
			head.append((char) next);
		}
		return head.toString();
	}

	private static int contentLength(String head) throws IOException {
		for (String line : head.split("\r\n")) {
			if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
				return Integer.parseInt(line.substring(line.indexOf(':') + 1).trim());
			}
		}
		throw new IOException("no Content-Length in " + head);
	}

}
