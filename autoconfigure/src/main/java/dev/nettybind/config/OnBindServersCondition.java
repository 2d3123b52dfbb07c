package dev.nettybind.config;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Matches when {@code bind.servers} declares a server or {@code bind.enabled} is true,
 * unless {@code bind.enabled} is false.
 *
 * @author Netty Bind Starter contributors
 */
class OnBindServersCondition extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		return outcome(context.getEnvironment());
	}

	/**
	 * Return whether the environment enables the servers: also asked at run time of an
	 * application processed ahead of time, where conditions are not evaluated again.
	 * @param environment the environment
	 * @return the outcome
	 */
	static ConditionOutcome outcome(Environment environment) {
		Boolean enabled = Binder.get(environment).bind("bind.enabled", Boolean.class).orElse(null);
		if (enabled != null) {
			return new ConditionOutcome(enabled, "bind.enabled is " + enabled);
		}
		int servers = BoundServerBeanRegistrar.serverNames(environment).size();
		return new ConditionOutcome(servers > 0, "bind.servers declares " + servers + " server(s)");
	}

}
