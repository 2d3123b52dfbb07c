package dev.nettybind;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A test (or every test of a class) that logs an ERROR on purpose, such as Spring Boot's
 * failure report of a startup that is meant to fail; it asserts on what it expects.
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Inherited
public @interface ExpectsErrorLog {

	/**
	 * Why the test logs an ERROR.
	 * @return the reason
	 */
	String value();

}
