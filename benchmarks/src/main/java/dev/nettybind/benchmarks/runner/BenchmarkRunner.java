package dev.nettybind.benchmarks.runner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs the benchmarks that benchmarks/run.sh built, or renders the tables of an earlier
 * run:
 *
 * <pre>
 * BenchmarkRunner quick|full --home &lt;benchmarks dir&gt; --out &lt;run dir&gt;
 *     [--only bind,plaintext,tls,webflux,protocols]
 * BenchmarkRunner --render &lt;results.json&gt; [--plot-dir DIR] [--plot-prefix PREFIX]
 * </pre>
 *
 * A run writes {@code results.json} into its directory after each part, and at the end
 * the Markdown report ({@code summary.md}, also printed) and the plots ({@code plots/}, see
 * {@link Plots}). {@code --render} writes the plots into {@code plots/} next to the
 * results (or {@code --plot-dir}), and its report links them as {@code plots/} (or
 * {@code --plot-prefix}, such as {@code benchmarks/} from docs/). The environment gives
 * {@code JAVA} (the servers' java), {@code SERVER_CPU}, {@code CLIENT_CPU}, the
 * {@code BENCH_*} overrides of the mode's seconds and rounds, {@code BENCH_STARTER_STATE}
 * (the commit built) and {@code BENCH_STARTED} (when run.sh started, in epoch seconds).
 */
public final class BenchmarkRunner {

	// The pinning is in the report's own row: run.sh always sets SERVER_CPU and CLIENT_CPU.
	private static final List<String> RECORDED_ENVIRONMENT = List.of("ONLY", "SKIP_BUILD", "BENCH_WARMUP",
			"BENCH_DURATION", "BENCH_ROUNDS", "BENCH_TLS_WARMUP", "BENCH_TLS_WARMUP_MAX", "BENCH_TLS_DURATION",
			"BENCH_TLS_ROUNDS", "BENCH_WEBFLUX_WARMUP", "BENCH_WEBFLUX_ROUNDS", "BENCH_PROTOCOLS_WARMUP",
			"BENCH_PROTOCOLS_DURATION", "BENCH_PROTOCOLS_ROUNDS");

	private BenchmarkRunner() {
	}

	/** Runs or renders, as the arguments say. */
	public static void main(String[] args) throws IOException, InterruptedException {
		try {
			if (args.length >= 2 && args[0].equals("--render")) {
				Results results = ResultsJson.read(Path.of(args[1]));
				Plots.write(results, Path.of(option(args, "--plot-dir",
						Path.of(args[1]).toAbsolutePath().resolveSibling(Plots.DIR).toString())));
				System.out.print(MarkdownReport.render(results, option(args, "--plot-prefix", Plots.DIR + "/")));
				return;
			}
			run(args);
		}
		catch (IllegalArgumentException ex) {
			System.err.println(ex.getMessage());
			System.exit(2);
		}
		catch (IllegalStateException ex) {
			System.err.println(ex.getMessage());
			System.exit(1);
		}
	}

	private static void run(String[] args) throws IOException, InterruptedException {
		if (args.length == 0) {
			throw new IllegalArgumentException("usage: BenchmarkRunner quick|full --home DIR --out DIR [--only PARTS]"
					+ " | --render results.json");
		}
		Path home = Path.of(option(args, "--home", null)).toAbsolutePath();
		Path out = Path.of(option(args, "--out", null)).toAbsolutePath();
		Map<String, String> env = System.getenv();
		Settings settings = Settings.of(args[0], option(args, "--only", String.join(",", Settings.PARTS)), env);
		Files.createDirectories(out);
		Launcher launcher = new Launcher(home, out, env.getOrDefault("JAVA", "java"));
		// However the run ends (an error, Ctrl-C, a TERM), no JVM it started outlives it,
		// nor the throw-away private keys of the TLS and protocols parts.
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			launcher.close();
			try {
				Files.deleteIfExists(TlsBench.keyStore(out));
			}
			catch (IOException ex) {
				System.err.println("could not delete " + TlsBench.keyStore(out) + ": " + ex);
			}
		}));
		// The time budget counts from run.sh's start, as the build is part of the run.
		String started = env.get("BENCH_STARTED");
		RunLog log = new RunLog((started != null) ? 1000 * Long.parseLong(started) : System.currentTimeMillis());
		NoiseGuard guard = new NoiseGuard(settings, log);
		MachineInfo machine = new MachineInfo(launcher);
		Results results = new Results(new Results.RunInfo(
				ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")),
				command(settings, env), env.getOrDefault("BENCH_STARTER_STATE", "unknown"), machine.machine(),
				machine.java(), machine.versions(settings), relative(home.getParent(), out), 0, settings), null, null,
				null, null);
		Path json = out.resolve("results.json");
		ResultsJson.write(results, json);
		log.line("logs in %s (parts: %s)", out, String.join(",", settings.only()));
		if (settings.runs("bind")) {
			log.line("time to bind 1, 10, 100 servers");
			results = results.withBind(new BindBench(settings, launcher, guard, log).run());
			ResultsJson.write(results, json);
		}
		if (settings.runs("plaintext")) {
			results = results.withPlaintext(new PlaintextBench(settings, launcher, guard, log).run());
			ResultsJson.write(results, json);
		}
		if (settings.runs("tls")) {
			results = results.withTls(new TlsBench(settings, launcher, guard, log).run());
			ResultsJson.write(results, json);
		}
		if (settings.runs("webflux")) {
			results = results.withWebFlux(new WebFluxRoutingBench(settings, launcher, guard, log).run());
			ResultsJson.write(results, json);
		}
		if (settings.runs("protocols")) {
			results = results.withProtocols(new ProtocolsBench(settings, launcher, guard, log).run());
			ResultsJson.write(results, json);
		}
		results = results.withSeconds(log.seconds());
		ResultsJson.write(results, json);
		String report = MarkdownReport.render(results);
		Files.writeString(out.resolve("summary.md"), report);
		Plots.write(results, out.resolve(Plots.DIR));
		System.out.println();
		System.out.print(report);
		log.line("results in %s; tables again with: benchmarks/run.sh --render %s", relative(home.getParent(), json),
				relative(home.getParent(), json));
	}

	/** The command line as typed, with the environment that changed what it measured. */
	private static String command(Settings settings, Map<String, String> env) {
		List<String> words = new ArrayList<>();
		for (String name : RECORDED_ENVIRONMENT) {
			if (env.containsKey(name) && !env.get(name).isEmpty()) {
				words.add(name + "=" + env.get(name));
			}
		}
		words.add("benchmarks/run.sh");
		words.add(settings.mode());
		return String.join(" ", words);
	}

	private static String relative(Path root, Path path) {
		return path.startsWith(root) ? root.relativize(path).toString() : path.toString();
	}

	private static String option(String[] args, String name, String fallback) {
		for (int i = 1; i < args.length - 1; i++) {
			if (args[i].equals(name)) {
				return args[i + 1];
			}
		}
		if (fallback == null) {
			throw new IllegalArgumentException("missing " + name);
		}
		return fallback;
	}

}
