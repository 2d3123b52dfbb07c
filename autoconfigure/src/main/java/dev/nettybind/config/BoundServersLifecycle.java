package dev.nettybind.config;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.Environment;

import dev.nettybind.diagnostics.OptionNames;
import dev.nettybind.diagnostics.ServerSetupException;
import dev.nettybind.server.BoundServer;
import dev.nettybind.server.ServerBinder;

/**
 * Binds the servers of {@code bind.servers} when the application starts, in the order
 * Spring Boot binds the map (the order of the property sources, so a server overridden
 * on the command line comes first), and closes every server of the binder gracefully
 * when it stops, in parallel and without blocking the shutdown thread, as Spring Boot's
 * graceful shutdown does. A startup that fails closes every server it had bound, so that
 * no port stays taken.
 *
 * @author Netty Bind Starter contributors
 */
final class BoundServersLifecycle implements SmartLifecycle {

	/**
	 * Start after Boot's own web server and stop before it, like Boot's graceful
	 * shutdown.
	 */
	static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 1024;

	/**
	 * How long taking over the sockets of the previous process may take: two exchanges
	 * on a local socket.
	 */
	private static final Duration HANDOVER_TIMEOUT = Duration.ofSeconds(10);

	private static final Log logger = LogFactory.getLog(BoundServersLifecycle.class);

	private final BindProperties properties;

	private final ServerBinder binder;

	private final HandlerResolver handlers;

	private final ApplicationEventPublisher eventPublisher;

	private final ObjectProvider<ServerRouting> routing;

	private final Environment environment;

	private volatile boolean running;

	private boolean warnedOfPublicActuator;

	BoundServersLifecycle(BindProperties properties, ServerBinder binder, HandlerResolver handlers,
			ApplicationEventPublisher eventPublisher, ObjectProvider<ServerRouting> routing, Environment environment) {
		this.properties = properties;
		this.binder = binder;
		this.handlers = handlers;
		this.eventPublisher = eventPublisher;
		this.routing = routing;
		this.environment = environment;
	}

	@Override
	public void start() {
		Map<String, BindProperties.Server> servers = this.properties.getServers();
		try {
			servers.forEach(BoundServersLifecycle::checkRedirectHasNoHandler);
			this.routing.ifAvailable((routing) -> routing.check(this.environment));
			// A redirect may name a server bound after it: checked before any is bound.
			this.binder.checkRedirects(servers);
			Path handover = this.properties.getHandover().getPath();
			if (handover != null) {
				this.binder.receiveHandover(handover, HANDOVER_TIMEOUT);
			}
			servers.forEach(this::bind);
			if (handover != null) {
				this.binder.offerHandover(handover);
			}
		}
		catch (RuntimeException ex) {
			this.binder.closeAll(Duration.ZERO).block();
			throw ex;
		}
		this.running = true;
	}

	private static void checkRedirectHasNoHandler(String name, BindProperties.Server server) {
		if (server.getRedirectTo() != null && server.getHandler() != null) {
			OptionNames names = OptionNames.configured(name);
			throw new ServerSetupException(name, names.of("redirect-to"), server.getRedirectTo(),
					"Server '" + name + "' redirects every request to server '" + server.getRedirectTo()
							+ "', but also has the handler '" + server.getHandler() + "'.",
					"Remove '" + names.of("handler") + "' or '" + names.of("redirect-to") + "'.", null);
		}
	}

	private void bind(String name, BindProperties.Server server) {
		BoundServer bound;
		try {
			bound = this.binder.bind(OptionNames.configured(name), server,
					// The binder holds the server under its name before it asks for the handler.
					() -> this.handlers.resolve(Objects.requireNonNull(this.binder.server(name)),
							server.getHandler()));
		}
		catch (RuntimeException ex) {
			if (server.isRequired()) {
				throw ex;
			}
			logger.warn("Server '" + name + "' is not required and was not bound: " + ex.getMessage());
			return;
		}
		describe(bound, server);
	}

	private void describe(BoundServer bound, BindProperties.Server server) {
		if (server.getRedirectTo() != null) {
			if (logger.isInfoEnabled()) {
				logger.info("Server '" + bound.name() + "' redirects to server '" + server.getRedirectTo() + "'");
			}
			return;
		}
		ServerRouting routing = this.routing.getIfAvailable();
		boolean servesActuator = routing == null || routing.servesManagement(bound.name());
		if (logger.isInfoEnabled()) {
			logger.info("Server '" + bound.name() + "' serves "
					+ this.handlers.describe(server.getHandler(), servesActuator));
		}
		InetAddress address = bound.address();
		if (server.getHandler() == null && address != null && address.isAnyLocalAddress() && servesActuator
				&& this.handlers.servesActuator() && !this.warnedOfPublicActuator) {
			this.warnedOfPublicActuator = true;
			logger.warn("The Actuator's endpoints are served on server '" + bound.name() + "', bound to every "
					+ "interface (" + server.getAddress() + "): set management.server.port and "
					+ "management.server.address to serve them on a port of their own");
		}
	}

	@Override
	public void stop() {
		beginStop().block();
	}

	@Override
	public void stop(Runnable callback) {
		// Boot's lifecycle processor waits for the callback at most
		// spring.lifecycle.timeout-per-shutdown-phase; the drains end at bind.shutdown.timeout.
		beginStop().doFinally((signal) -> callback.run()).subscribe(null,
				(ex) -> logger.warn("Servers did not close cleanly: " + ex));
	}

	private Mono<Void> beginStop() {
		this.running = false;
		// Probes see the application refuse traffic while the servers drain.
		AvailabilityChangeEvent.publish(this.eventPublisher, this, ReadinessState.REFUSING_TRAFFIC);
		BindProperties.Shutdown shutdown = this.properties.getShutdown();
		Mono<Void> close = Mono.defer(() -> this.binder.closeAll(shutdown.getTimeout()));
		if (shutdown.getDelay().isZero()) {
			return close;
		}
		logger.info("Servers keep accepting for " + shutdown.getDelay() + " (bind.shutdown.delay), then drain");
		return Mono.delay(shutdown.getDelay()).then(close);
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

}
