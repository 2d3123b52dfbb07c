package dev.nettybind.sample;

import java.time.Duration;
import java.util.Optional;

import reactor.core.publisher.Mono;

import org.springframework.boot.convert.DurationStyle;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;

/**
 * {@code GET /hello?name=Ada&delay=2s}: a greeting. The optional delay stands for a slow
 * backend, so that one can watch a graceful shutdown let a request in flight finish.
 *
 * @author Netty Bind Starter contributors
 */
@Component
public class GreetingHandler {

	static final Duration MAX_DELAY = Duration.ofSeconds(10);

	/**
	 * Greet the caller.
	 * @param request the request, with the optional parameters {@code name} and
	 * {@code delay} (for example {@code 500ms} or {@code 2s})
	 * @return the greeting, as text
	 */
	public Mono<ServerResponse> hello(ServerRequest request) {
		String name = request.queryParam("name").filter(StringUtils::hasText).orElse("world");
		Optional<Duration> delay = delay(request);
		if (delay.isEmpty()) {
			return ServerResponse.badRequest()
				.contentType(MediaType.TEXT_PLAIN)
				.bodyValue("delay must be a duration from 0 to " + MAX_DELAY.toSeconds() + "s, such as 500ms or 2s\n");
		}
		Mono<String> greeting = Mono.just("Hello, " + name + "!\n");
		if (!delay.get().isZero()) {
			greeting = greeting.delayElement(delay.get());
		}
		return ServerResponse.ok().contentType(MediaType.TEXT_PLAIN).body(greeting, String.class);
	}

	private static Optional<Duration> delay(ServerRequest request) {
		String value = request.queryParam("delay").orElse("0s");
		try {
			Duration delay = DurationStyle.detectAndParse(value);
			return (delay.isNegative() || delay.compareTo(MAX_DELAY) > 0) ? Optional.empty() : Optional.of(delay);
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

}
