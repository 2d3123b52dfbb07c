package dev.nettybind.diagnostics;

import java.util.Arrays;
import java.util.stream.Collectors;

import org.springframework.util.StringUtils;

/**
 * How the options of one server are named in the messages about it: as the properties a
 * configured server has ({@code bind.servers.api.limits.max-body-size}), or as the
 * {@code BindOptions} methods that a server bound from code was given
 * ({@code BindOptions.Limits.maxBodySize(..)}), so that every message points at what the
 * reader can change.
 *
 * @author Netty Bind Starter contributors
 * @since 0.2.0
 */
public final class OptionNames {

	private final String serverName;

	private final boolean configured;

	private OptionNames(String serverName, boolean configured) {
		this.serverName = serverName;
		this.configured = configured;
	}

	/**
	 * Names for a server of {@code bind.servers}.
	 * @param serverName the name of the server
	 * @return the names
	 */
	public static OptionNames configured(String serverName) {
		return new OptionNames(serverName, true);
	}

	/**
	 * Names for a server bound from code with {@code BindOptions}.
	 * @param serverName the name of the server
	 * @return the names
	 */
	public static OptionNames programmatic(String serverName) {
		return new OptionNames(serverName, false);
	}

	/**
	 * Return the name of the server.
	 * @return the server name
	 */
	public String serverName() {
		return this.serverName;
	}

	/**
	 * Return whether the server is one of {@code bind.servers}.
	 * @return whether it is configured by properties
	 */
	public boolean isConfigured() {
		return this.configured;
	}

	/**
	 * Return the name of one option.
	 * @param option the option as a property relative to {@code bind.servers.<name>},
	 * for example {@code limits.max-body-size}
	 * @return {@code bind.servers.<name>.<option>} for a configured server, the
	 * {@code BindOptions} method otherwise
	 */
	public String of(String option) {
		if (this.configured) {
			return "bind.servers." + this.serverName + "." + option;
		}
		String[] path = option.split("\\.");
		String method = camelCase(path[path.length - 1]);
		String type = (path.length > 1) ? "BindOptions." + StringUtils.capitalize(camelCase(path[0])) : "BindOptions";
		return type + "." + method + "(..)";
	}

	private static String camelCase(String dashed) {
		String[] words = dashed.split("-");
		return words[0] + Arrays.stream(words).skip(1).map(StringUtils::capitalize).collect(Collectors.joining());
	}

	@Override
	public String toString() {
		return of("*");
	}

}
