package dev.nettybind.soak;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

import dev.nettybind.sample.SampleApplication;
import dev.nettybind.server.BindOptions;
import dev.nettybind.server.BoundServer;
import dev.nettybind.server.ServerBinder;
import reactor.core.publisher.Mono;

/**
 * The sample application, and one more member of its shared worker socket that is
 * closed and bound again (under a new name) every 30 seconds (system property
 * {@code soak.rebind-millis}), for the soak of benchmarks/soak/run.sh. Not part of any
 * build: run.sh compiles it against the sample's jar.
 */
public final class SoakApplication {

	private SoakApplication() {
	}

	public static void main(String[] args) {
		ConfigurableApplicationContext context = SpringApplication.run(SampleApplication.class, args);
		ServerBinder binder = context.getBean(ServerBinder.class);
		int port = context.getEnvironment().getRequiredProperty("bind.servers.worker-1.port", Integer.class);
		long interval = Long.getLong("soak.rebind-millis", 30_000);
		AtomicInteger generation = new AtomicInteger();
		AtomicReference<BoundServer> member = new AtomicReference<>();
		ScheduledExecutorService rebinder = Executors.newSingleThreadScheduledExecutor();
		rebinder.scheduleWithFixedDelay(() -> {
			try {
				BoundServer previous = member.get();
				if (previous != null) {
					previous.close();
				}
				String name = "rebound-" + generation.incrementAndGet();
				member.set(binder.bind(name, new BindOptions().address("127.0.0.1").port(port).shared(true),
						(request, response) -> response.sendString(Mono.just(name)).then()));
				System.out.println("SOAK rebound " + name);
			}
			catch (RuntimeException ex) {
				System.out.println("SOAK rebind failed: " + ex);
			}
		}, 0, interval, TimeUnit.MILLISECONDS);
		context.addApplicationListener((event) -> {
			if (event instanceof org.springframework.context.event.ContextClosedEvent) {
				rebinder.shutdownNow();
			}
		});
	}

}
