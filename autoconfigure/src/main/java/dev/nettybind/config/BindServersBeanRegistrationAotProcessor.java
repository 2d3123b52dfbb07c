package dev.nettybind.config;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.ReflectionHints;
import org.springframework.beans.factory.aot.BeanRegistrationAotContribution;
import org.springframework.beans.factory.aot.BeanRegistrationAotProcessor;
import org.springframework.beans.factory.support.RegisteredBean;
import org.springframework.util.ReflectionUtils;

import dev.nettybind.server.LocalBoundPort;

/**
 * Registers reflection hints for what the starter reads of the application's beans: the
 * fields annotated with {@link LocalBoundPort}, which {@link LocalBoundPortBeanPostProcessor}
 * sets, and the type of each bean that can be a handler, whose generic interfaces
 * {@link HandlerResolver} checks.
 *
 * @author Netty Bind Starter contributors
 */
class BindServersBeanRegistrationAotProcessor implements BeanRegistrationAotProcessor {

	@Override
	public @Nullable BeanRegistrationAotContribution processAheadOfTime(RegisteredBean registeredBean) {
		Class<?> type = registeredBean.getBeanClass();
		List<Field> ports = new ArrayList<>();
		ReflectionUtils.doWithFields(type, ports::add, (field) -> field.isAnnotationPresent(LocalBoundPort.class));
		// A bean declared as the interface itself has its generics in the generated code.
		boolean handler = !type.isInterface()
				&& (BiFunction.class.isAssignableFrom(type) || Consumer.class.isAssignableFrom(type));
		if (ports.isEmpty() && !handler) {
			return null;
		}
		return (generationContext, code) -> {
			ReflectionHints reflection = generationContext.getRuntimeHints().reflection();
			ports.forEach(reflection::registerField);
			if (handler) {
				reflection.registerType(type);
			}
		};
	}

}
