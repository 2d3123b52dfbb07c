package dev.nettybind.server;

import java.beans.PropertyDescriptor;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.BeanUtils;
import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.util.Assert;
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
	 * the registry compares v6-only on its own. A redirect is the handler of its server.
	 */
	private static final Set<String> MEMBER_OPTIONS = Set.of("address", "port", "shared", "v6-only",
			"event-loop-threads", "redirect-to");

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

	/**
	 * Return a deep copy of a part of the model, as the given model type: a subclass of
	 * {@link BindOptions} is copied as plain options.
	 * @param <T> the model type
	 * @param source the options or a group of them
	 * @param type the model type
	 * @return the copy
	 */
	static <T> T copy(T source, Class<T> type) {
		T copy = BeanUtils.instantiateClass(type);
		for (Field field : modelFields(type)) {
			Object value = read(source, field);
			ReflectionUtils.invokeMethod(property(type, field).getWriteMethod(), copy,
					isGroup(value) ? copy(value, groupType(value)) : value);
		}
		return copy;
	}

	private static void collect(String prefix, Object bean, Map<String, @Nullable Object> values) {
		for (Field field : modelFields(modelType(bean))) {
			Object value = read(bean, field);
			String name = prefix + DataObjectPropertyName.toDashedForm(field.getName());
			if (isGroup(value)) {
				collect(name + ".", value, values);
			}
			else {
				values.put(name, value);
			}
		}
	}

	private static @Nullable Object read(Object bean, Field field) {
		return ReflectionUtils.invokeMethod(property(bean.getClass(), field).getReadMethod(), bean);
	}

	private static PropertyDescriptor property(Class<?> type, Field field) {
		PropertyDescriptor property = BeanUtils.getPropertyDescriptor(type, field.getName());
		Assert.state(property != null && property.getReadMethod() != null && property.getWriteMethod() != null,
				() -> field + " needs a getter and a setter");
		return property;
	}

	/**
	 * Return whether a value is a group of options, such as the limits: a class nested
	 * in the model.
	 */
	private static boolean isGroup(@Nullable Object value) {
		return value != null && value.getClass().getEnclosingClass() == BindOptions.class;
	}

	@SuppressWarnings("unchecked")
	private static <T> Class<T> groupType(T group) {
		return (Class<T>) group.getClass();
	}

	private static Class<?> modelType(Object bean) {
		return (bean instanceof BindOptions) ? BindOptions.class : bean.getClass();
	}

	private static Iterable<Field> modelFields(Class<?> type) {
		return Arrays.stream(type.getDeclaredFields()).filter((field) -> !Modifier.isStatic(field.getModifiers())).toList();
	}

}
