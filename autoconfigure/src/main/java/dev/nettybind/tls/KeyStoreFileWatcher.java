package dev.nettybind.tls;

import java.io.Closeable;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.core.io.ResourceLoader;

/**
 * Checks the modification times of the key store files of
 * {@code bind.certificate-database} every {@code reload-check-interval}, and runs an
 * action when one changed.
 * <p>
 * Spring Boot's own watcher of {@code spring.ssl.bundle.*.reload-on-update} cannot be
 * reused: its {@code FileWatcher} is package-private in
 * {@code org.springframework.boot.autoconfigure.ssl} and only Boot's
 * {@code SslPropertiesBundleRegistrar} registers files with it. So the files are polled
 * as before, and the reload itself goes through {@code SslBundleRegistry.updateBundle}.
 *
 * @author Netty Bind Starter contributors
 */
final class KeyStoreFileWatcher implements Closeable {

	private static final Log logger = LogFactory.getLog(KeyStoreFileWatcher.class);

	private final ResourceLoader resourceLoader;

	private final List<String> locations;

	private final ScheduledExecutorService executor;

	private List<Long> seen;

	/**
	 * Start watching.
	 * @param resourceLoader the loader of the locations
	 * @param locations the resource locations of the stores
	 * @param interval how often to check
	 * @param action what to run when a store changed; it must not throw
	 */
	KeyStoreFileWatcher(ResourceLoader resourceLoader, List<String> locations, Duration interval, Runnable action) {
		this.resourceLoader = resourceLoader;
		this.locations = locations;
		this.seen = lastModified();
		this.executor = Executors.newSingleThreadScheduledExecutor((task) -> {
			Thread thread = new Thread(task, "bind-certificate-watcher");
			thread.setDaemon(true);
			return thread;
		});
		this.executor.scheduleWithFixedDelay(() -> check(action), interval.toMillis(), interval.toMillis(),
				TimeUnit.MILLISECONDS);
	}

	private void check(Runnable action) {
		try {
			List<Long> modified = lastModified();
			if (!modified.equals(this.seen)) {
				this.seen = modified;
				action.run();
			}
		}
		catch (RuntimeException ex) {
			// A task that throws is never run again, and nobody would know: keep checking.
			logger.error("Checking whether the key store " + this.locations + " changed failed", ex);
		}
	}

	/**
	 * Return when each store last changed. Each time is kept, not the newest: a store may
	 * be replaced by a file older than another store ({@code cp -p}, {@code rsync -t}).
	 */
	private List<Long> lastModified() {
		return this.locations.stream().map(this::lastModified).toList();
	}

	private long lastModified(String location) {
		try {
			return this.resourceLoader.getResource(location).lastModified();
		}
		catch (IOException ex) {
			// Not there, or not a file (a class path resource in a jar).
			return -1;
		}
	}

	@Override
	public void close() {
		this.executor.shutdownNow();
	}

}
