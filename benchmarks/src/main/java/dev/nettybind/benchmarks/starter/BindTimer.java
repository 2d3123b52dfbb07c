package dev.nettybind.benchmarks.starter;

import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;

import dev.nettybind.benchmarks.Plaintext;
import dev.nettybind.server.ServerBoundEvent;

/**
 * Prints one {@code BIND-TIMING} line when the application is ready: the wall-clock
 * milliseconds at which {@code main} was entered, the first and the last server was
 * bound, and the application was ready (0 where no server was bound).
 */
final class BindTimer {

	private static volatile long mainEntered;

	private final AtomicInteger servers = new AtomicInteger();

	private volatile long firstBound;

	private volatile long lastBound;

	/** Record when {@code main} was entered. */
	static void mainEntered() {
		mainEntered = System.currentTimeMillis();
	}

	/** Count a bound server. */
	@EventListener
	void bound(ServerBoundEvent event) {
		long now = System.currentTimeMillis();
		if (this.servers.getAndIncrement() == 0) {
			this.firstBound = now;
		}
		this.lastBound = now;
	}

	/** Print the timing line. */
	@EventListener
	void ready(ApplicationReadyEvent event) {
		Plaintext.report("BIND-TIMING servers=%d main-ms=%d first-bound-ms=%d last-bound-ms=%d ready-ms=%d end",
				this.servers.get(), mainEntered, this.firstBound, this.lastBound, System.currentTimeMillis());
	}

}
