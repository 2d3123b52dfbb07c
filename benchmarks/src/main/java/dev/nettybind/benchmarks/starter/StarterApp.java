package dev.nettybind.benchmarks.starter;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.metrics.buffering.BufferingApplicationStartup;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;

import dev.nettybind.benchmarks.Plaintext;

/**
 * The starter's contender, configured from {@code bind.servers} only:
 * {@code single <port>}, {@code shared <port> <members> <stats-port>},
 * {@code many <first-port> <count>}, or {@code none} (Spring Boot alone, for startup).
 */
@SpringBootApplication
@Import(BenchmarkHandlers.class)
public class StarterApp {

	/** Logs how long binding took. */
	@Bean
	BindTimer bindTimer() {
		return new BindTimer();
	}

	/** Start the application and serve until killed. */
	public static void main(String[] args) throws InterruptedException {
		BindTimer.mainEntered();
		SpringApplication application = new SpringApplication(StarterApp.class);
		application.setDefaultProperties(properties(args));
		BufferingApplicationStartup steps = StartupSteps.recorder();
		if (steps != null) {
			application.setApplicationStartup(steps);
		}
		// Arguments such as --bind.servers.plaintext.limits.idle-timeout=0 override the defaults.
		application.run(args);
		if (steps != null) {
			StartupSteps.print(steps);
		}
		if (args.length > 0 && "none".equals(args[0])) {
			// Nothing keeps the JVM alive without a server: stay until killed, like the others.
			Thread.sleep(Long.MAX_VALUE);
		}
	}

	static Map<String, Object> properties(String[] args) {
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("spring.main.web-application-type", "none");
		properties.put("spring.main.banner-mode", "off");
		properties.put("logging.level.root", "warn");
		if (BindServers.put(properties, args)) {
			return properties;
		}
		String mode = args[0];
		switch (mode) {
			case "many" -> {
				int first = Plaintext.port(args, 1);
				int count = Plaintext.intArg(args, 2, 1);
				for (int i = 0; i < count; i++) {
					BindServers.server(properties, String.format("s%03d", i), first + i, false);
				}
			}
			case "none" -> properties.put("bind.enabled", false);
			default -> throw new IllegalArgumentException("mode must be single, shared, many or none, was " + mode);
		}
		return properties;
	}

}
