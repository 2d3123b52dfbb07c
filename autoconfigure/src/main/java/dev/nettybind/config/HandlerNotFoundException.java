package dev.nettybind.config;

import org.jspecify.annotations.Nullable;

import org.springframework.core.ResolvableType;

import dev.nettybind.diagnostics.OptionNames;
import dev.nettybind.diagnostics.ServerSetupException;

/**
 * Thrown when a server has no handler: the bean its {@code handler} names does not
 * exist or is not a handler, or no handler is named and the application has no WebFlux
 * {@code HttpHandler}.
 *
 * @author Netty Bind Starter contributors
 * @since 0.1.0
 */
public class HandlerNotFoundException extends ServerSetupException {

	private static final String SHAPES = "a BiFunction<HttpServerRequest, HttpServerResponse, Publisher<Void>> or a "
			+ "Consumer<HttpServerRoutes>";

	private HandlerNotFoundException(String serverName, @Nullable String handler, String description, String action) {
		super(serverName, OptionNames.configured(serverName).of("handler"), handler, description, action, null);
	}

	static HandlerNotFoundException noBean(String serverName, String handler, @Nullable String closest) {
		String suggestion = (closest != null) ? "Did you mean '" + closest + "'? " : "";
		return new HandlerNotFoundException(serverName, handler,
				"Server '" + serverName + "' names the handler bean '" + handler + "', but there is no bean of that name.",
				suggestion + "Define a bean named '" + handler + "' that is " + SHAPES + ", or change '"
						+ OptionNames.configured(serverName).of("handler") + "'.");
	}

	static HandlerNotFoundException notAHandler(String serverName, String handler, ResolvableType type) {
		return new HandlerNotFoundException(serverName, handler,
				"Server '" + serverName + "' names the handler bean '" + handler + "', but that bean is a " + type
						+ ", not a handler.",
				"Make the bean '" + handler + "' " + SHAPES + ", or change '" + OptionNames.configured(serverName).of("handler")
						+ "'.");
	}

	static HandlerNotFoundException noDefault(String serverName) {
		return new HandlerNotFoundException(serverName, null,
				"Server '" + serverName + "' names no handler, and the application has no WebFlux HttpHandler to serve.",
				"Set '" + OptionNames.configured(serverName).of("handler") + "' to the name of a bean that is " + SHAPES
						+ ", or make the application a reactive web application (spring-boot-starter-webflux).");
	}

}
