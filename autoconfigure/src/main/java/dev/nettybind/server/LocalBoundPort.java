package dev.nettybind.server;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Injects the actual port of a bound server, read from {@code local.bind.<name>.port},
 * into a field of a test, like Boot's {@code @LocalServerPort}:
 *
 * <pre class="code">
 * &#64;SpringBootTest
 * class AdminTests {
 *
 * 	&#64;LocalBoundPort("admin")
 * 	int adminPort;
 *
 * }
 * </pre>
 *
 * The servers bind when the application context starts, so it serves objects made after
 * that, such as test instances; a bean made during startup gets an error.
 *
 * @author Netty Bind Starter contributors
 * @since 0.1.0
 */
@Target(ElementType.FIELD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface LocalBoundPort {

	/**
	 * The name of the server.
	 * @return the server name
	 */
	String value();

}
