package dev.nettybind.benchmarks.client;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import dev.nettybind.benchmarks.Plaintext;

/**
 * Opens new connections, one request each with {@code Connection: close}:
 * {@code <port> <connections> <threads>}; prints {@code CHURN ok=.. failed=.. ms=..}.
 */
public final class ConnectionChurn {

	private static final byte[] REQUEST = ("GET " + Plaintext.PATH + " HTTP/1.1\r\nHost: " + Plaintext.HOST
			+ "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII);

	private final int port;

	private final AtomicInteger remaining;

	private final AtomicInteger ok = new AtomicInteger();

	private final AtomicInteger failed = new AtomicInteger();

	private ConnectionChurn(int port, int connections) {
		this.port = port;
		this.remaining = new AtomicInteger(connections);
	}

	/** Run the churn and print the counts. */
	public static void main(String[] args) throws InterruptedException {
		ConnectionChurn churn = new ConnectionChurn(Plaintext.port(args, 0), Plaintext.intArg(args, 1, 10_000));
		int threads = Plaintext.intArg(args, 2, 8);
		long start = System.nanoTime();
		List<Thread> workers = new ArrayList<>();
		for (int i = 0; i < threads; i++) {
			Thread worker = new Thread(churn::work, "churn-" + i);
			worker.start();
			workers.add(worker);
		}
		for (Thread worker : workers) {
			worker.join();
		}
		long millis = (System.nanoTime() - start) / 1_000_000;
		Plaintext.report("CHURN ok=%d failed=%d ms=%d", churn.ok.get(), churn.failed.get(), millis);
	}

	private void work() {
		while (this.remaining.getAndDecrement() > 0) {
			if (exchange()) {
				this.ok.incrementAndGet();
			}
			else {
				this.failed.incrementAndGet();
			}
		}
	}

	private boolean exchange() {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(Plaintext.HOST, this.port), 5_000);
			socket.setSoTimeout(5_000);
			OutputStream out = socket.getOutputStream();
			out.write(REQUEST);
			out.flush();
			InputStream in = socket.getInputStream();
			byte[] response = in.readAllBytes();
			return new String(response, StandardCharsets.US_ASCII).startsWith("HTTP/1.1 200");
		}
		catch (IOException ex) {
			return false;
		}
	}

}
