package dev.nettybind.web;

import java.util.List;

import org.springframework.web.reactive.function.server.RequestPredicate;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;

/**
 * {@link RequestPredicate}s on the server of {@code bind.servers} that serves a request,
 * for router functions:
 *
 * <pre class="code">
 * RouterFunctions.route()
 * 	.GET("/stats", servedBy("admin"), handler::stats)
 * 	.build();
 * </pre>
 *
 * @author Netty Bind Starter contributors
 * @since 0.2.0
 * @see RouterFunctions#nest(RequestPredicate, RouterFunction)
 */
public final class BoundServerRequestPredicates {

	private BoundServerRequestPredicates() {
	}

	/**
	 * Return a predicate that matches a request served by one of the named servers.
	 * @param serverNames the names of the servers
	 * @return the predicate
	 */
	public static RequestPredicate servedBy(String... serverNames) {
		List<String> names = List.of(serverNames);
		return new RequestPredicate() {

			@Override
			public boolean test(ServerRequest request) {
				return BoundServerExchange.isServedBy(request.exchange(), names);
			}

			@Override
			public String toString() {
				return "servedBy" + names;
			}

		};
	}

}
