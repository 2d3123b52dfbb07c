package dev.nettybind.connection;

import java.time.Duration;

/**
 * What a member enforces on each connection and request it is handed, beyond what
 * Reactor Netty's codec enforces.
 * <p>
 * Not API: public only because the binder creates it from the options of a server, in
 * another package.
 *
 * @param headerTimeout how long a new connection may take to deliver the headers of its
 * first request before it is closed (slowloris); zero for no limit
 * @param maxBodySize the largest request body a request may declare (Content-Length),
 * answered with 413 beyond; 0 for no limit
 * @param recordTraffic whether to count responses by status and bytes
 * @author Netty Bind Starter contributors
 * @since 0.1.0
 */
public record RequestPolicy(Duration headerTimeout, long maxBodySize, boolean recordTraffic) {

}
