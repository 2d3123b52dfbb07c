package dev.nettybind.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.core.env.Environment;
import org.springframework.web.server.ServerWebExchange;

import dev.nettybind.diagnostics.OptionNames;
import dev.nettybind.diagnostics.ServerSetupException;
import dev.nettybind.diagnostics.Suggestions;
import dev.nettybind.server.BoundServer;
import dev.nettybind.web.BoundServerExchange;

/**
 * Decides which server of {@code bind.servers} serves which part of the WebFlux
 * application: what {@code @OnServer} names, what is not annotated, and the Actuator;
 * and checks, before any server binds, that every name it was given is a server that
 * serves the application.
 *
 * @author Netty Bind Starter contributors
 */
final class ServerRouting {

	private final Map<String, BindProperties.Server> servers;

	private final Set<String> annotatedOnly = new LinkedHashSet<>();

	/**
	 * The servers that serve the WebFlux application: no handler, no redirect.
	 */
	private final Set<String> serving = new LinkedHashSet<>();

	private final @Nullable String management;

	private final Map<String, Set<String>> routes = new LinkedHashMap<>();

	ServerRouting(BindProperties properties) {
		this.servers = properties.getServers();
		String management = null;
		for (Map.Entry<String, BindProperties.Server> entry : this.servers.entrySet()) {
			if (servesApplication(entry.getValue())) {
				this.serving.add(entry.getKey());
			}
			if (entry.getValue().isAnnotatedOnly()) {
				this.annotatedOnly.add(entry.getKey());
			}
			if (entry.getValue().isManagement() && management == null) {
				management = entry.getKey();
			}
		}
		this.management = management;
	}

	/**
	 * Record the servers that {@code @OnServer} names on something.
	 * @param source what is annotated, for the report of a wrong name
	 * @param serverNames the names it gives
	 * @return the names, to match exchanges against
	 */
	synchronized Set<String> route(String source, String[] serverNames) {
		Set<String> names = Set.of(serverNames);
		this.routes.put(source, names);
		return names;
	}

	/**
	 * Return whether an exchange is served what is annotated for the given servers, or,
	 * for no server, what is not annotated.
	 * @param exchange the exchange
	 * @param serverNames the servers named by {@code @OnServer}, empty when not annotated
	 * @return whether the server of the exchange serves it
	 */
	boolean serves(ServerWebExchange exchange, Set<String> serverNames) {
		BoundServer server = BoundServerExchange.server(exchange);
		if (serverNames.isEmpty()) {
			return server == null || !this.annotatedOnly.contains(server.name());
		}
		return server != null && serverNames.contains(server.name());
	}

	/**
	 * Return whether an exchange is served the Actuator's endpoints.
	 * @param exchange the exchange
	 * @return whether the server of the exchange serves them
	 */
	boolean servesManagement(ServerWebExchange exchange) {
		BoundServer server = BoundServerExchange.server(exchange);
		// Boot's own server serves them only when no server of bind.servers is to.
		return (server != null) ? servesManagement(server.name()) : this.management == null;
	}

	/**
	 * Return whether what is not annotated is served everywhere, as if there were no
	 * routing.
	 * @return whether no server serves only what is annotated for it
	 */
	boolean servesUnannotatedEverywhere() {
		return this.annotatedOnly.isEmpty();
	}

	/**
	 * Return whether the Actuator's endpoints are confined to some servers.
	 * @return whether a management server or a server that serves only what is annotated
	 * for it is configured
	 */
	boolean confinesManagement() {
		return this.management != null || !this.annotatedOnly.isEmpty();
	}

	/**
	 * Return whether the given server serves the Actuator's endpoints, when the
	 * application serves them.
	 * @param serverName the name of the server
	 * @return whether it does
	 */
	boolean servesManagement(String serverName) {
		return (this.management != null) ? this.management.equals(serverName)
				: !this.annotatedOnly.contains(serverName);
	}

	/**
	 * Check the routing before any server binds.
	 * @param environment the environment, for Boot's {@code management.server.port}
	 * @throws ServerSetupException naming the first name or property at fault
	 */
	synchronized void check(Environment environment) {
		List<String> managers = new ArrayList<>();
		this.servers.forEach((name, server) -> {
			if (server.isManagement()) {
				managers.add(name);
			}
			if (!this.serving.contains(name)) {
				checkServesNoApplicationOption(name, server, "management", server.isManagement());
				checkServesNoApplicationOption(name, server, "annotated-only", server.isAnnotatedOnly());
			}
		});
		if (managers.size() > 1) {
			OptionNames second = OptionNames.configured(managers.get(1));
			throw new ServerSetupException(managers.get(1), second.of("management"), true,
					"Servers '" + managers.get(0) + "' and '" + managers.get(1)
							+ "' both serve the Actuator's endpoints; at most one server may.",
					"Set 'management' on one server only: remove '" + second.of("management") + "' or '"
							+ OptionNames.configured(managers.get(0)).of("management") + "'.",
					null);
		}
		if (this.management != null && environment.containsProperty("management.server.port")) {
			throw new ServerSetupException(this.management, OptionNames.configured(this.management).of("management"),
					true, "Server '" + this.management + "' is to serve the Actuator's endpoints, but "
							+ "management.server.port gives them a server of Spring Boot's own.",
					"Remove 'management.server.port', or '" + OptionNames.configured(this.management).of("management")
							+ "'.",
					null);
		}
		this.routes.forEach(this::checkRoute);
	}

	private static boolean servesApplication(BindProperties.Server server) {
		return server.getHandler() == null && server.getRedirectTo() == null;
	}

	/**
	 * Say what a server serves instead of the WebFlux application.
	 */
	private static String otherContent(BindProperties.Server server) {
		return (server.getHandler() != null) ? "has the handler '" + server.getHandler() + "'"
				: "redirects to server '" + server.getRedirectTo() + "'";
	}

	private static void checkServesNoApplicationOption(String name, BindProperties.Server server, String option,
			boolean set) {
		if (set) {
			OptionNames names = OptionNames.configured(name);
			String cause = (server.getHandler() != null) ? "handler" : "redirect-to";
			throw new ServerSetupException(name, names.of(option), true, "Server '" + name + "' "
					+ otherContent(server) + ", so it serves no part of the WebFlux application.",
					"Remove '" + names.of(cause) + "' or '" + names.of(option) + "'.", null);
		}
	}

	private void checkRoute(String source, Set<String> serverNames) {
		for (String name : serverNames.stream().sorted().toList()) {
			if (this.serving.contains(name)) {
				continue;
			}
			BindProperties.Server server = this.servers.get(name);
			String why = (server == null) ? "there is no server '" + name + "' in bind.servers"
					: "server '" + name + "' " + otherContent(server) + ", so it never serves the WebFlux application";
			String closest = Suggestions.closest(name, this.serving);
			throw new ServerSetupException(name, "bind.servers." + name, "@OnServer(\"" + name + "\")",
					"@OnServer on " + source + " names the server '" + name + "', but " + why
							+ ". The servers that serve the WebFlux application are " + this.serving + ".",
					((closest != null) ? "Did you mean '" + closest + "'? " : "")
							+ "Name a server of bind.servers that has no 'handler' and no 'redirect-to'.",
					null);
		}
	}

}
