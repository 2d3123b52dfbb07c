package dev.nettybind.config;

import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;

import dev.nettybind.server.AtLeast;
import dev.nettybind.server.BindOptions;

/**
 * {@link RuntimeHints} for what the starter reflects on, beyond the binding of
 * {@link BindProperties} that Spring Boot registers itself.
 *
 * @author Netty Bind Starter contributors
 */
class BindServersRuntimeHints implements RuntimeHintsRegistrar {

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		// Registered at run time from the servers of the environment, so not generated.
		hints.reflection()
			.registerType(ConfiguredBoundServer.class, MemberCategory.INVOKE_DECLARED_CONSTRUCTORS);
		// Options are copied, listed, logged and compared field by field, through their
		// getters and setters: the model and each of its groups (its nested classes).
		hints.reflection()
			.registerType(BindOptions.class, MemberCategory.ACCESS_DECLARED_FIELDS, MemberCategory.INVOKE_PUBLIC_METHODS,
					MemberCategory.INVOKE_PUBLIC_CONSTRUCTORS);
		for (Class<?> group : BindOptions.class.getDeclaredClasses()) {
			hints.reflection()
				.registerType(group, MemberCategory.ACCESS_DECLARED_FIELDS, MemberCategory.INVOKE_PUBLIC_METHODS,
						MemberCategory.INVOKE_PUBLIC_CONSTRUCTORS);
		}
		// Bean Validation makes the validators of the options' own constraint.
		for (Class<?> validator : new Class<?>[] { AtLeast.DataSizeValidator.class, AtLeast.DurationValidator.class }) {
			hints.reflection().registerType(validator, MemberCategory.INVOKE_DECLARED_CONSTRUCTORS);
		}
	}

}
