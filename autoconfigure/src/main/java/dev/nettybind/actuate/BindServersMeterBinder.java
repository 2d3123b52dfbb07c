package dev.nettybind.actuate;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.context.ApplicationListener;

import dev.nettybind.server.BoundServer;
import dev.nettybind.server.ServerBoundEvent;
import dev.nettybind.shared.ListeningSocket;
import dev.nettybind.shared.SocketMember;

/**
 * Meters of every server, tagged {@code server} (its name), {@code socket} (the address
 * and port it listens on, which shared servers have in common) and {@code shared}:
 * open and accepted connections always; responses by status and bytes received and sent
 * when the server's {@code metrics} is on. Servers bound at run time get theirs when
 * they are bound.
 *
 * @author Netty Bind Starter contributors
 */
class BindServersMeterBinder implements MeterBinder, ApplicationListener<ServerBoundEvent> {

	private final List<MeterRegistry> registries = new CopyOnWriteArrayList<>();

	private final List<BoundServer> servers = new CopyOnWriteArrayList<>();

	@Override
	public synchronized void bindTo(MeterRegistry registry) {
		this.registries.add(registry);
		this.servers.forEach((server) -> register(server, registry));
	}

	@Override
	public synchronized void onApplicationEvent(ServerBoundEvent event) {
		BoundServer server = event.getServer();
		this.servers.add(server);
		this.registries.forEach((registry) -> register(server, registry));
	}

	private void register(BoundServer server, MeterRegistry registry) {
		ListeningSocket socket = server.socket();
		SocketMember member = server.member();
		if (socket == null || member == null) {
			return;
		}
		Tags tags = Tags.of("server", server.name(), "socket", socket.toString(), "shared",
				String.valueOf(socket.isShared()));
		Gauge.builder("bind.server.connections.active", member, SocketMember::activeConnections)
			.description("Connections of the server that are open now")
			.tags(tags)
			.register(registry);
		FunctionCounter.builder("bind.server.connections.accepted", member, SocketMember::handedConnections)
			.description("Connections accepted by the server")
			.tags(tags)
			.register(registry);
		if (!server.options().isMetrics()) {
			return;
		}
		FunctionCounter.builder("bind.server.data.received", member, SocketMember::bytesReceived)
			.description("Bytes received on the connections of the server")
			.baseUnit(BaseUnits.BYTES)
			.tags(tags)
			.register(registry);
		FunctionCounter.builder("bind.server.data.sent", member, SocketMember::bytesSent)
			.description("Bytes sent on the connections of the server")
			.baseUnit(BaseUnits.BYTES)
			.tags(tags)
			.register(registry);
		member.statuses().forEach((status) -> registerResponses(registry, member, tags, status));
		member.onNewStatus((status) -> registerResponses(registry, member, tags, status));
	}

	private void registerResponses(MeterRegistry registry, SocketMember member, Tags tags, int status) {
		FunctionCounter.builder("bind.server.requests", member, (counted) -> counted.responses(status))
			.description("Requests answered by the server, by status")
			.tags(tags.and("status", String.valueOf(status)))
			.register(registry);
	}

}
