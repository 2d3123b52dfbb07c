package dev.nettybind.tls;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.context.annotation.Conditional;

/**
 * Matches when a setting of {@code bind.certificate-database} has a non-empty value.
 *
 * @author Netty Bind Starter contributors
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target({ ElementType.TYPE, ElementType.METHOD })
@Conditional(OnCertificateDatabaseSettingCondition.class)
@interface ConditionalOnCertificateDatabaseSetting {

	/**
	 * The setting, relative to {@code bind.certificate-database}, such as
	 * {@code location}.
	 * @return the setting
	 */
	String value();

}
