package dev.nettybind.config;

import java.beans.PropertyDescriptor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import org.springframework.beans.BeanWrapper;
import org.springframework.beans.BeanWrapperImpl;
import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.util.unit.DataSize;

import dev.nettybind.server.BindOptions;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tables of {@code docs/properties.md} document every option of a server, each with
 * the default that the model ({@link BindOptions}, {@link BindProperties.Server}) has.
 */
class DocumentedDefaultsTests {

	private static final Pattern ROW = Pattern.compile("^\\| `([a-z0-9.-]+)` \\| [^|]* \\| ([^|]+) \\|");

	@Test
	void everyServerOptionIsDocumentedWithTheModelsDefault() throws IOException {
		Map<String, String> documented = new LinkedHashMap<>(table("## `bind.servers.<name>.*`", ""));
		BeanWrapper model = new BeanWrapperImpl(new BindProperties.Server());
		for (String group : groups(model)) {
			documented.remove(group + ".*");
			table("## `bind.servers.<name>." + group + ".*`", group + ".").forEach(documented::put);
		}
		assertThat(documented.keySet()).containsExactlyInAnyOrderElementsOf(properties(model, ""));
		documented.forEach((property, documentedDefault) -> assertThat(
				matches(model.getPropertyValue(camelCase(property)), documentedDefault))
			.as("default of %s: documented %s, model %s", property, documentedDefault,
					model.getPropertyValue(camelCase(property)))
			.isTrue());
	}

	private static boolean matches(Object value, String documented) {
		String text = documented.strip().replace("`", "");
		if (value == null) {
			return text.equals("*(none)*");
		}
		if (value instanceof List<?> list) {
			// Empty protocols mean the defaults of a plain or a secure server; other lists are empty.
			return list.isEmpty() ? text.startsWith("secure:") || text.equals("empty")
					: text.equals(list.stream().map(String::valueOf).collect(Collectors.joining(", ")));
		}
		if (value instanceof Map<?, ?> map && map.isEmpty()) {
			return text.equals("empty");
		}
		if (value instanceof DataSize size) {
			return DataSize.parse(text).equals(size);
		}
		if (value instanceof Duration duration) {
			return DurationStyle.detectAndParse(text).equals(duration);
		}
		if (value instanceof Enum<?> constant) {
			return text.equals(constant.name().toLowerCase().replace('_', '-'));
		}
		return text.equals(String.valueOf(value));
	}

	private static List<String> groups(BeanWrapper model) {
		return Arrays.stream(model.getPropertyDescriptors())
			.filter((descriptor) -> descriptor.getPropertyType().getEnclosingClass() == BindOptions.class)
			.map((descriptor) -> DataObjectPropertyName.toDashedForm(descriptor.getName()))
			.toList();
	}

	private static List<String> properties(BeanWrapper model, String prefix) {
		return Arrays.stream(model.getPropertyDescriptors())
			.filter((descriptor) -> descriptor.getWriteMethod() != null)
			.flatMap((descriptor) -> expand(model, prefix, descriptor).stream())
			.toList();
	}

	private static List<String> expand(BeanWrapper model, String prefix, PropertyDescriptor descriptor) {
		String name = prefix + DataObjectPropertyName.toDashedForm(descriptor.getName());
		if (descriptor.getPropertyType().getEnclosingClass() == BindOptions.class) {
			return properties(new BeanWrapperImpl(model.getPropertyValue(descriptor.getName())), name + ".");
		}
		return List.of(name);
	}

	private static String camelCase(String property) {
		StringBuilder name = new StringBuilder();
		boolean upper = false;
		for (char c : property.toCharArray()) {
			if (c == '-') {
				upper = true;
			}
			else {
				name.append(upper ? Character.toUpperCase(c) : c);
				upper = false;
			}
		}
		return name.toString();
	}

	private static Map<String, String> table(String heading, String prefix) throws IOException {
		List<String> lines = Files.readAllLines(Path.of("../docs/properties.md"));
		Map<String, String> defaults = new LinkedHashMap<>();
		int start = lines.indexOf(heading);
		assertThat(start).as("heading %s", heading).isNotNegative();
		for (String line : lines.subList(start + 1, lines.size())) {
			if (line.startsWith("## ")) {
				break;
			}
			Matcher row = ROW.matcher(line);
			if (row.find()) {
				defaults.put(prefix + row.group(1), row.group(2));
			}
		}
		return defaults;
	}

}
