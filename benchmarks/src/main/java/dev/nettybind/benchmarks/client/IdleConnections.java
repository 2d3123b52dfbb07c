package dev.nettybind.benchmarks.client;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

import dev.nettybind.benchmarks.Plaintext;

/**
 * Opens keep-alive connections, one request each, then holds them idle until killed:
 * {@code <port> <connections>}; prints {@code IDLE open=.. failed=.. ms=..} once all are
 * open.
 */
public final class IdleConnections {

	private IdleConnections() {
	}

	/** Open the connections and hold them. */
	public static void main(String[] args) throws InterruptedException {
		int port = Plaintext.port(args, 0);
		int count = Plaintext.intArg(args, 1, 10_000);
		List<Socket> open = new ArrayList<>(count);
		int failed = 0;
		long start = System.nanoTime();
		for (int i = 0; i < count; i++) {
			Socket socket = new Socket();
			try {
				socket.connect(new InetSocketAddress(Plaintext.HOST, port), 5_000);
				socket.setSoTimeout(5_000);
				InputStream in = new BufferedInputStream(socket.getInputStream(), 256);
				if (!HttpExchange.exchange(in, socket.getOutputStream())) {
					failed++;
				}
				open.add(socket);
			}
			catch (IOException ex) {
				failed++;
				close(socket);
			}
		}
		long millis = (System.nanoTime() - start) / 1_000_000;
		Plaintext.report("IDLE open=%d failed=%d ms=%d", open.size(), failed, millis);
		Thread.sleep(Long.MAX_VALUE);
	}

	private static void close(Socket socket) {
		try {
			socket.close();
		}
		catch (IOException ex) {
			// nothing to do: the connection is gone either way
		}
	}

}
