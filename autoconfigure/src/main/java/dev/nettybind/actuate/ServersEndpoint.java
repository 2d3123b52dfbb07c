package dev.nettybind.actuate;

import java.util.List;

import org.jspecify.annotations.Nullable;
import reactor.core.scheduler.Schedulers;

import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

import dev.nettybind.server.BoundServer;
import dev.nettybind.server.ServerBinder;

/**
 * The {@code servers} endpoint: every server, where it listens and how it is doing. Its
 * write operation, which closes one server gracefully, is off unless
 * {@code management.endpoint.servers.access=unrestricted}.
 *
 * @author Netty Bind Starter contributors
 * @since 0.1.0
 */
@Endpoint(id = "servers", defaultAccess = Access.READ_ONLY)
public class ServersEndpoint {

	private final ServerBinder binder;

	/**
	 * Create the endpoint.
	 * @param binder the binder of every server
	 */
	public ServersEndpoint(ServerBinder binder) {
		this.binder = binder;
	}

	/**
	 * Describe every server.
	 * @return the servers
	 */
	@ReadOperation
	public Servers servers() {
		return new Servers(this.binder.servers()
			.stream()
			.map((server) -> ServerDescriptor.of(server, this.binder.transport()))
			.toList());
	}

	/**
	 * Describe one server.
	 * @param name its name
	 * @return the server, or {@code null} (404) if there is none of that name
	 */
	@ReadOperation
	public @Nullable ServerDescriptor server(@Selector String name) {
		BoundServer server = this.binder.server(name);
		return (server != null) ? ServerDescriptor.of(server, this.binder.transport()) : null;
	}

	/**
	 * Start closing one server gracefully. It does not wait for the server to drain: the
	 * request may well travel on the very server it closes.
	 * @param name its name
	 * @return the server, closing, or {@code null} (404) if there is none of that name
	 */
	@WriteOperation
	public @Nullable ServerDescriptor close(@Selector String name) {
		BoundServer server = this.binder.server(name);
		if (server == null) {
			return null;
		}
		Schedulers.boundedElastic().schedule(server::close);
		return ServerDescriptor.of(server, this.binder.transport());
	}

	/**
	 * Every server.
	 *
	 * @param servers the servers, in the order they were made
	 */
	public record Servers(List<ServerDescriptor> servers) {

	}

}
