package dev.nettybind.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import dev.nettybind.server.AtLeast;
import dev.nettybind.server.BindOptions;
import dev.nettybind.tls.CertificateDatabaseProperties;

/**
 * Named HTTP servers, each bound with the semantics of Dart's {@code HttpServer.bind}.
 *
 * @author Netty Bind Starter contributors
 * @since 0.1.0
 */
// Unknown properties fail the startup: a misspelled security setting must not be ignored.
@ConfigurationProperties(prefix = "bind", ignoreUnknownFields = false)
@Validated
public class BindProperties {

	/**
	 * Whether to bind servers at all. By default the starter is active when
	 * 'bind.servers' declares at least one server; set true to get the programmatic
	 * ServerBinder without any configured server, false to turn the starter off.
	 */
	private final @Nullable Boolean enabled;

	/**
	 * Whether the servers of 'bind.servers' replace Spring Boot's own reactive web
	 * server (server.port) in a WebFlux application: the application is then served
	 * only by them. A management server on its own port (management.server.port) still
	 * starts.
	 */
	private final boolean replaceWebServer;

	/**
	 * Servers to bind, by name. The name is also the qualifier of the server's
	 * BoundServer bean and the key of its 'local.bind.<name>.port' property.
	 */
	private final Map<String, @Valid Server> servers;

	/**
	 * The certificate database that secure servers take their certificate from, by
	 * alias or subject DN.
	 */
	@NestedConfigurationProperty
	private final @Valid CertificateDatabaseProperties certificateDatabase;

	/**
	 * Event loops that serve the connections of every server that has no event loop of
	 * its own.
	 */
	private final @Valid EventLoop eventLoop;

	/**
	 * How servers stop when the application closes.
	 */
	private final @Valid Shutdown shutdown;

	/**
	 * Hand-over of the listening sockets from one process of the application to the
	 * next, for restarts that refuse and lose no connection.
	 */
	private final Handover handover;

	public BindProperties(@Nullable Boolean enabled, @DefaultValue("false") boolean replaceWebServer,
			@DefaultValue Map<String, Server> servers, @DefaultValue CertificateDatabaseProperties certificateDatabase,
			@DefaultValue EventLoop eventLoop, @DefaultValue Shutdown shutdown, @DefaultValue Handover handover) {
		this.certificateDatabase = certificateDatabase;
		this.enabled = enabled;
		this.replaceWebServer = replaceWebServer;
		this.servers = new LinkedHashMap<>(servers);
		this.eventLoop = eventLoop;
		this.shutdown = shutdown;
		this.handover = handover;
	}

	public @Nullable Boolean getEnabled() {
		return this.enabled;
	}

	public boolean isReplaceWebServer() {
		return this.replaceWebServer;
	}

	public Map<String, Server> getServers() {
		return this.servers;
	}

	public CertificateDatabaseProperties getCertificateDatabase() {
		return this.certificateDatabase;
	}

	public EventLoop getEventLoop() {
		return this.eventLoop;
	}

	public Shutdown getShutdown() {
		return this.shutdown;
	}

	public Handover getHandover() {
		return this.handover;
	}

	/**
	 * One named server: the options of {@link BindOptions}, and how the application
	 * serves and needs it.
	 */
	public static class Server extends BindOptions {

		/**
		 * Name of the bean that handles requests: a BiFunction<HttpServerRequest,
		 * HttpServerResponse, Publisher<Void>> or a Consumer<HttpServerRoutes>. Without
		 * it the application's WebFlux HttpHandler serves the requests.
		 */
		private @Nullable String handler;

		/**
		 * Whether the application fails to start when this server cannot be bound. When
		 * false the failure is logged, the server is reported FAILED, and the health of
		 * the servers is DOWN.
		 */
		private boolean required = true;

		/**
		 * Whether this server serves the Actuator's web endpoints, and no other server does
		 * (nor Spring Boot's own). At most one server may.
		 */
		private boolean management;

		/**
		 * Whether this server serves only the controllers, router functions and handler
		 * mappings annotated {@code @OnServer} with its name (and the Actuator, if it is the
		 * management server), not the rest of the WebFlux application.
		 */
		private boolean annotatedOnly;

		/**
		 * Return the name of the bean that handles requests: a
		 * {@code BiFunction<HttpServerRequest, HttpServerResponse, Publisher<Void>>} or a
		 * {@code Consumer<HttpServerRoutes>}. Not set by default: the application's
		 * WebFlux {@code HttpHandler} serves the requests.
		 * @return the bean name, or {@code null} for the application's WebFlux handler
		 */
		public @Nullable String getHandler() {
			return this.handler;
		}

		/**
		 * Set the name of the bean that handles requests.
		 * @param handler see {@link #getHandler()}
		 */
		public void setHandler(@Nullable String handler) {
			this.handler = handler;
		}

		/**
		 * Return whether the application fails to start when this server cannot be bound;
		 * defaults to {@code true}. When {@code false} the failure is logged, the server
		 * is reported {@code FAILED}, and the health of the servers is DOWN.
		 * @return whether the server is required
		 */
		public boolean isRequired() {
			return this.required;
		}

		/**
		 * Set whether the application fails to start when this server cannot be bound.
		 * @param required see {@link #isRequired()}
		 */
		public void setRequired(boolean required) {
			this.required = required;
		}

		/**
		 * Return whether this server serves the Actuator's web endpoints, and no other
		 * server does (nor Spring Boot's own). At most one server may. Defaults to
		 * {@code false}.
		 * @return whether this is the management server
		 */
		public boolean isManagement() {
			return this.management;
		}

		/**
		 * Set whether this server serves the Actuator's web endpoints.
		 * @param management see {@link #isManagement()}
		 */
		public void setManagement(boolean management) {
			this.management = management;
		}

		/**
		 * Return whether this server serves only the controllers, router functions and
		 * handler mappings annotated {@code @OnServer} with its name (and the Actuator,
		 * if it is the management server), not the rest of the WebFlux application.
		 * Defaults to {@code false}.
		 * @return whether only what is annotated for this server is served
		 */
		public boolean isAnnotatedOnly() {
			return this.annotatedOnly;
		}

		/**
		 * Set whether this server serves only what is annotated {@code @OnServer} with
		 * its name.
		 * @param annotatedOnly see {@link #isAnnotatedOnly()}
		 */
		public void setAnnotatedOnly(boolean annotatedOnly) {
			this.annotatedOnly = annotatedOnly;
		}

	}

	/**
	 * Event loops shared by the servers.
	 */
	public static class EventLoop {

		/**
		 * Number of event-loop threads; 0 uses the number of CPUs this process may run
		 * on (CPU affinity and container quota), which avoids threads competing for too
		 * few cores.
		 */
		@Min(value = 0, message = "must be 0 (one thread per available CPU) or more")
		private final int threads;

		/**
		 * Whether to use the native epoll transport when it is available. NIO cannot
		 * set IPV6_V6ONLY or SO_REUSEPORT.
		 */
		private final boolean preferNative;

		public EventLoop(@DefaultValue("0") int threads, @DefaultValue("true") boolean preferNative) {
			this.threads = threads;
			this.preferNative = preferNative;
		}

		public int getThreads() {
			return this.threads;
		}

		public boolean isPreferNative() {
			return this.preferNative;
		}

	}

	/**
	 * Shutdown of the servers.
	 */
	public static class Shutdown {

		/**
		 * How long in-flight requests may run once the application closes; what is
		 * still open after it is cut.
		 */
		@NotNull
		private final Duration timeout;

		/**
		 * How long the servers keep accepting once readiness has turned
		 * REFUSING_TRAFFIC at the start of the shutdown, before they stop accepting
		 * and drain: time for a load balancer that checks readiness to stop sending
		 * new connections. 0 stops accepting at once.
		 */
		@NotNull
		@AtLeast(value = "0s", message = "must be 0 (stop accepting at once) or a positive duration, such as 2s")
		private final Duration delay;

		public Shutdown(@DefaultValue("30s") Duration timeout, @DefaultValue("0s") Duration delay) {
			this.timeout = timeout;
			this.delay = delay;
		}

		public Duration getTimeout() {
			return this.timeout;
		}

		public Duration getDelay() {
			return this.delay;
		}

	}

	/**
	 * Hand-over of the listening sockets to the next process.
	 */
	public static class Handover {

		/**
		 * Path of a Unix domain socket on which the running process offers its
		 * listening sockets: a process started with the same path takes them over
		 * instead of binding (where its servers ask for the same address and port),
		 * both accept from the same queues, and the old one can then be stopped; the new
		 * one offers them on the path in turn. Unset: every start binds its sockets.
		 * Needs the epoll transport.
		 */
		private final @Nullable Path path;

		public Handover(@Nullable Path path) {
			this.path = path;
		}

		public @Nullable Path getPath() {
			return this.path;
		}

	}

}
