package dev.nettybind.server;

import java.time.Duration;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import org.springframework.util.unit.DataSize;

/**
 * What a server accepts from its clients, and for how long it waits for them. The
 * defaults are safe for a server facing the Internet.
 *
 * @param maxInitialLineLength the longest request line; longer ones are answered 414
 * @param maxHeaderSize the largest request headers; larger ones are answered 431
 * @param maxBodySize the largest body a request may declare in its Content-Length;
 * larger ones are answered 413 without calling the handler; {@code null} for no limit
 * @param headerTimeout how long a new connection may take to deliver the headers of its
 * first request before it is closed, against slowloris; zero for no limit
 * @param idleTimeout how long a connection may wait for its next request; {@code null}
 * or zero for no limit
 * @param readTimeout how long the body of a request may pause between two reads;
 * {@code null} or zero for no limit
 * @param maxConnections the most connections open at once; the next is closed as it is
 * accepted; 0 or -1 for no limit
 * @param maxConcurrentStreams the most HTTP/2 streams a connection may have open at once
 * @author Netty Bind Starter contributors
 * @since 0.1.0
 */
public record ServerLimits(DataSize maxInitialLineLength, DataSize maxHeaderSize, @Nullable DataSize maxBodySize,
		Duration headerTimeout, @Nullable Duration idleTimeout, @Nullable Duration readTimeout, int maxConnections,
		long maxConcurrentStreams) {

	/**
	 * The defaults: 4KB request line, 8KB headers, 16MB body, 20s for the first request
	 * headers, 10,000 connections, 128 HTTP/2 streams; no idle or read timeout, as in
	 * Spring Boot and Reactor Netty: Reactor Netty adds and removes a handler on every
	 * request to enforce them, which costs a fifth of the plaintext throughput.
	 */
	public static final ServerLimits DEFAULTS = new ServerLimits(DataSize.ofKilobytes(4), DataSize.ofKilobytes(8),
			DataSize.ofMegabytes(16), Duration.ofSeconds(20), null, null, 10_000, 128);

	public ServerLimits {
		Objects.requireNonNull(maxInitialLineLength, "maxInitialLineLength");
		Objects.requireNonNull(maxHeaderSize, "maxHeaderSize");
		Objects.requireNonNull(headerTimeout, "headerTimeout");
		if (maxConnections < -1) {
			throw new IllegalArgumentException("maxConnections must be -1 or 0 (no limit) or more, was "
					+ maxConnections);
		}
		if (maxConcurrentStreams < 1) {
			throw new IllegalArgumentException("maxConcurrentStreams must be 1 or more, was " + maxConcurrentStreams);
		}
	}

}
