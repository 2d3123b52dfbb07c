package dev.nettybind.server;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.BeanUtils;
import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.util.ReflectionUtils;

/**
 * The options of {@link BindOptions} as properties, named as in {@code bind.servers}
 * ({@code backlog}, {@code limits.max-body-size}), read from the model itself so that
 * an option added to it needs no code here.
 *
 * @author Netty Bind Starter contributors
 */
final class OptionProperties {

	/**
	 * Options that belong to one server rather than to the socket it binds: the servers
	 * sharing a socket may differ in them. Address, port and v6-only locate the socket;
	 * the registry compares v6-only on its own.
	 */
	private static final Set<String> MEMBER_OPTIONS = Set.of("address", "port", "shared", "v6-only",
			"event-loop-threads");

	private OptionProperties() {
	}

	/**
	 * Return every option, by property name, in the order the model declares them.
	 * @param options the options
	 * @return the values by property name
	 */
	static Map<String, @Nullable Object> of(Object options) {
		Map<String, @Nullable Object> values = new LinkedHashMap<>();
		collect("", options, values);
		return values;
	}

	/**
	 * Return the options that belong to the socket: the servers sharing one must agree
	 * on them.
	 * @param options the options
	 * @return the values by property name
	 */
	static Map<String, @Nullable Object> socketSettings(BindOptions options) {
		Map<String, @Nullable Object> settings = of(options);
		settings.keySet().removeAll(MEMBER_OPTIONS);
		// An explicit list of the default protocols is the same setting as none.
		settings.put("protocols", options.resolvedProtocols());
		return settings;
	}

	static String describe(Object options) {
		return options.getClass().getSimpleName() + of(options);
	}

	private static void collect(String prefix, Object bean, Map<String, @Nullable Object> values) {
		for (Field field : modelFields(bean.getClass())) {
			Object value = ReflectionUtils.invokeMethod(
					BeanUtils.getPropertyDescriptor(bean.getClass(), field.getName()).getReadMethod(), bean);
			String name = prefix + DataObjectPropertyName.toDashedForm(field.getName());
			if (value instanceof BindOptions.Limits limits) {
				collect(name + ".", limits, values);
			}
			else {
				values.put(name, value);
			}
		}
	}

	private static Iterable<Field> modelFields(Class<?> type) {
		Class<?> model = BindOptions.Limits.class.isAssignableFrom(type) ? BindOptions.Limits.class
				: BindOptions.class;
		return Arrays.stream(model.getDeclaredFields())
			.filter((field) -> !Modifier.isStatic(field.getModifiers()))
			.toList();
	}

}
