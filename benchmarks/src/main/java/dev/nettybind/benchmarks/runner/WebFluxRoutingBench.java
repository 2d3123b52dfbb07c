package dev.nettybind.benchmarks.runner;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * One WebFlux application ({@code routing.WebFluxRoutingApp}) serving the same router
 * function on a bind server and on Spring Boot's own server, in one JVM: the two servers
 * take turns under the same load, so that the ratio of a round compares them with the
 * same JIT state, heap and CPU. Measured without, then with, content confined to another
 * server by {@code @OnServer}.
 */
final class WebFluxRoutingBench {

	private static final int BOOT_PORT = 18141;

	private static final int BIND_PORT = 18142;

	private static final String MAIN = "dev.nettybind.benchmarks.routing.WebFluxRoutingApp";

	private final Settings settings;

	private final Launcher launcher;

	private final NoiseGuard guard;

	private final RunLog log;

	private final WrkLoad wrk;

	WebFluxRoutingBench(Settings settings, Launcher launcher, NoiseGuard guard, RunLog log) {
		this.settings = settings;
		this.launcher = launcher;
		this.guard = guard;
		this.log = log;
		this.wrk = new WrkLoad(settings, launcher);
	}

	Results.WebFlux run() throws IOException, InterruptedException {
		return new Results.WebFlux(List.of(variant("plain", "router function only", List.of()),
				variant("on-server-routes", "with @OnServer content of another server",
						List.of("on-server-routes"))));
	}

	private Results.WebFluxVariant variant(String id, String label, List<String> extra)
			throws IOException, InterruptedException {
		Http.requireClosed(BOOT_PORT);
		Http.requireClosed(BIND_PORT);
		List<String> args = new ArrayList<>(List.of(String.valueOf(BOOT_PORT), String.valueOf(BIND_PORT)));
		args.addAll(extra);
		String name = "webflux-" + id;
		this.log.line("WebFlux routing, %s: one application, Boot's server on %d, bind server on %d", label, BOOT_PORT,
				BIND_PORT);
		Process app = this.launcher.jvm(name, this.settings.serverCpu(), this.settings.serverJvmOptions(), "peers",
				MAIN, args);
		try {
			Http http = new Http(this.launcher);
			for (int port : List.of(BOOT_PORT, BIND_PORT)) {
				http.await("http", port, app, this.launcher.logs().resolve(name + ".log"), Duration.ofSeconds(180));
			}
			// The JIT compiles the code both servers share: half of the warm-up on each.
			this.log.line("   warm-up: %d s, half on each server", this.settings.webfluxWarmup());
			int half = Math.max(1, this.settings.webfluxWarmup() / 2);
			this.wrk.run(app.pid(), BOOT_PORT, half, name + ".boot.warmup");
			this.wrk.run(app.pid(), BIND_PORT, half, name + ".bind.warmup");
			List<PlaintextRound> boot = new ArrayList<>();
			List<PlaintextRound> bind = new ArrayList<>();
			for (int round = 1; round <= this.settings.webfluxRounds(); round++) {
				// Alternated: the server that goes first swaps every round.
				boolean bootFirst = round % 2 == 1;
				PlaintextRound first = measure(app, bootFirst ? BOOT_PORT : BIND_PORT, name, round);
				PlaintextRound second = measure(app, bootFirst ? BIND_PORT : BOOT_PORT, name, round);
				PlaintextRound onBoot = bootFirst ? first : second;
				PlaintextRound onBind = bootFirst ? second : first;
				boot.add(onBoot);
				bind.add(onBind);
				this.log.line("   round %d/%d: Boot %8.0f req/s, bind %8.0f req/s, bind/Boot %.3f", round,
						this.settings.webfluxRounds(), onBoot.rps(), onBind.rps(), onBind.rps() / onBoot.rps());
			}
			return new Results.WebFluxVariant(id, label, boot, bind);
		}
		finally {
			Launcher.stop(app);
		}
	}

	private PlaintextRound measure(Process app, int port, String name, int round)
			throws IOException, InterruptedException {
		String server = (port == BOOT_PORT) ? "boot" : "bind";
		return this.guard.measure(name + " " + server,
				attempt -> this.wrk.run(app.pid(), port, this.settings.duration(), name + "." + server + ".round" + round),
				PlaintextRound::foreignPct);
	}

}
