package dev.nettybind.config;

import java.net.InetAddress;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;

import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import dev.nettybind.connection.TrafficCounts;
import dev.nettybind.server.BindOptions;
import dev.nettybind.server.BoundServer;
import dev.nettybind.server.ServerBinder;
import dev.nettybind.shared.BoundSocket;

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

	/**
	 * Answer from the live server of this name, or as the configured, not yet bound,
	 * server does.
	 */
	private <T> T live(Function<BoundServer, T> answer, Supplier<T> configured) {
		BoundServer live = this.binder.server(this.name);
		return (live != null) ? answer.apply(live) : configured.get();
	}

	private void live(Consumer<BoundServer> action) {
		BoundServer live = this.binder.server(this.name);
		if (live != null) {
			action.accept(live);
		}
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
		return live(BoundServer::options, this::configured);
	}

	@Override
	public @Nullable InetAddress address() {
		return live(BoundServer::address, () -> null);
	}

	@Override
	public @Nullable Path path() {
		return live(BoundServer::path, () -> null);
	}

	@Override
	public int port() {
		return live(BoundServer::port, () -> configured().getPort());
	}

	@Override
	public boolean isSecure() {
		return live(BoundServer::isSecure, () -> configured().secure());
	}

	@Override
	public @Nullable X509Certificate certificate() {
		return live(BoundServer::certificate, () -> null);
	}

	@Override
	public boolean isShared() {
		return live(BoundServer::isShared, () -> configured().isShared());
	}

	@Override
	public @Nullable BoundSocket socket() {
		return live(BoundServer::socket, () -> null);
	}

	@Override
	public @Nullable TrafficCounts traffic() {
		return live(BoundServer::traffic, () -> null);
	}

	@Override
	public @Nullable String failure() {
		return live(BoundServer::failure, () -> null);
	}

	@Override
	public int activeConnections() {
		return live(BoundServer::activeConnections, () -> 0);
	}

	@Override
	public long acceptedConnections() {
		return live(BoundServer::acceptedConnections, () -> 0L);
	}

	@Override
	public State state() {
		return live(BoundServer::state, () -> State.NEW);
	}

	@Override
	public void close() {
		live(BoundServer::close);
	}

	@Override
	public void close(Duration timeout) {
		live((server) -> server.close(timeout));
	}

	@Override
	public String toString() {
		return live(Object::toString, () -> "BoundServer '" + this.name + "' " + configured());
	}

}
