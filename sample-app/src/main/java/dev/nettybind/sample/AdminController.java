package dev.nettybind.sample;

import java.lang.management.ManagementFactory;
import java.time.Duration;

import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.nettybind.web.OnServer;

/**
 * The operations of the {@code admin} server, a loopback-only port, so that the
 * destructive one cannot be reached from another machine. {@link OnServer @OnServer}
 * keeps them off every other server: {@code /stats} on the public port is a 404.
 * <ul>
 * <li>{@code GET /stats}: the number of notes and of public requests in flight;</li>
 * <li>{@code DELETE /notes}: remove every note.</li>
 * </ul>
 *
 * @author Netty Bind Starter contributors
 */
@RestController
@OnServer("admin")
public class AdminController {

	private final NoteStore notes;

	private final InFlightRequests inFlight;

	public AdminController(NoteStore notes, InFlightRequests inFlight) {
		this.notes = notes;
		this.inFlight = inFlight;
	}

	@GetMapping(path = "/stats", produces = "text/plain;charset=utf-8")
	String stats() {
		Duration uptime = Duration.ofMillis(ManagementFactory.getRuntimeMXBean().getUptime());
		return "notes: " + this.notes.count() + "\n" + "public requests in flight: " + this.inFlight.count() + "\n"
				+ "uptime: " + uptime.toSeconds() + "s\n";
	}

	@DeleteMapping(path = "/notes", produces = "text/plain;charset=utf-8")
	String deleteNotes() {
		return "Deleted " + this.notes.clear() + " note(s)\n";
	}

}
