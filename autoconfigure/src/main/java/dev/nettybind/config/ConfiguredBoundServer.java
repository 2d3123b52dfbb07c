package dev.nettybind.config;

import java.net.InetAddress;
import java.security.cert.X509Certificate;
import java.time.Duration;

import org.jspecify.annotations.Nullable;

import dev.nettybind.server.BindOptions;
import dev.nettybind.server.BoundServer;
import dev.nettybind.server.ServerBinder;
import dev.nettybind.shared.BoundSocket;
import dev.nettybind.connection.TrafficCounts;

/**
 * The bean of a server of {@code bind.servers}: it answers for the server of that name
 * that the binder holds now, so that it stays right when the server is closed and bound
 * again; before the application starts it is the configured, not yet bound, server.
 *
 * @author Netty Bind Starter contributors
 */
final class ConfiguredBoundServer implements BoundServer {

	private final String name;

	private final ServerBinder binder;

	private final BindProperties properties;

	ConfiguredBoundServer(String name, ServerBinder binder, BindProperties properties) {
		this.name = name;
		this.binder = binder;
		this.properties = properties;
	}

	private @Nullable BoundServer live() {
		return this.binder.server(this.name);
	}

	private BindOptions configured() {
		BindProperties.Server server = this.properties.getServers().get(this.name);
		return (server != null) ? server.copy() : new BindOptions();
	}

	@Override
	public String name() {
		return this.name;
	}

	@Override
	public BindOptions options() {
		BoundServer live = live();
		return (live != null) ? live.options() : configured();
	}

	@Override
	public @Nullable InetAddress address() {
		BoundServer live = live();
		return (live != null) ? live.address() : null;
	}

	@Override
	public int port() {
		BoundServer live = live();
		return (live != null) ? live.port() : configured().getPort();
	}

	@Override
	public boolean isSecure() {
		return options().secure();
	}

	@Override
	public @Nullable X509Certificate certificate() {
		BoundServer live = live();
		return (live != null) ? live.certificate() : null;
	}

	@Override
	public boolean isShared() {
		return options().isShared();
	}

	@Override
	public @Nullable BoundSocket socket() {
		BoundServer live = live();
		return (live != null) ? live.socket() : null;
	}

	@Override
	public @Nullable TrafficCounts traffic() {
		BoundServer live = live();
		return (live != null) ? live.traffic() : null;
	}

	@Override
	public @Nullable String failure() {
		BoundServer live = live();
		return (live != null) ? live.failure() : null;
	}

	@Override
	public int activeConnections() {
		BoundServer live = live();
		return (live != null) ? live.activeConnections() : 0;
	}

	@Override
	public long acceptedConnections() {
		BoundServer live = live();
		return (live != null) ? live.acceptedConnections() : 0;
	}

	@Override
	public State state() {
		BoundServer live = live();
		return (live != null) ? live.state() : State.NEW;
	}

	@Override
	public void close() {
		BoundServer live = live();
		if (live != null) {
			live.close();
		}
	}

	@Override
	public void close(Duration timeout) {
		BoundServer live = live();
		if (live != null) {
			live.close(timeout);
		}
	}

	@Override
	public String toString() {
		BoundServer live = live();
		return (live != null) ? live.toString() : "BoundServer '" + this.name + "' " + configured();
	}

}
