package dev.nettybind;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ProtocolFamily;
import java.net.ServerSocket;
import java.net.StandardProtocolFamily;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.channels.ServerSocketChannel;
import java.time.Duration;

/**
 * Real clients for tests: the JDK {@link HttpClient} and plain sockets, on loopback.
 */
public final class Clients {

	private static final Duration TIMEOUT = Duration.ofSeconds(10);

	private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

	private Clients() {
	}

	/**
	 * Send a GET with the JDK client.
	 * @param host an IP literal (IPv6 without brackets)
	 * @param port the port
	 * @param path the path
	 * @return the response
	 */
	public static HttpResponse<String> get(String host, int port, String path) {
		try {
			HttpRequest request = HttpRequest.newBuilder(uri(host, port, path)).timeout(TIMEOUT).GET().build();
			return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException("GET " + uri(host, port, path) + " failed", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Send a POST without a body with the JDK client.
	 * @param host an IP literal (IPv6 without brackets)
	 * @param port the port
	 * @param path the path
	 * @return the response
	 */
	public static HttpResponse<String> post(String host, int port, String path) {
		try {
			HttpRequest request = HttpRequest.newBuilder(uri(host, port, path))
				.timeout(TIMEOUT)
				.POST(HttpRequest.BodyPublishers.noBody())
				.build();
			return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException ex) {
			throw new IllegalStateException("POST " + uri(host, port, path) + " failed", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	public static URI uri(String host, int port, String path) {
		String authority = host.contains(":") ? "[" + host + "]" : host;
		return URI.create("http://" + authority + ":" + port + path);
	}

	/**
	 * Return whether a TCP connection to the address is accepted; {@code false} when it
	 * is refused.
	 * @param host an IP literal
	 * @param port the port
	 * @return whether the connection was accepted
	 */
	public static boolean accepts(String host, int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(InetAddress.getByName(host), port), (int) TIMEOUT.toMillis());
			return true;
		}
		catch (ConnectException ex) {
			return false;
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Return whether a plain socket of the address's family can bind the address and
	 * port now.
	 * @param host an IP literal
	 * @param port the port
	 * @return whether it could bind
	 */
	public static boolean canBind(String host, int port) {
		try {
			InetAddress address = InetAddress.getByName(host);
			// The JDK would turn 0.0.0.0 into a dual-stack socket: ask for the family.
			ProtocolFamily family = (address instanceof Inet4Address) ? StandardProtocolFamily.INET
					: StandardProtocolFamily.INET6;
			try (ServerSocketChannel channel = ServerSocketChannel.open(family)) {
				channel.bind(new InetSocketAddress(address, port));
				return true;
			}
		}
		catch (IOException ex) {
			return false;
		}
	}

	/**
	 * Return a port that is free on the IPv4 loopback now, for the tests that need two
	 * servers to ask for the same port.
	 * @return the port
	 */
	public static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
