package dev.nettybind.web;

import java.util.List;

import reactor.core.publisher.Mono;

import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher;
import org.springframework.security.web.server.util.matcher.ServerWebExchangeMatcher.MatchResult;
import org.springframework.web.server.ServerWebExchange;

/**
 * Spring Security {@link ServerWebExchangeMatcher}s on the server of
 * {@code bind.servers} that serves an exchange, so that a {@code SecurityWebFilterChain}
 * applies to one server:
 *
 * <pre class="code">
 * &#64;Bean
 * SecurityWebFilterChain admin(ServerHttpSecurity http) {
 * 	return http.securityMatcher(servedBy("admin"))
 * 		.authorizeExchange((exchanges) -&gt; exchanges.anyExchange().authenticated())
 * 		.httpBasic(Customizer.withDefaults())
 * 		.build();
 * }
 * </pre>
 *
 * @author Netty Bind Starter contributors
 * @since 0.2.0
 */
public final class BoundServerExchangeMatchers {

	private BoundServerExchangeMatchers() {
	}

	/**
	 * Return a matcher of the exchanges served by one of the named servers.
	 * @param serverNames the names of the servers
	 * @return the matcher
	 */
	public static ServerWebExchangeMatcher servedBy(String... serverNames) {
		List<String> names = List.of(serverNames);
		return new ServerWebExchangeMatcher() {

			@Override
			public Mono<MatchResult> matches(ServerWebExchange exchange) {
				return BoundServerExchange.isServedBy(exchange, names) ? MatchResult.match() : MatchResult.notMatch();
			}

			@Override
			public String toString() {
				return "servedBy" + names;
			}

		};
	}

}
