package dev.nettybind.server;

import org.springframework.context.ApplicationEvent;

/**
 * Published when a server has bound its socket and serves, with its actual port.
 *
 * @author Netty Bind Starter contributors
 * @since 0.1.0
 */
public class ServerBoundEvent extends ApplicationEvent {

	/**
	 * Create a new event.
	 * @param server the server that was bound
	 */
	public ServerBoundEvent(BoundServer server) {
		super(server);
	}

	/**
	 * Return the server that was bound.
	 * @return the server
	 */
	public BoundServer getServer() {
		return (BoundServer) getSource();
	}

}
