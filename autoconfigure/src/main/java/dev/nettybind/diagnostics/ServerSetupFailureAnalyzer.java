package dev.nettybind.diagnostics;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.origin.Origin;
import org.springframework.core.env.Environment;

/**
 * Explains a {@link ServerSetupException}: which server, which property, which value,
 * where the value comes from, and the fix.
 *
 * @author Netty Bind Starter contributors
 */
class ServerSetupFailureAnalyzer extends AbstractFailureAnalyzer<ServerSetupException> {

	private final @Nullable Environment environment;

	ServerSetupFailureAnalyzer(@Nullable Environment environment) {
		this.environment = environment;
	}

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, ServerSetupException cause) {
		StringBuilder description = new StringBuilder(cause.getDescription()).append(System.lineSeparator())
			.append(System.lineSeparator())
			.append("    Server:   ")
			.append(cause.getServerName())
			.append(System.lineSeparator())
			.append("    Property: ")
			.append(cause.getPropertyPath())
			.append(System.lineSeparator())
			.append("    Value:    ")
			.append((cause.getValue() != null) ? cause.getValue() : "(not set)");
		Origin origin = origin(cause.getPropertyPath());
		if (origin != null) {
			description.append(System.lineSeparator()).append("    Origin:   ").append(origin);
		}
		return new FailureAnalysis(description.toString(), cause.getAction(), cause);
	}

	/**
	 * Return where the value of a property comes from (a file and line, the command
	 * line, the environment), as Spring Boot's reports of binding errors say.
	 */
	private @Nullable Origin origin(String propertyPath) {
		if (this.environment == null || !ConfigurationPropertyName.isValid(propertyPath)) {
			return null;
		}
		ConfigurationPropertyName name = ConfigurationPropertyName.of(propertyPath);
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(this.environment)) {
			ConfigurationProperty property = source.getConfigurationProperty(name);
			if (property != null) {
				return property.getOrigin();
			}
		}
		return null;
	}

}
