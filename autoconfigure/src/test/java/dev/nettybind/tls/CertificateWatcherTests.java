package dev.nettybind.tls;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.ssl.SslBundles;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import dev.nettybind.TestCertificates;
import dev.nettybind.TestCertificates.Issued;
import dev.nettybind.config.BindServersAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The thread that watches the files of the certificate database: there only with
 * {@code reload-on-update}, a daemon, and gone once the application is closed.
 */
class CertificateWatcherTests {

	private static final String WATCHER = "bind-certificate-watcher";

	@TempDir
	static Path directory;

	static Path database;

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(BindServersAutoConfiguration.class, SslAutoConfiguration.class))
		.withPropertyValues("bind.enabled=true", "bind.certificate-database.location=file:" + database,
				"bind.certificate-database.password=changeit");

	@BeforeAll
	static void writeDatabase() {
		Issued ca = TestCertificates.ca("CN=Test CA, O=Example");
		database = TestCertificates.keyStore()
			.key("server", TestCertificates.server("CN=localhost, O=Example", ca))
			.trusted("ca", ca.certificate())
			.writeTo(directory.resolve("watched.p12"), "changeit");
	}

	@Test
	void watcherOfTheShortestIntervalIsADaemonThatStopsWithTheApplication() {
		Set<Thread> before = Set.copyOf(watchers());
		List<Thread> started = new ArrayList<>();
		this.runner
			.withPropertyValues("bind.certificate-database.reload-on-update=true",
					"bind.certificate-database.reload-check-interval=1ms")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				context.getBean(SslBundles.class);
				await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
					started.clear();
					watchers().stream().filter((thread) -> !before.contains(thread)).forEach(started::add);
					assertThat(started).isNotEmpty();
				});
				assertThat(started).allMatch(Thread::isDaemon);
			});
		await().atMost(Duration.ofSeconds(10)).until(() -> started.stream().noneMatch(Thread::isAlive));
	}

	@Test
	void databaseThatIsNotReloadedHasNoWatcher() {
		Set<Thread> before = Set.copyOf(watchers());
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed();
			context.getBean(SslBundles.class);
			assertThat(context.getBean(CertificateDatabase.class).stores().keyStore().containsAlias("server"))
				.isTrue();
			assertThat(watchers()).allMatch(before::contains);
		});
	}

	private static List<Thread> watchers() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> thread.getName().equals(WATCHER) && thread.isAlive())
			.toList();
	}

}
