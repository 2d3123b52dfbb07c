package dev.nettybind.server;

import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import reactor.netty.http.HttpProtocol;

import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.boot.context.properties.PropertyMapper;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.SmartLifecycle;
import org.springframework.util.unit.DataSize;

import dev.nettybind.config.BindProperties;
import dev.nettybind.tls.ClientCertificateMode;

/**
 * Binds the servers of {@code bind.servers} when the application starts, in the order
 * Spring Boot binds the map (the order of the property sources, so a server overridden
 * on the command line comes first), and closes them gracefully when it stops. A startup that fails
 * closes every server it had bound, so that no port stays taken.
 *
 * @author Netty Bind Starter contributors
 */
final class BoundServersLifecycle implements SmartLifecycle {

	/**
	 * Start after Boot's own web server and stop before it, like Boot's graceful
	 * shutdown.
	 */
	static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 1024;

	private static final Log logger = LogFactory.getLog(BoundServersLifecycle.class);

	private final ServerBinder binder;

	private final Duration shutdownTimeout;

	private final ApplicationEventPublisher eventPublisher;

	private final Map<String, DefaultBoundServer> servers = new LinkedHashMap<>();

	private final Set<String> optional = new HashSet<>();

	private volatile boolean running;

	BoundServersLifecycle(BindProperties properties, ServerBinder binder, HandlerResolver handlers,
			ApplicationEventPublisher eventPublisher) {
		this.binder = binder;
		this.shutdownTimeout = properties.getShutdown().getTimeout();
		this.eventPublisher = eventPublisher;
		properties.getServers().forEach((name, server) -> {
			this.servers.put(name,
					binder.create(name, options(server), () -> handlers.resolve(name, server.getHandler())));
			if (!server.isRequired()) {
				this.optional.add(name);
			}
		});
	}

	static BindOptions options(BindProperties.Server server) {
		PropertyMapper map = PropertyMapper.get();
		BindOptions options = BindOptions.of(server.getAddress(), server.getPort());
		options = map.from(server::getBacklog).to(options, BindOptions::backlog);
		options = map.from(server::isV6Only).to(options, BindOptions::v6Only);
		options = map.from(server::isShared).to(options, BindOptions::shared);
		options = map.from(server::getDistribution).to(options, BindOptions::distribution);
		options = map.from(server::isReusePort).to(options, BindOptions::reusePort);
		options = map.from(server::getEventLoopThreads).to(options, BindOptions::eventLoopThreads);
		options = map.from(server::getCertificateName).to(options, BindOptions::certificateName);
		options = map.from(server).as(BoundServersLifecycle::clientCertificate).to(options, BindOptions::clientCertificate);
		options = map.from(server::isMetrics).to(options, BindOptions::metrics);
		options = map.from(server::getLimits).as(BoundServersLifecycle::limits).to(options, BindOptions::limits);
		return map.from(server::getProtocols)
			.as((protocols) -> protocols.toArray(HttpProtocol[]::new))
			.to(options, BindOptions::protocols);
	}

	private static ServerLimits limits(BindProperties.Limits limits) {
		DataSize maxBodySize = limits.getMaxBodySize();
		return new ServerLimits(limits.getMaxInitialLineLength(), limits.getMaxHeaderSize(),
				(maxBodySize != null && !maxBodySize.isNegative()) ? maxBodySize : null, limits.getHeaderTimeout(),
				limits.getIdleTimeout(), limits.getReadTimeout(), limits.getMaxConnections(),
				limits.getMaxConcurrentStreams());
	}

	private static ClientCertificateMode clientCertificate(BindProperties.Server server) {
		if (server.isRequireClientCertificate()) {
			return ClientCertificateMode.REQUIRE;
		}
		return server.isRequestClientCertificate() ? ClientCertificateMode.REQUEST : ClientCertificateMode.NONE;
	}

	BoundServer server(String name) {
		BoundServer server = this.servers.get(name);
		if (server == null) {
			throw new IllegalArgumentException("No server named '" + name + "' in bind.servers");
		}
		return server;
	}

	@Override
	public void start() {
		try {
			this.servers.values().forEach(this::start);
		}
		catch (RuntimeException ex) {
			this.binder.closeAll(Duration.ZERO);
			throw ex;
		}
		this.running = true;
	}

	private void start(DefaultBoundServer server) {
		try {
			this.binder.start(server);
		}
		catch (RuntimeException ex) {
			if (!this.optional.contains(server.name())) {
				throw ex;
			}
			logger.warn("Server '" + server.name() + "' is not required and was not bound: " + ex.getMessage());
		}
	}

	@Override
	public void stop() {
		this.running = false;
		// Probes see the application refuse traffic while the servers drain.
		AvailabilityChangeEvent.publish(this.eventPublisher, this, ReadinessState.REFUSING_TRAFFIC);
		this.binder.closeAll(this.shutdownTimeout);
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
