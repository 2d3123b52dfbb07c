package dev.nettybind.benchmarks.runner;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Time to bind 1, 10 and 100 servers from configuration, on the servers' CPU and on both:
 * the application is launched while {@code PortWaiter} polls its ports from the client's
 * CPU.
 */
final class BindBench {

	private static final String STARTER = "dev.nettybind.benchmarks.starter.StarterApp";

	private static final int FIRST_PORT = 19000;

	private static final Pattern TIMING = Pattern.compile(
			"BIND-TIMING.* main-ms=(\\d+) first-bound-ms=(\\d+) last-bound-ms=(\\d+) ready-ms=(\\d+) end$");

	private static final Pattern ACCEPTING = Pattern.compile("^ACCEPTING.* epoch-ms=(\\d+)");

	private final Settings settings;

	private final Launcher launcher;

	private final NoiseGuard guard;

	private final RunLog log;

	BindBench(Settings settings, Launcher launcher, NoiseGuard guard, RunLog log) {
		this.settings = settings;
		this.launcher = launcher;
		this.guard = guard;
		this.log = log;
	}

	List<BindTiming> run() throws IOException, InterruptedException {
		List<BindTiming> timings = new ArrayList<>();
		for (String cpus : List.of(this.settings.serverCpu(), this.settings.bothCpus())) {
			for (int count : List.of(0, 1, 10, 100)) {
				List<Double> mainToAccepting = new ArrayList<>();
				for (int rep = 1; rep <= this.settings.bindRepeats(); rep++) {
					String name = "bind-" + count + "-" + rep;
					BindTiming timing = this.guard.measure("bind " + count + " on CPU " + cpus,
							attempt -> once(cpus, count, name + "-" + attempt + "-" + cpus.replace(',', '+')),
							BindTiming::foreignPct);
					timings.add(timing);
					mainToAccepting.add((double) timing.mainToAccepting());
				}
				this.log.line("   bind %d server(s) on CPU %s: main -> all accepting %.0f ms", count, cpus,
						Stats.median(mainToAccepting));
			}
		}
		return timings;
	}

	/** One timed start of the application with {@code count} servers (0: the starter off). */
	private BindTiming once(String cpus, int count, String name) throws IOException, InterruptedException {
		Process waiter = null;
		Path waiterLog = this.launcher.logs().resolve(name + ".waiter.log");
		if (count > 0) {
			waiter = this.launcher.jvm(name + ".waiter", this.settings.clientCpu(), List.of(), "lean",
					"dev.nettybind.benchmarks.client.PortWaiter",
					List.of(String.valueOf(FIRST_PORT), String.valueOf(count), "60"));
			Launcher.awaitLine(waiterLog, Pattern.compile("^WAITING"), waiter, Duration.ofSeconds(60))
				.orElseThrow(() -> new IllegalStateException("the port waiter did not start: see " + waiterLog));
		}
		try {
			Cpu.Machine m0 = Cpu.machine();
			long w0 = (waiter != null) ? Cpu.of(waiter.pid()) : 0;
			long t0 = System.currentTimeMillis();
			List<String> args = (count > 0) ? List.of("many", String.valueOf(FIRST_PORT), String.valueOf(count))
					: List.of("none");
			Process app = this.launcher.jvm(name, cpus, List.of(), "lean", STARTER, args);
			try {
				Path appLog = this.launcher.logs().resolve(name + ".log");
				Matcher timing = Launcher.awaitLine(appLog, TIMING, app, Duration.ofSeconds(60))
					.orElseThrow(() -> new IllegalStateException("no BIND-TIMING line: see " + appLog));
				long main = Long.parseLong(timing.group(1));
				long first = Long.parseLong(timing.group(2));
				long last = Long.parseLong(timing.group(3));
				long accepted = Long.parseLong(timing.group(4));
				if (waiter != null) {
					Matcher line = Launcher
						.awaitLine(waiterLog, Pattern.compile("^(ACCEPTING|TIMEOUT).*"), waiter, Duration.ofSeconds(60))
						.map(m -> ACCEPTING.matcher(m.group()))
						.filter(Matcher::find)
						.orElseThrow(() -> new IllegalStateException("the ports did not all accept: see " + waiterLog));
					accepted = Long.parseLong(line.group(1));
					int lastPort = FIRST_PORT + count - 1;
					new Http(this.launcher).get("http", lastPort, "/plaintext", Duration.ofSeconds(60))
						.orElseThrow(() -> new IllegalStateException("port " + lastPort + " did not serve"));
				}
				else {
					first = main;
					last = main;
				}
				long busy = Cpu.machine().since(m0);
				long elapsed = Math.max(1, System.currentTimeMillis() - t0);
				long others = busy - Cpu.of(app.pid()) - ((waiter != null) ? Cpu.of(waiter.pid()) - w0 : 0);
				return new BindTiming(cpus, count, main - t0, accepted - main, accepted - t0, last - first,
						Math.max(0, others * 1000.0 / elapsed));
			}
			finally {
				Launcher.stop(app);
			}
		}
		finally {
			if (waiter != null) {
				Launcher.stop(waiter);
			}
		}
	}

}
