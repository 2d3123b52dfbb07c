package dev.nettybind.actuate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.BaseUnits;
import org.jspecify.annotations.Nullable;

import dev.nettybind.server.BoundServer;
import dev.nettybind.shared.BoundSocket;
import dev.nettybind.connection.TrafficCounts;

/**
 * The meters of one bound server in every registry they were registered to, so that
 * they can be removed when the server is closed or a server of the same name replaces
 * it.
 *
 * @author Netty Bind Starter contributors
 */
final class ServerMeters {

	private final BoundServer server;

	private final TrafficCounts traffic;

	private final Tags tags;

	private final Map<MeterRegistry, List<Meter>> meters = new LinkedHashMap<>();

	private ServerMeters(BoundServer server, BoundSocket socket, TrafficCounts traffic) {
		this.server = server;
		this.traffic = traffic;
		this.tags = Tags.of("server", server.name(), "socket", socket.toString(), "shared",
				String.valueOf(socket.isShared()));
	}

	/**
	 * Return the meters of a bound server, registered to no registry yet.
	 * @param server the server
	 * @return its meters, or {@code null} if it has no socket
	 */
	static @Nullable ServerMeters of(BoundServer server) {
		BoundSocket socket = server.socket();
		TrafficCounts traffic = server.traffic();
		if (socket == null || traffic == null) {
			return null;
		}
		ServerMeters meters = new ServerMeters(server, socket, traffic);
		if (server.options().isMetrics()) {
			traffic.onNewStatus(meters::registerResponses);
		}
		return meters;
	}

	/**
	 * Remove the meters from every registry if the server they read is closed.
	 * @return whether they were removed
	 */
	boolean removeIfClosed() {
		if (this.server.state() != BoundServer.State.CLOSED) {
			return false;
		}
		remove();
		return true;
	}

	/**
	 * Register the meters to the given registry.
	 * @param registry the registry
	 */
	synchronized void registerTo(MeterRegistry registry) {
		List<Meter> meters = this.meters.computeIfAbsent(registry, (key) -> new ArrayList<>());
		meters.add(Gauge.builder("bind.server.connections.active", this.server, BoundServer::activeConnections)
			.description("Connections of the server that are open now")
			.tags(this.tags)
			.register(registry));
		meters.add(FunctionCounter
			.builder("bind.server.connections.accepted", this.server, BoundServer::acceptedConnections)
			.description("Connections accepted by the server")
			.tags(this.tags)
			.register(registry));
		for (String reason : TrafficCounts.REJECTION_REASONS) {
			meters.add(FunctionCounter
				.builder("bind.server.rejected", this.traffic, (traffic) -> traffic.rejections(reason))
				.description("Connections and requests the server refused for a client's fault")
				.tags(this.tags)
				.tag("reason", reason)
				.register(registry));
		}
		if (!this.server.options().isMetrics()) {
			return;
		}
		meters.add(FunctionCounter
			.builder("bind.server.data.received", this.traffic, TrafficCounts::bytesReceived)
			.description("Bytes received on the connections of the server")
			.baseUnit(BaseUnits.BYTES)
			.tags(this.tags)
			.register(registry));
		meters.add(FunctionCounter.builder("bind.server.data.sent", this.traffic, TrafficCounts::bytesSent)
			.description("Bytes sent on the connections of the server")
			.baseUnit(BaseUnits.BYTES)
			.tags(this.tags)
			.register(registry));
		// A status first answered from now on comes through the listener.
		this.traffic.statuses().forEach((status) -> meters.add(responses(registry, status)));
	}

	/**
	 * Remove the meters from every registry, also those of statuses answered later.
	 */
	synchronized void remove() {
		this.meters.forEach((registry, meters) -> meters.forEach(registry::remove));
		this.meters.clear();
	}

	private synchronized void registerResponses(int status) {
		this.meters.forEach((registry, meters) -> meters.add(responses(registry, status)));
	}

	private Meter responses(MeterRegistry registry, int status) {
		return FunctionCounter.builder("bind.server.requests", this.traffic, (traffic) -> traffic.responses(status))
			.description("Requests answered by the server, by status")
			.tags(this.tags.and("status", String.valueOf(status)))
			.register(registry);
	}

}
