package dev.nettybind.web;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Serves what it annotates only on the named servers of {@code bind.servers}: on any
 * other server, and on Spring Boot's own server, it does not exist (404, as an unknown
 * path) and a filter does not run.
 * <p>
 * It annotates a {@code @Controller} class or one of its handler methods (the method's
 * servers replace its class's), or the {@code @Bean} method (or the class) of a
 * {@code RouterFunction}, a {@code WebFilter} or a {@code HandlerMapping}, such as the
 * {@code SimpleUrlHandlerMapping} of a {@code WebSocketHandler}:
 *
 * <pre class="code">
 * &#64;RestController
 * &#64;OnServer("admin")
 * class AdminController {
 *
 * 	&#64;GetMapping("/users")
 * 	Flux&lt;User&gt; users() { ... }
 *
 * }
 * </pre>
 *
 * What is not annotated is served on Boot's own server and on every server of
 * {@code bind.servers} that has no {@code handler}, except those with
 * {@code annotated-only: true}. A name that is not such a server fails the startup.
 *
 * @author Netty Bind Starter contributors
 * @since 0.2.0
 */
@Target({ ElementType.TYPE, ElementType.METHOD })
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface OnServer {

	/**
	 * The names of the servers, as in {@code bind.servers.<name>}.
	 * @return the server names
	 */
	String[] value();

}
