package dev.nettybind.connection;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntConsumer;

/**
 * The responses, by status, and the bytes of one server, recorded when its metrics are
 * on; and the connections it refused for a client's failure, by reason, always.
 *
 * @author Netty Bind Starter contributors
 * @since 0.2.0
 */
public final class TrafficCounts {

	/**
	 * What a server refuses of its clients: a failed TLS handshake, a request it cannot
	 * decode, a request body whose framing is broken, one over {@code max-body-size}, one
	 * that stopped coming ({@code read-timeout}), an HTTP/2 protocol error, a connection
	 * beyond {@code max-connections}.
	 */
	public static final List<String> REJECTION_REASONS = List.of("tls-handshake", "malformed-request",
			"malformed-body", "body-too-large", "body-timeout", "http2-protocol", "max-connections");

	private final LongAdder bytesReceived = new LongAdder();

	private final LongAdder bytesSent = new LongAdder();

	private final Map<Integer, LongAdder> responses = new ConcurrentHashMap<>();

	private final Map<String, LongAdder> rejections = new ConcurrentHashMap<>();

	private final List<IntConsumer> newStatusListeners = new CopyOnWriteArrayList<>();

	TrafficCounts() {
	}

	/**
	 * Return the bytes received on the connections of the server.
	 * @return the bytes received
	 */
	public long bytesReceived() {
		return this.bytesReceived.sum();
	}

	/**
	 * Return the bytes sent on the connections of the server.
	 * @return the bytes sent
	 */
	public long bytesSent() {
		return this.bytesSent.sum();
	}

	/**
	 * Return the statuses the server has answered with.
	 * @return the status codes
	 */
	public Set<Integer> statuses() {
		return Set.copyOf(this.responses.keySet());
	}

	/**
	 * Return how many responses of the given status the server sent.
	 * @param status the status code
	 * @return the number of responses
	 */
	public long responses(int status) {
		LongAdder count = this.responses.get(status);
		return (count != null) ? count.sum() : 0;
	}

	/**
	 * Return how many connections the server refused for the given reason.
	 * @param reason the reason
	 * @return the number of connections
	 */
	public long rejections(String reason) {
		LongAdder count = this.rejections.get(reason);
		return (count != null) ? count.sum() : 0;
	}

	/**
	 * Call the given listener the first time the server answers with a status.
	 * @param listener receives the status code
	 */
	public void onNewStatus(IntConsumer listener) {
		this.newStatusListeners.add(listener);
	}

	void received(long bytes) {
		this.bytesReceived.add(bytes);
	}

	void sent(long bytes) {
		this.bytesSent.add(bytes);
	}

	void rejected(String reason) {
		this.rejections.computeIfAbsent(reason, (key) -> new LongAdder()).increment();
	}

	void responded(int status) {
		LongAdder count = this.responses.get(status);
		if (count == null) {
			LongAdder first = new LongAdder();
			count = this.responses.putIfAbsent(status, first);
			if (count == null) {
				first.increment();
				this.newStatusListeners.forEach((listener) -> listener.accept(status));
				return;
			}
		}
		count.increment();
	}

}
