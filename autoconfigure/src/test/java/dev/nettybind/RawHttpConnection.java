package dev.nettybind;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One HTTP/1.1 connection over a plain socket, for tests that need to control
 * connections exactly: one connection per request, or idle keep-alive connections.
 */
public final class RawHttpConnection implements AutoCloseable {

	private static final int TIMEOUT_MILLIS = 10_000;

	private final Socket socket;

	private final InputStream in;

	private final OutputStream out;

	private RawHttpConnection(Socket socket) throws IOException {
		this.socket = socket;
		this.in = socket.getInputStream();
		this.out = socket.getOutputStream();
	}

	public static RawHttpConnection open(String host, int port) throws IOException {
		Socket socket = new Socket();
		socket.setSoTimeout(TIMEOUT_MILLIS);
		socket.connect(new InetSocketAddress(InetAddress.getByName(host), port), TIMEOUT_MILLIS);
		return new RawHttpConnection(socket);
	}

	/**
	 * Send a GET on a new connection that the server closes after its answer.
	 * @param host an IP literal
	 * @param port the port
	 * @param path the path
	 * @return the response
	 * @throws IOException on a failed exchange
	 */
	public static Response getOnce(String host, int port, String path) throws IOException {
		try (RawHttpConnection connection = open(host, port)) {
			return connection.get(path, false);
		}
	}

	/**
	 * Send a GET and read its response.
	 * @param path the path
	 * @param keepAlive whether to ask the server to keep the connection open
	 * @return the response
	 * @throws IOException on a failed exchange
	 */
	public Response get(String path, boolean keepAlive) throws IOException {
		String request = "GET " + path + " HTTP/1.1\r\nHost: localhost\r\n"
				+ (keepAlive ? "" : "Connection: close\r\n") + "\r\n";
		this.out.write(request.getBytes(StandardCharsets.US_ASCII));
		this.out.flush();
		return readResponse();
	}

	private Response readResponse() throws IOException {
		String statusLine = readLine();
		if (statusLine == null) {
			throw new IOException("Connection closed before a response");
		}
		int status = Integer.parseInt(statusLine.split(" ")[1]);
		int contentLength = -1;
		boolean chunked = false;
		for (String line = readLine(); line != null && !line.isEmpty(); line = readLine()) {
			String lower = line.toLowerCase(Locale.ROOT);
			if (lower.startsWith("content-length:")) {
				contentLength = Integer.parseInt(line.substring(15).trim());
			}
			if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
				chunked = true;
			}
		}
		String body = chunked ? readChunked() : readBody(contentLength);
		return new Response(status, body);
	}

	private String readBody(int contentLength) throws IOException {
		if (contentLength >= 0) {
			return new String(this.in.readNBytes(contentLength), StandardCharsets.UTF_8);
		}
		return new String(this.in.readAllBytes(), StandardCharsets.UTF_8);
	}

	private String readChunked() throws IOException {
		ByteArrayOutputStream body = new ByteArrayOutputStream();
		for (int size = Integer.parseInt(readLine().trim(), 16); size > 0; size = Integer.parseInt(readLine().trim(), 16)) {
			body.write(this.in.readNBytes(size));
			readLine();
		}
		readLine();
		return body.toString(StandardCharsets.UTF_8);
	}

	private String readLine() throws IOException {
		ByteArrayOutputStream line = new ByteArrayOutputStream();
		for (int b = this.in.read(); b != -1; b = this.in.read()) {
			if (b == '\n') {
				String text = line.toString(StandardCharsets.US_ASCII);
				return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
			}
			line.write(b);
		}
		return (line.size() > 0) ? line.toString(StandardCharsets.US_ASCII) : null;
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
	}

	/**
	 * A response.
	 *
	 * @param status the status code
	 * @param body the body
	 */
	public record Response(int status, String body) {

	}

}
