package dev.nettybind.benchmarks.client;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;

import dev.nettybind.benchmarks.Plaintext;

/**
 * Waits until every port of a range accepts connections: {@code <first-port> <count>
 * <timeout-seconds>}; prints {@code WAITING} once running, then
 * {@code ACCEPTING ports=.. epoch-ms=..} at the moment the last port accepted, and stays
 * until killed (so that its CPU time can still be read).
 */
public final class PortWaiter {

	private PortWaiter() {
	}

	/** Poll the ports until all accept or the timeout passes. */
	public static void main(String[] args) throws InterruptedException {
		int first = Plaintext.port(args, 0);
		int count = Plaintext.intArg(args, 1, 1);
		long deadline = System.currentTimeMillis() + 1000L * Plaintext.intArg(args, 2, 60);
		Plaintext.report("WAITING");
		// One port at a time: a refused connect every millisecond costs little CPU, and a
		// port that is already bound answers at once, so the sweep ends right after the
		// last port is bound, whatever order they are bound in.
		int accepting = 0;
		while (accepting < count && System.currentTimeMillis() < deadline) {
			if (accepts(first + accepting)) {
				accepting++;
			}
			else {
				Thread.sleep(1);
			}
		}
		long now = System.currentTimeMillis();
		if (accepting < count) {
			Plaintext.report("TIMEOUT accepting=%d of %d", accepting, count);
			System.exit(1);
		}
		Plaintext.report("ACCEPTING ports=%d epoch-ms=%d", count, now);
		Thread.sleep(Long.MAX_VALUE);
	}

	private static boolean accepts(int port) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(Plaintext.HOST, port), 200);
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

}
