package dev.nettybind.benchmarks.runner;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * The per-round plots of a run, from its results alone: for each plot a tab-separated data
 * file ({@code <name>.tsv}, a header row then one row per round or category) and a gnuplot
 * script ({@code <name>.gp}) that makes {@code <name>.svg} from it, run in that directory
 * ({@code gnuplot -d <name>.gp}). A part not in the results (null) makes no plot.
 * <p>
 * One method per part; a new part adds its method and a line in {@link #of(Results)},
 * and most of its plots are {@link #rounds} of some series.
 */
final class Plots {

	/** The directory of the plots, next to {@code results.json} and {@code summary.md}. */
	static final String DIR = "plots";

	private static final String TERMINAL = "set terminal svg size 800,400 dynamic noenhanced font 'sans,11' "
			+ "background '#ffffff'";

	/** Colours told apart also by the colour-blind (Okabe and Ito), then black and grey. */
	private static final String PALETTE = "set linetype 1 lc rgb '#0072b2'\nset linetype 2 lc rgb '#d55e00'\n"
			+ "set linetype 3 lc rgb '#009e73'\nset linetype 4 lc rgb '#cc79a7'\nset linetype 5 lc rgb '#e69f00'\n"
			+ "set linetype 6 lc rgb '#56b4e9'\nset linetype 7 lc rgb '#000000'\nset linetype 8 lc rgb '#999999'\n"
			+ "set linetype cycle 8\n";

	private static final long GNUPLOT_SECONDS = 60;

	private Plots() {
	}

	/**
	 * A plot.
	 *
	 * @param name the base name of its files
	 * @param title its title, also the image's text in the report
	 * @param data the data file's text
	 * @param script the gnuplot script's text
	 */
	record Plot(String name, String title, String data, String script) {

		String svg() {
			return this.name + ".svg";
		}

	}

	/** The plots of the parts in the results, in the report's order. */
	static List<Plot> of(Results results) {
		List<Plot> plots = new ArrayList<>();
		if (results.plaintext() != null) {
			plots.addAll(plaintext(results.plaintext()));
		}
		if (results.bind() != null && !results.bind().isEmpty()) {
			plots.addAll(bind(results.bind(), results.run().settings()));
		}
		if (results.tls() != null) {
			plots.addAll(tls(results.tls()));
		}
		if (results.webflux() != null) {
			plots.addAll(webflux(results.webflux()));
		}
		if (results.protocols() != null) {
			plots.addAll(protocols(results.protocols()));
		}
		// Nor does one with no rounds (or no series): a data file of its header alone.
		plots.removeIf(p -> p.data().lines().count() < 2);
		return plots;
	}

	private static List<Plot> plaintext(Results.Plaintext p) {
		Map<String, List<Double>> rps = new LinkedHashMap<>();
		for (Results.ContenderRounds c : p.contenders()) {
			rps.put(c.label(), c.values(PlaintextRound::rps));
		}
		Plot throughput = rounds("plaintext-rps", "Plaintext: requests per second of each contender per round", "req/s",
				rps, 1, "");
		// The ratios of the report's "per round" column: to the same round of the baseline.
		List<Double> base = p.of(Contender.BASELINE).values(PlaintextRound::rps);
		Map<String, List<Double>> ratios = new LinkedHashMap<>();
		rps.forEach((label, values) -> ratios.put(label, ratios(values, base)));
		Plot ratio = rounds("plaintext-ratio", "Plaintext: requests per second of each contender / Reactor Netty "
				+ "(defaults), per round", "ratio to RN defaults, same round", ratios, 1, "");
		// Per contender, the median and the least and most of its rounds, of p50 and p99.
		List<List<String>> rows = new ArrayList<>();
		for (Results.ContenderRounds c : p.contenders()) {
			List<String> row = new ArrayList<>(List.of(c.label()));
			for (ToDoubleFunction<PlaintextRound> latency : List.<ToDoubleFunction<PlaintextRound>>of(
					PlaintextRound::p50Micros, PlaintextRound::p99Micros)) {
				List<Double> ms = c.rounds().stream().map(r -> latency.applyAsDouble(r) / 1000).toList();
				row.addAll(List.of(number(Stats.median(ms)), number(Stats.min(ms)), number(Stats.max(ms))));
			}
			rows.add(row);
		}
		String name = "plaintext-latency";
		String script = header(name, "Plaintext: latency percentiles of each contender (bars: median of the rounds, "
				+ "whiskers: least..most)", "", "latency, ms")
				+ "set style data histograms\n"
				+ "set style histogram errorbars gap 2 lw 1\n"
				+ "set style fill solid 0.7 border -1\n"
				+ "set boxwidth 0.9\n"
				+ "set xtics rotate by 15 right nomirror scale 0\n"
				+ "set yrange [0:*]\n"
				+ "plot '" + name + ".tsv' using 2:3:4:xtic(1) title columnheader(2), '' using 5:6:7 title columnheader(5)\n";
		Plot latency = new Plot(name, "Plaintext: latency percentiles of each contender",
				tsv(List.of("contender", "p50 ms", "p50 least ms", "p50 most ms", "p99 ms", "p99 least ms",
						"p99 most ms"), rows),
				script);
		return base.isEmpty() ? List.of(throughput, latency) : List.of(throughput, ratio, latency);
	}

	private static List<Plot> bind(List<BindTiming> bind, Settings settings) {
		List<String> cpuLists = bind.stream().map(BindTiming::cpus).distinct().toList();
		List<Integer> counts = bind.stream().map(BindTiming::servers).distinct().sorted().toList();
		List<String> header = new ArrayList<>(List.of("servers"));
		for (String cpus : cpuLists) {
			int n = cpus.split(",").length;
			String on = ", " + n + ((n == 1) ? " CPU (" : " CPUs (") + cpus + ")";
			header.add("launch → all ports accepting" + on);
			header.add("main → all ports accepting" + on);
		}
		List<List<String>> rows = new ArrayList<>();
		for (int n : counts) {
			List<String> row = new ArrayList<>(List.of((n == 0) ? "none" : String.valueOf(n)));
			for (String cpus : cpuLists) {
				List<BindTiming> t = bind.stream().filter(b -> b.cpus().equals(cpus) && b.servers() == n).toList();
				row.add(t.isEmpty() ? "NaN" : number(median(t, BindTiming::launchToAccepting)));
				row.add(t.isEmpty() ? "NaN" : number(median(t, BindTiming::mainToAccepting)));
			}
			rows.add(row);
		}
		String name = "bind-time";
		String script = header(name, "Time to bind from configuration, by number of servers (median of "
				+ settings.bindRepeats() + ")", "servers bound (none: the starter off)", "ms")
				+ "set xrange [-0.25:" + (counts.size() - 0.75) + "]\n"
				+ "set yrange [0:*]\n"
				+ "plot for [i=2:" + header.size() + "] '" + name + ".tsv' using 0:i:xtic(1)" + lines(2)
				+ " title columnheader(i)\n";
		return List.of(new Plot(name, "Time to bind from configuration, by number of servers", tsv(header, rows),
				script));
	}

	private static List<Plot> tls(Results.Tls tls) {
		Map<String, List<Double>> rates = new LinkedHashMap<>();
		for (Results.TlsVariant v : tls.variants()) {
			rates.put(v.label() + ", OpenSSL", v.openssl().values(TlsRound::rate));
			rates.put(v.label() + ", JDK", v.jdk().values(TlsRound::rate));
		}
		return List.of(rounds("tls-handshakes", "TLS: full handshakes per second of each provider per round",
				"handshakes/s", rates, 2, ""));
	}

	private static List<Plot> webflux(Results.WebFlux webflux) {
		Map<String, List<Double>> rps = new LinkedHashMap<>();
		Map<String, List<Double>> ratios = new LinkedHashMap<>();
		for (Results.WebFluxVariant v : webflux.variants()) {
			List<Double> boot = Results.WebFluxVariant.rps(v.boot());
			List<Double> bind = Results.WebFluxVariant.rps(v.bind());
			rps.put(v.label() + ", Boot's server", boot);
			rps.put(v.label() + ", bind server", bind);
			ratios.put(v.label(), ratios(bind, boot));
		}
		return List.of(
				rounds("webflux-rps", "WebFlux: requests per second on either server per round", "req/s", rps, 2, ""),
				rounds("webflux-ratio", "WebFlux: bind server / Boot's server, requests per second per round",
						"bind / Boot (ratio of req/s)", ratios, 1, ", 1 with lines dt 2 lc 'gray40' title 'bind = Boot'"));
	}

	private static List<Plot> protocols(Results.Protocols protocols) {
		List<Plot> plots = new ArrayList<>();
		for (Results.Scenario scenario : protocols.scenarios()) {
			Map<String, List<Double>> rps = new LinkedHashMap<>();
			for (Results.LoadRounds contender : scenario.contenders()) {
				rps.put(contender.label(), contender.values(LoadRound::rps));
			}
			plots.add(rounds("protocols-" + scenario.id(),
					"Protocols, " + scenario.label() + ": requests per second of each contender per round", "req/s", rps,
					1, ""));
		}
		return plots;
	}

	/**
	 * A line with points per series over the rounds. Each {@code group} consecutive
	 * series share a colour, told apart by their dashes and points (such as the two
	 * providers of a TLS variant); {@code more} is added to the plot command (such as a
	 * reference line).
	 */
	static Plot rounds(String name, String title, String ylabel, Map<String, List<Double>> series, int group,
			String more) {
		int rounds = series.values().stream().mapToInt(List::size).max().orElse(0);
		List<String> header = new ArrayList<>(List.of("round"));
		header.addAll(series.keySet());
		List<List<String>> rows = new ArrayList<>();
		for (int i = 0; i < rounds; i++) {
			List<String> row = new ArrayList<>(List.of(String.valueOf(i + 1)));
			for (List<Double> values : series.values()) {
				row.add((i < values.size()) ? number(values.get(i)) : "NaN");
			}
			rows.add(row);
		}
		String script = header(name, title, "kept round", ylabel)
				+ "set xrange [0.5:" + (rounds + 0.5) + "]\n"
				+ "set xtics 1\n"
				+ "set offsets 0, 0, graph 0.05, graph 0.05\n"
				+ "plot for [i=2:" + header.size() + "] '" + name + ".tsv' using 1:i" + lines(group)
				+ " title columnheader(i)" + more + "\n";
		return new Plot(name, title, tsv(header, rows), script);
	}

	/** Lines with points of column i, a colour per {@code group} columns from column 2. */
	private static String lines(int group) {
		// Not "dt (...)": a parenthesis after dt starts a dash pattern.
		return String.format(Locale.ROOT,
				" with linespoints lw 2 lc ((i-2)/%d+1) dt 1+(i-2)%%%d pt ((i-2)%%%d ? 5 : 7)", group, group, group);
	}

	/** {@code a[i] / b[i]} over the rounds both have; NaN where {@code b[i]} is 0. */
	private static List<Double> ratios(List<Double> a, List<Double> b) {
		List<Double> ratios = new ArrayList<>();
		for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
			ratios.add((b.get(i) > 0) ? a.get(i) / b.get(i) : Double.NaN);
		}
		return ratios;
	}

	/** The lines every script starts with. */
	private static String header(String name, String title, String xlabel, String ylabel) {
		return "# " + title + "\n"
				+ "# Written by the benchmarks' runner (Plots.java) from results.json; gnuplot -d " + name + ".gp\n"
				+ TERMINAL + "\n"
				+ "set encoding utf8\n"
				+ "set output '" + name + ".svg'\n"
				+ "set datafile separator '\\t'\n"
				+ "set datafile missing 'NaN'\n"
				+ "set title " + quote(title) + "\n"
				+ "set xlabel " + quote(xlabel) + "\n"
				+ "set ylabel " + quote(ylabel) + "\n"
				+ PALETTE
				+ "set grid ytics\n"
				+ "set key below reverse Left\n";
	}

	/** The report's section of images, their paths {@code prefix} + the SVG's name. */
	static String markdown(List<Plot> plots, String prefix) {
		if (plots.isEmpty()) {
			return "";
		}
		StringBuilder out = new StringBuilder("## Plots\n\n");
		out.append("Made by gnuplot from the run's results.json; `benchmarks/run.sh --render results.json` makes them "
				+ "again, in `" + DIR + "/` next to it.\n\n");
		for (Plot plot : plots) {
			out.append("![").append(plot.title()).append("](").append(prefix).append(plot.svg()).append(")\n\n");
		}
		return out.toString();
	}

	/**
	 * Writes the data files and scripts of the results' plots into {@code dir}, then runs
	 * gnuplot on each script there; a missing gnuplot or a failed plot is said in a line
	 * on standard error, and the rest goes on.
	 */
	static void write(Results results, Path dir) {
		List<Plot> plots = of(results);
		if (plots.isEmpty()) {
			return;
		}
		try {
			files(plots, dir);
		}
		catch (IOException ex) {
			System.err.println("plots: could not write into " + dir + ": " + ex);
			return;
		}
		int made = 0;
		for (Plot plot : plots) {
			Boolean svg = gnuplot(dir, plot);
			if (svg == null) {
				return;
			}
			made += svg ? 1 : 0;
		}
		System.err.println("plots: " + made + " of " + plots.size() + " SVGs made in " + dir);
	}

	/** Writes the data files and scripts, and removes the SVGs made of earlier ones. */
	static void files(List<Plot> plots, Path dir) throws IOException {
		Files.createDirectories(dir);
		for (Plot plot : plots) {
			Files.writeString(dir.resolve(plot.name() + ".tsv"), plot.data());
			Files.writeString(dir.resolve(plot.name() + ".gp"), plot.script());
			Files.deleteIfExists(dir.resolve(plot.svg()));
		}
	}

	/**
	 * Runs gnuplot on a plot's script: whether it made the SVG (a failed one is removed),
	 * or null if gnuplot is not there.
	 */
	private static Boolean gnuplot(Path dir, Plot plot) {
		Process process;
		try {
			process = new ProcessBuilder("gnuplot", "-d", plot.name() + ".gp").directory(dir.toFile())
				.redirectErrorStream(true)
				.start();
		}
		catch (IOException ex) {
			System.err.println("plots: no gnuplot (apt-get install gnuplot-nox): wrote the data and scripts in " + dir
					+ ", no SVGs");
			return null;
		}
		Path svg = dir.resolve(plot.svg());
		try {
			// Its few lines of messages, read before waiting: the pipe cannot fill up.
			String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			if (!process.waitFor(GNUPLOT_SECONDS, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				System.err.println("plots: gnuplot " + plot.name() + ".gp took over " + GNUPLOT_SECONDS + " s");
			}
			else if (process.exitValue() == 0 && Files.exists(svg) && Files.size(svg) > 0) {
				return true;
			}
			else {
				System.err.println("plots: gnuplot " + plot.name() + ".gp failed: "
						+ output.strip().replaceAll("\\s*\n\\s*", " / "));
			}
			Files.deleteIfExists(svg);
		}
		catch (IOException ex) {
			System.err.println("plots: gnuplot " + plot.name() + ".gp: " + ex);
		}
		catch (InterruptedException ex) {
			process.destroyForcibly();
			Thread.currentThread().interrupt();
		}
		return false;
	}

	private static String tsv(List<String> header, List<List<String>> rows) {
		StringBuilder out = new StringBuilder();
		out.append(String.join("\t", header.stream().map(Plots::cell).toList())).append('\n');
		for (List<String> row : rows) {
			out.append(String.join("\t", row.stream().map(Plots::cell).toList())).append('\n');
		}
		return out.toString();
	}

	/** A cell of a data file: no tab or line break in it. */
	private static String cell(String text) {
		return text.replaceAll("[\\t\\r\\n]+", " ");
	}

	/** A gnuplot string in single quotes, in which a quote is doubled. */
	private static String quote(String text) {
		return "'" + text.replace("'", "''") + "'";
	}

	/** At most 4 decimals, without trailing zeros; NaN for a missing value. */
	static String number(double value) {
		if (!Double.isFinite(value)) {
			return "NaN";
		}
		return new BigDecimal(value).setScale(4, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
	}

	private static double median(List<BindTiming> timings, ToDoubleFunction<BindTiming> value) {
		return Stats.median(timings.stream().map(value::applyAsDouble).toList());
	}

}
