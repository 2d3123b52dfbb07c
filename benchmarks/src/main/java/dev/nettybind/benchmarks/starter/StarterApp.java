package dev.nettybind.benchmarks.starter;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiFunction;

import org.reactivestreams.Publisher;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.metrics.buffering.BufferingApplicationStartup;
import org.springframework.context.annotation.Bean;

import dev.nettybind.benchmarks.Plaintext;
import dev.nettybind.benchmarks.reactor.PlaintextHandler;
import dev.nettybind.server.ServerBinder;

/**
 * The starter's contender, configured from {@code bind.servers} only:
 * {@code single <port>}, {@code shared <port> <members> <stats-port>},
 * {@code many <first-port> <count>}, or {@code none} (Spring Boot alone, for startup).
 */
@SpringBootApplication
public class StarterApp {

	/** The handler of every benchmarked server. */
	@Bean
	BiFunction<HttpServerRequest, HttpServerResponse, Publisher<Void>> plaintextHandler() {
		return new PlaintextHandler();
	}

	/** The handler of the stats server: per-server connection counts of shared sockets. */
	@Bean
	StatsHandler statsHandler(ObjectProvider<ServerBinder> binder) {
		return new StatsHandler(binder);
	}

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
		String mode = (args.length > 0) ? args[0] : "single";
		switch (mode) {
			case "single" -> server(properties, "plaintext", Plaintext.port(args, 1), false);
			case "shared" -> {
				int port = Plaintext.port(args, 1);
				int members = Plaintext.intArg(args, 2, 4);
				for (int i = 1; i <= members; i++) {
					server(properties, "member-" + i, port, true);
				}
				server(properties, "stats", Plaintext.port(args, 3), false);
				properties.put("bind.servers.stats.handler", "statsHandler");
			}
			case "many" -> {
				int first = Plaintext.port(args, 1);
				int count = Plaintext.intArg(args, 2, 1);
				for (int i = 0; i < count; i++) {
					server(properties, String.format("s%03d", i), first + i, false);
				}
			}
			case "none" -> properties.put("bind.enabled", false);
			default -> throw new IllegalArgumentException("mode must be single, shared, many or none, was " + mode);
		}
		return properties;
	}

	private static void server(Map<String, Object> properties, String name, int port, boolean shared) {
		String prefix = "bind.servers." + name + ".";
		properties.put(prefix + "address", "LOOPBACK_IP_V4");
		properties.put(prefix + "port", port);
		properties.put(prefix + "shared", shared);
		properties.put(prefix + "handler", "plaintextHandler");
	}

}
