package dev.nettybind.tls;

import java.util.Map;

import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;

/**
 * Matches when a setting of {@code bind.certificate-database} has a value: unlike
 * {@code @ConditionalOnProperty}, an empty value (such as
 * {@code --bind.certificate-database.location=} on the command line, to remove one of
 * {@code application.yml}) counts as unset.
 *
 * @author Netty Bind Starter contributors
 * @see ConditionalOnCertificateDatabaseSetting
 */
class OnCertificateDatabaseSettingCondition extends SpringBootCondition {

	@Override
	public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
		Map<String, Object> attributes = metadata
			.getAnnotationAttributes(ConditionalOnCertificateDatabaseSetting.class.getName());
		String property = "bind.certificate-database." + attributes.get("value");
		return StringUtils.hasText(context.getEnvironment().getProperty(property))
				? ConditionOutcome.match(property + " is set")
				: ConditionOutcome.noMatch(property + " is not set, or empty");
	}

}
