package dev.nettybind.config;

import java.util.Collection;
import java.util.Set;

import org.jspecify.annotations.Nullable;

import org.springframework.web.reactive.result.condition.AbstractRequestCondition;
import org.springframework.web.server.ServerWebExchange;

/**
 * The condition of a controller's request mapping on the server that serves the
 * request: the servers {@code @OnServer} names, or none for a mapping that is not
 * annotated.
 *
 * @author Netty Bind Starter contributors
 */
final class OnServerRequestCondition extends AbstractRequestCondition<OnServerRequestCondition> {

	private final ServerRouting routing;

	private final Set<String> serverNames;

	OnServerRequestCondition(ServerRouting routing, Set<String> serverNames) {
		this.routing = routing;
		this.serverNames = serverNames;
	}

	@Override
	protected Collection<String> getContent() {
		return this.serverNames;
	}

	@Override
	protected String getToStringInfix() {
		return " || ";
	}

	/**
	 * The servers of a method replace those of its class.
	 */
	@Override
	public OnServerRequestCondition combine(OnServerRequestCondition other) {
		return other.serverNames.isEmpty() ? this : other;
	}

	@Override
	public @Nullable OnServerRequestCondition getMatchingCondition(ServerWebExchange exchange) {
		return this.routing.serves(exchange, this.serverNames) ? this : null;
	}

	/**
	 * A mapping for named servers comes before the same mapping for every server.
	 */
	@Override
	public int compareTo(OnServerRequestCondition other, ServerWebExchange exchange) {
		return Boolean.compare(this.serverNames.isEmpty(), other.serverNames.isEmpty());
	}

}
