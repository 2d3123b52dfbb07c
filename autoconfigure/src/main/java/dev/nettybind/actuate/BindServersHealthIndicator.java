package dev.nettybind.actuate;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

import dev.nettybind.server.BoundServer;
import dev.nettybind.server.ServerBinder;

/**
 * DOWN when a server could not be bound or has not been bound yet, with the reason;
 * UP when every server that is not closed serves.
 *
 * @author Netty Bind Starter contributors
 */
class BindServersHealthIndicator extends AbstractHealthIndicator {

	private final ServerBinder binder;

	BindServersHealthIndicator(ServerBinder binder) {
		super("Servers health check failed");
		this.binder = binder;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		boolean up = true;
		for (BoundServer server : this.binder.servers()) {
			Map<String, Object> details = new LinkedHashMap<>();
			details.put("state", server.state());
			if (server.path() != null) {
				details.put("path", server.path().toString());
			}
			else {
				details.put("port", server.port());
			}
			if (server.failure() != null) {
				details.put("failure", server.failure());
			}
			builder.withDetail(server.name(), details);
			up &= server.state() != BoundServer.State.FAILED && server.state() != BoundServer.State.NEW;
		}
		if (up) {
			builder.up();
		}
		else {
			builder.down();
		}
	}

}
