package dev.nettybind.config;

import java.beans.PropertyDescriptor;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.BeanUtils;
import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.boot.context.properties.bind.UnboundConfigurationPropertiesException;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.Ordered;

import dev.nettybind.diagnostics.Suggestions;

/**
 * Explains properties under {@code bind} that the starter does not know, which
 * {@link BindProperties} refuses rather than ignore, and suggests the known property
 * each was probably meant to be.
 *
 * @author Netty Bind Starter contributors
 */
class UnknownBindPropertyFailureAnalyzer extends AbstractFailureAnalyzer<UnboundConfigurationPropertiesException>
		implements Ordered {

	private static final Pattern SERVER_PROPERTY = Pattern.compile("bind\\.servers\\.([^.]+)\\.(.+)");

	private static final List<String> SERVER_PROPERTIES = properties("", BindProperties.Server.class);

	private static final List<String> PROPERTIES = properties("bind.", BindProperties.class);

	@Override
	protected @Nullable FailureAnalysis analyze(Throwable rootFailure, UnboundConfigurationPropertiesException cause) {
		List<ConfigurationProperty> unknown = cause.getUnboundProperties()
			.stream()
			.filter((property) -> property.getName().toString().startsWith("bind."))
			.sorted(Comparator.comparing((property) -> property.getName().toString()))
			.toList();
		if (unknown.isEmpty()) {
			return null;
		}
		StringBuilder description = new StringBuilder();
		List<String> actions = new ArrayList<>();
		for (ConfigurationProperty property : unknown) {
			String name = property.getName().toString();
			Matcher server = SERVER_PROPERTY.matcher(name);
			String subject = server.matches() ? "Server '" + server.group(1) + "'" : "The starter";
			String closest = server.matches() ? suggestion("bind.servers." + server.group(1) + ".",
					Suggestions.closest(server.group(2), SERVER_PROPERTIES)) : Suggestions.closest(name, PROPERTIES);
			description.append(subject)
				.append(" has no property '")
				.append(name)
				.append("', which would be ignored.")
				.append(System.lineSeparator())
				.append(System.lineSeparator())
				.append("    Property: ")
				.append(name)
				.append(System.lineSeparator())
				.append("    Value:    \"")
				.append(property.getValue())
				.append('"')
				.append(System.lineSeparator());
			if (property.getOrigin() != null) {
				description.append("    Origin:   ").append(property.getOrigin()).append(System.lineSeparator());
			}
			description.append(System.lineSeparator());
			actions.add(((closest != null) ? "Did you mean '" + closest + "'? " : "") + "Correct or remove '" + name
					+ "' (docs/properties.md lists every property).");
		}
		return new FailureAnalysis(description.toString().strip(), String.join(System.lineSeparator(), actions),
				cause);
	}

	private static @Nullable String suggestion(String prefix, @Nullable String closest) {
		return (closest != null) ? prefix + closest : null;
	}

	/**
	 * Return every property of a properties type, by its dashed name, groups of
	 * properties expanded: read from the types so that a new option needs nothing here.
	 */
	private static List<String> properties(String prefix, Class<?> type) {
		List<String> names = new ArrayList<>();
		for (PropertyDescriptor descriptor : BeanUtils.getPropertyDescriptors(type)) {
			if (descriptor.getReadMethod() == null || descriptor.getName().equals("class")) {
				continue;
			}
			String name = prefix + DataObjectPropertyName.toDashedForm(descriptor.getName());
			Class<?> propertyType = descriptor.getPropertyType();
			if (propertyType.getName().startsWith("dev.nettybind.") && !propertyType.isEnum()
					&& !Map.class.isAssignableFrom(propertyType)) {
				names.addAll(properties(name + ".", propertyType));
			}
			else {
				names.add(name);
			}
		}
		return names;
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
