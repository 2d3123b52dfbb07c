package dev.nettybind.benchmarks;

import java.nio.charset.StandardCharsets;

/**
 * What every contender answers: a fixed 13-byte body on {@code GET /plaintext}, and the
 * length of the request body, in decimal, on {@code POST /count}.
 */
public final class Plaintext {

	/** The path that every contender answers. */
	public static final String PATH = "/plaintext";

	/**
	 * The path of the request-body load: the body is read to its end and counted, not
	 * echoed, so that only the server's own copies show.
	 */
	public static final String COUNT_PATH = "/count";

	/** The body, 13 bytes. */
	public static final byte[] BODY = "Hello, World!".getBytes(StandardCharsets.US_ASCII);

	/** The content type of the body. */
	public static final String CONTENT_TYPE = "text/plain";

	/** The address every contender binds: loopback only. */
	public static final String HOST = "127.0.0.1";

	private Plaintext() {
	}

	/** Read a port from a command-line argument. */
	public static int port(String[] args, int index) {
		if (args.length <= index) {
			throw new IllegalArgumentException("missing argument " + (index + 1) + ": a port");
		}
		return Integer.parseInt(args[index]);
	}

	/** Print one line to standard output in a single write, so that a reader never sees half of it. */
	public static void report(String format, Object... args) {
		byte[] bytes = String.format(format + "%n", args).getBytes(StandardCharsets.US_ASCII);
		System.out.write(bytes, 0, bytes.length);
		System.out.flush();
	}

	/** Read an optional integer argument. */
	public static int intArg(String[] args, int index, int fallback) {
		return (args.length > index) ? Integer.parseInt(args[index]) : fallback;
	}

}
