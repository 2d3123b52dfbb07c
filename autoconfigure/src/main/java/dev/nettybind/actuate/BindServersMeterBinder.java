package dev.nettybind.actuate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.context.ApplicationListener;

import dev.nettybind.server.BoundServer;
import dev.nettybind.server.ServerBoundEvent;

/**
 * Meters of every server, tagged {@code server} (its name), {@code socket} (the address
 * and port it listens on, which shared servers have in common) and {@code shared}:
 * open and accepted connections always; responses by status and bytes received and sent
 * when the server's {@code metrics} is on. Servers bound at run time get theirs when
 * they are bound. A server bound under the name of a closed one replaces its meters; the
 * meters of a closed server are removed when the next server is bound.
 *
 * @author Netty Bind Starter contributors
 */
class BindServersMeterBinder implements MeterBinder, ApplicationListener<ServerBoundEvent> {

	private final List<MeterRegistry> registries = new ArrayList<>();

	private final Map<String, ServerMeters> servers = new LinkedHashMap<>();

	@Override
	public synchronized void bindTo(MeterRegistry registry) {
		this.registries.add(registry);
		this.servers.values().forEach((meters) -> meters.registerTo(registry));
	}

	@Override
	public synchronized void onApplicationEvent(ServerBoundEvent event) {
		BoundServer server = event.getServer();
		ServerMeters replaced = this.servers.remove(server.name());
		if (replaced != null) {
			replaced.remove();
		}
		this.servers.values().removeIf(ServerMeters::removeIfClosed);
		ServerMeters meters = ServerMeters.of(server);
		if (meters != null) {
			this.servers.put(server.name(), meters);
			this.registries.forEach(meters::registerTo);
		}
	}

}
