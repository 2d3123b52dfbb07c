package dev.nettybind;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

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
	 * Write bytes that precede the next request, such as a PROXY protocol header.
	 * @param bytes the bytes
	 * @return this connection
	 * @throws IOException if the connection fails
	 */
	public RawHttpConnection write(byte[] bytes) throws IOException {
		this.out.write(bytes);
		this.out.flush();
		return this;
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

	/**
	 * Read the next response.
	 * @return the response
	 * @throws IOException if the connection fails or closes first
	 */
	public Response readResponse() throws IOException {
		String statusLine = readLine();
		if (statusLine == null) {
			throw new IOException("Connection closed before a response");
		}
		int status = Integer.parseInt(statusLine.split(" ")[1]);
		int contentLength = -1;
		boolean chunked = false;
		Map<String, String> headers = new LinkedHashMap<>();
		for (String line = readLine(); line != null && !line.isEmpty(); line = readLine()) {
			String lower = line.toLowerCase(Locale.ROOT);
			int colon = line.indexOf(':');
			if (colon > 0) {
				headers.put(lower.substring(0, colon).trim(), line.substring(colon + 1).trim());
			}
			if (lower.startsWith("content-length:")) {
				contentLength = Integer.parseInt(line.substring(15).trim());
			}
			if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
				chunked = true;
			}
		}
		String body = chunked ? readChunked() : readBody(contentLength);
		return new Response(status, headers, body);
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

	/**
	 * Read on and tell whether the server closed the connection, rather than sent
	 * more bytes; waits up to the read timeout.
	 * @return whether the server closed (or reset) the connection
	 * @throws IOException if nothing came within the timeout
	 */
	public boolean closedByServer() throws IOException {
		try {
			return this.in.read() == -1;
		}
		catch (SocketTimeoutException ex) {
			throw ex;
		}
		catch (IOException ex) {
			// Reset by the server.
			return true;
		}
	}

	/**
	 * Send raw bytes on a new connection and tell what the server did: answered with a
	 * status, closed the connection, or neither within the timeout (wedged).
	 * @param host an IP literal
	 * @param port the port
	 * @param bytes what to send
	 * @param timeoutMillis how long to wait for an answer or a close
	 * @return the outcome
	 * @throws IOException if the connection cannot be made
	 */
	public static Outcome probe(String host, int port, byte[] bytes, int timeoutMillis) throws IOException {
		try (Socket socket = new Socket()) {
			socket.setSoTimeout(timeoutMillis);
			socket.connect(new InetSocketAddress(InetAddress.getByName(host), port), TIMEOUT_MILLIS);
			try {
				socket.getOutputStream().write(bytes);
				socket.getOutputStream().flush();
			}
			catch (IOException ex) {
				return Outcome.CLOSED;
			}
			byte[] head = new byte[12];
			int read = 0;
			try {
				while (read < head.length) {
					int n = socket.getInputStream().read(head, read, head.length - read);
					if (n < 0) {
						break;
					}
					read += n;
				}
			}
			catch (SocketTimeoutException ex) {
				return (read == 0) ? Outcome.WEDGED : Outcome.status(new String(head, 0, read, StandardCharsets.US_ASCII));
			}
			catch (IOException ex) {
				// Reset by the server.
				return (read == 0) ? Outcome.CLOSED : Outcome.status(new String(head, 0, read, StandardCharsets.US_ASCII));
			}
			return (read == 0) ? Outcome.CLOSED : Outcome.status(new String(head, 0, read, StandardCharsets.US_ASCII));
		}
	}

	@Override
	public void close() throws IOException {
		this.socket.close();
	}

	/**
	 * What a server did with raw input.
	 *
	 * @param status the status it answered with, or -1
	 * @param closed whether it closed the connection without an answer
	 * @param wedged whether it neither answered nor closed in time
	 */
	public record Outcome(int status, boolean closed, boolean wedged) {

		public static final Outcome CLOSED = new Outcome(-1, true, false);

		public static final Outcome WEDGED = new Outcome(-1, false, true);

		static Outcome status(String head) {
			if (!head.startsWith("HTTP/") || head.length() < 12 || head.charAt(8) != ' ') {
				return new Outcome(-2, false, false);
			}
			return new Outcome(Integer.parseInt(head.substring(9, 12)), false, false);
		}

		@Override
		public String toString() {
			return this.wedged ? "WEDGED" : this.closed ? "CLOSED" : String.valueOf(this.status);
		}

	}

	/**
	 * A response.
	 *
	 * @param status the status code
	 * @param headers its headers, by lower-case name
	 * @param body the body
	 */
	public record Response(int status, Map<String, String> headers, String body) {

		/**
		 * Return the value of a header.
		 * @param name its name, in any case
		 * @return its value, or {@code null} if the response has none
		 */
		public String header(String name) {
			return this.headers.get(name.toLowerCase(Locale.ROOT));
		}

	}

}
