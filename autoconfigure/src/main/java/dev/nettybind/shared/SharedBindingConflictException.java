package dev.nettybind.shared;

import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.nettybind.connection.SocketMember;
import dev.nettybind.diagnostics.OptionNames;
import dev.nettybind.diagnostics.ServerSetupException;

/**
 * Thrown when a shared server asks for a socket setting that differs from what the
 * servers already sharing that socket asked for: one socket cannot have two.
 *
 * @author Netty Bind Starter contributors
 * @since 0.1.0
 */
public class SharedBindingConflictException extends ServerSetupException {

	SharedBindingConflictException(OptionNames names, ListeningSocket socket, String property,
			@Nullable Object value, @Nullable Object groupValue) {
		super(names.serverName(), names.of(property), value,
				description(names.serverName(), socket, property, value, groupValue),
				"Set '" + names.of(property) + "' to " + groupValue + " like " + names(socket) + ", or bind '"
						+ names.serverName() + "' to another address or port.",
				null);
	}

	private static String description(String serverName, ListeningSocket socket, String property,
			@Nullable Object value, @Nullable Object groupValue) {
		return "Server '" + serverName + "' cannot share " + socket + " with " + names(socket) + ": its " + property
				+ " is " + value + " but the shared socket's is " + groupValue + ".";
	}

	private static String names(ListeningSocket socket) {
		List<String> names = socket.members().stream().map(SocketMember::name).toList();
		return "'" + String.join("', '", names) + "'";
	}

}
