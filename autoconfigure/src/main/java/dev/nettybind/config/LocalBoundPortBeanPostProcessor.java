package dev.nettybind.config;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.beans.PropertyValues;
import org.springframework.beans.SimpleTypeConverter;
import org.springframework.beans.factory.config.InstantiationAwareBeanPostProcessor;
import org.springframework.core.env.Environment;
import org.springframework.util.ReflectionUtils;

import dev.nettybind.server.LocalBoundPort;

/**
 * Sets the fields annotated with {@link LocalBoundPort}.
 *
 * @author Netty Bind Starter contributors
 */
final class LocalBoundPortBeanPostProcessor implements InstantiationAwareBeanPostProcessor {

	private final Environment environment;

	private final Map<Class<?>, List<Field>> annotatedFields = new ConcurrentHashMap<>();

	LocalBoundPortBeanPostProcessor(Environment environment) {
		this.environment = environment;
	}

	@Override
	public PropertyValues postProcessProperties(PropertyValues values, Object bean, String beanName) {
		this.annotatedFields.computeIfAbsent(bean.getClass(), LocalBoundPortBeanPostProcessor::findAnnotatedFields)
			.forEach((field) -> inject(bean, field));
		return values;
	}

	private static List<Field> findAnnotatedFields(Class<?> type) {
		List<Field> fields = new ArrayList<>();
		ReflectionUtils.doWithFields(type, fields::add, (field) -> field.isAnnotationPresent(LocalBoundPort.class));
		return fields;
	}

	private void inject(Object bean, Field field) {
		String name = field.getAnnotation(LocalBoundPort.class).value();
		String property = "local.bind." + name + ".port";
		String port = this.environment.getProperty(property);
		if (port == null) {
			throw new IllegalStateException("@LocalBoundPort(\"" + name + "\") on " + field
					+ ": server '" + name + "' is not bound (yet); '" + property + "' is set once it is");
		}
		ReflectionUtils.makeAccessible(field);
		ReflectionUtils.setField(field, bean, new SimpleTypeConverter().convertIfNecessary(port, field.getType()));
	}

}
