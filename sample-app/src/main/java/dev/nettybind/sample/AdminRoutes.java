package dev.nettybind.sample;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.function.Consumer;

import io.netty.handler.codec.http.HttpHeaderNames;
import reactor.core.publisher.Mono;
import reactor.netty.http.server.HttpServerRoutes;

import org.springframework.stereotype.Component;

/**
 * The handler of the {@code admin} server: plain Reactor Netty routes, not WebFlux, on
 * a loopback-only port, so that its destructive operation cannot be reached from
 * another machine.
 * <ul>
 * <li>{@code GET /stats}: the number of notes and of public requests in flight;</li>
 * <li>{@code DELETE /notes}: remove every note.</li>
 * </ul>
 *
 * @author Netty Bind Starter contributors
 */
@Component("adminRoutes")
public class AdminRoutes implements Consumer<HttpServerRoutes> {

	private static final String TEXT = "text/plain; charset=utf-8";

	private final NoteStore notes;

	private final InFlightRequests inFlight;

	public AdminRoutes(NoteStore notes, InFlightRequests inFlight) {
		this.notes = notes;
		this.inFlight = inFlight;
	}

	@Override
	public void accept(HttpServerRoutes routes) {
		routes.get("/stats",
				(request, response) -> response.header(HttpHeaderNames.CONTENT_TYPE, TEXT)
					.sendString(Mono.fromSupplier(this::stats)))
			.delete("/notes", (request, response) -> response.header(HttpHeaderNames.CONTENT_TYPE, TEXT)
				.sendString(Mono.fromSupplier(() -> "Deleted " + this.notes.clear() + " note(s)\n")));
	}

	private String stats() {
		Duration uptime = Duration.ofMillis(ManagementFactory.getRuntimeMXBean().getUptime());
		return "notes: " + this.notes.count() + "\n" + "public requests in flight: " + this.inFlight.count() + "\n"
				+ "uptime: " + uptime.toSeconds() + "s\n";
	}

}
