package dev.nettybind.shared;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A listening socket of the application, read only: the one a server bound, or the one
 * it shares with others. Its {@code toString()} is its address and port, as
 * {@code 127.0.0.1:8080} or {@code [::1]:8080}, or the path of a Unix domain socket, as
 * {@code unix:/run/app/api.sock}.
 *
 * @author Netty Bind Starter contributors
 * @since 0.2.0
 */
public interface BoundSocket {

	/**
	 * Return the address this socket is bound to.
	 * @return the address, or {@code null} for a Unix domain socket
	 */
	@Nullable InetAddress address();

	/**
	 * Return the port this socket listens on, or the requested port while it is not
	 * bound yet.
	 * @return the port, or -1 for a Unix domain socket
	 */
	int port();

	/**
	 * Return the path of a Unix domain socket.
	 * @return the path, or {@code null} for an IP socket
	 * @since 0.2.0
	 */
	@Nullable Path path();

	/**
	 * Return whether this socket was inherited from the process's parent (systemd
	 * socket activation, or a given descriptor) rather than bound.
	 * @return whether it is inherited
	 * @since 0.2.0
	 */
	boolean isInherited();

	/**
	 * Return whether this is an IPv6 socket that refuses IPv4 clients.
	 * @return whether the socket is v6-only
	 */
	boolean isV6Only();

	/**
	 * Return whether other servers may join this socket.
	 * @return whether the socket is shared
	 */
	boolean isShared();

	/**
	 * Return how connections are distributed among the servers of the socket.
	 * @return the distribution
	 */
	Distribution distribution();

	/**
	 * Return the names of the servers that take new connections from this socket, in
	 * the order they joined.
	 * @return the server names
	 */
	List<String> serverNames();

	/**
	 * Return the listen backlog of the socket: the one asked for, or the system default
	 * when 0 was, and never more than the kernel allows ({@code net.core.somaxconn}).
	 * @return the backlog, or -1 while the socket is not bound
	 */
	int backlog();

	/**
	 * Return whether the socket is listening.
	 * @return whether it is bound
	 */
	boolean isBound();

}
