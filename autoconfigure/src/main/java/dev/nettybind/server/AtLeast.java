package dev.nettybind.server;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Duration;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;

import org.springframework.boot.convert.DurationStyle;
import org.springframework.util.unit.DataSize;

/**
 * The annotated {@link DataSize} or {@link Duration} must be at least the given amount
 * ({@code null} is valid: combine with {@code @NotNull}).
 *
 * @author Netty Bind Starter contributors
 * @since 0.2.0
 */
@Documented
@Constraint(validatedBy = { AtLeast.DataSizeValidator.class, AtLeast.DurationValidator.class })
@Target({ ElementType.FIELD, ElementType.METHOD, ElementType.PARAMETER })
@Retention(RetentionPolicy.RUNTIME)
public @interface AtLeast {

	/**
	 * The least amount: a data size such as {@code 1B} or a duration such as {@code 0s}.
	 * @return the amount
	 */
	String value();

	/**
	 * The message of a violation.
	 * @return the message
	 */
	String message() default "must be at least {value}";

	/**
	 * The groups of the constraint.
	 * @return the groups
	 */
	Class<?>[] groups() default {};

	/**
	 * The payload of the constraint.
	 * @return the payload
	 */
	Class<? extends Payload>[] payload() default {};

	/**
	 * Validates {@link AtLeast} on a {@link DataSize}.
	 */
	class DataSizeValidator implements ConstraintValidator<AtLeast, DataSize> {

		private DataSize least = DataSize.ofBytes(0);

		@Override
		public void initialize(AtLeast constraint) {
			this.least = DataSize.parse(constraint.value());
		}

		@Override
		public boolean isValid(DataSize value, ConstraintValidatorContext context) {
			return value == null || value.compareTo(this.least) >= 0;
		}

	}

	/**
	 * Validates {@link AtLeast} on a {@link Duration}.
	 */
	class DurationValidator implements ConstraintValidator<AtLeast, Duration> {

		private Duration least = Duration.ZERO;

		@Override
		public void initialize(AtLeast constraint) {
			this.least = DurationStyle.detectAndParse(constraint.value());
		}

		@Override
		public boolean isValid(Duration value, ConstraintValidatorContext context) {
			return value == null || value.compareTo(this.least) >= 0;
		}

	}

}
