package dev.nettybind.diagnostics;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.origin.Origin;
import org.springframework.core.Ordered;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;

/**
 * Explains invalid {@code bind.*} properties server by server, with the fix, before
 * Boot's generic report of validation failures.
 *
 * @author Netty Bind Starter contributors
 */
class InvalidBindPropertyFailureAnalyzer extends AbstractFailureAnalyzer<BindValidationException> implements Ordered {

	private static final Pattern SERVER_PROPERTY = Pattern.compile("servers\\[([^\\]]+)\\]\\.(.+)");

	@Override
	protected @Nullable FailureAnalysis analyze(Throwable rootFailure, BindValidationException cause) {
		if (!"bind".equals(cause.getValidationErrors().getName().toString())) {
			return null;
		}
		StringBuilder description = new StringBuilder();
		List<String> actions = new ArrayList<>();
		for (ObjectError error : cause.getValidationErrors().getAllErrors()) {
			if (error instanceof FieldError fieldError) {
				describe(fieldError, description, actions);
			}
		}
		return new FailureAnalysis(description.toString().strip(), String.join(System.lineSeparator(), actions), cause);
	}

	private void describe(FieldError error, StringBuilder description, List<String> actions) {
		String field = error.getField();
		Matcher server = SERVER_PROPERTY.matcher(field);
		String property = server.matches()
				? OptionNames.configured(server.group(1)).of(DataObjectPropertyName.toDashedForm(server.group(2)))
				: "bind." + DataObjectPropertyName.toDashedForm(field);
		String subject = server.matches() ? "Server '" + server.group(1) + "'" : "The starter";
		String reason = String.valueOf(error.getDefaultMessage());
		description.append(ServerSetupException.invalidValueDescription(subject, property, reason))
			.append(System.lineSeparator())
			.append(System.lineSeparator());
		if (server.matches()) {
			description.append("    Server:   ").append(server.group(1)).append(System.lineSeparator());
		}
		description.append("    Property: ").append(property).append(System.lineSeparator());
		description.append("    Value:    \"")
			.append(ServerSetupException.display(error.getRejectedValue()))
			.append('"')
			.append(System.lineSeparator());
		Origin origin = Origin.from(error);
		if (origin != null) {
			description.append("    Origin:   ").append(origin).append(System.lineSeparator());
		}
		description.append(System.lineSeparator());
		actions.add(ServerSetupException.invalidValueAction(property, reason));
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
