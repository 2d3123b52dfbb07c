package dev.nettybind.benchmarks.runner;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The plots' data files and scripts; gnuplot itself is not needed. */
class PlotsTest {

	private final List<Plots.Plot> plots = Plots.of(ResultsFixture.all());

	@Test
	void everyPartMakesItsPlotsInTheReportsOrder() {
		assertEquals(List.of("plaintext-rps", "plaintext-ratio", "plaintext-latency", "bind-time", "tls-handshakes", "webflux-rps",
				"webflux-ratio", "protocols-h2c", "protocols-h2", "protocols-tls13-kept", "protocols-post-1m"),
				this.plots.stream().map(Plots.Plot::name).toList());
	}

	@Test
	void protocolsHaveAPlotPerScenarioWithAColumnPerContender() {
		assertEquals("""
				round	starter, 1 server	Reactor Netty, tuned	Vert.x 5, 1 instance
				1	100000	100000	125000
				2	90000	100000	120000
				3	110000	100000	130000
				""", plot("protocols-h2c").data());
		assertTrue(plot("protocols-post-1m").script().contains("plot for [i=2:3] 'protocols-post-1m.tsv' using 1:i"));
	}

	@Test
	void plaintextThroughputHasARowPerRoundAndAColumnPerContender() {
		assertEquals("""
				round	starter, 1 server	Reactor Netty, defaults	Reactor Netty, tuned	Vert.x 5, 1 instance	starter, shared group of 4	starter, access log on	ordinary app, 1 server	ordinary app, shared group of 4
				1	110000	100000	100000	120000	108000	99000	125000	125000
				2	100000	100000	105000	110000	99000	90000	120000	115200
				3	120000	100000	110000	130000	118000	108000	130000	124800
				""", plot("plaintext-rps").data());
		assertTrue(plot("plaintext-rps").script()
			.contains("plot for [i=2:9] 'plaintext-rps.tsv' using 1:i with linespoints lw 2 lc ((i-2)/1+1)"));
	}

	@Test
	void plaintextRatiosAreToTheSameRoundOfTheBaseline() {
		String data = plot("plaintext-ratio").data();
		assertTrue(data.startsWith("round\tstarter, 1 server\tReactor Netty, defaults\tReactor Netty, tuned\t"), data);
		assertTrue(data.contains("\n1\t1.1\t1\t1\t1.2\t1.08\t0.99\t1.25\t1.25\n"), data);
		assertTrue(data.endsWith("\n3\t1.2\t1\t1.1\t1.3\t1.18\t1.08\t1.3\t1.248\n"), data);
	}

	@Test
	void latencyHasMedianLeastAndMostOfP50AndP99InMsPerContender() {
		String data = plot("plaintext-latency").data();
		assertTrue(data.startsWith(
				"contender\tp50 ms\tp50 least ms\tp50 most ms\tp99 ms\tp99 least ms\tp99 most ms\n"
						+ "starter, 1 server\t0.409\t0.409\t0.409\t1.41\t1.41\t1.41\n"),
				data);
		assertEquals(9, data.lines().count());
		assertTrue(plot("plaintext-latency").script().contains("using 2:3:4:xtic(1) title columnheader(2), "
				+ "'' using 5:6:7 title columnheader(5)"));
	}

	@Test
	void bindHasMediansByServersForEachCpuList() {
		assertEquals("""
				servers	launch → all ports accepting, 1 CPU (0)	main → all ports accepting, 1 CPU (0)	launch → all ports accepting, 2 CPUs (0,1)	main → all ports accepting, 2 CPUs (0,1)
				none	2200	2000	1100	1000
				1	2220	2020	1110	1010
				10	2400	2200	1200	1100
				100	4200	4000	2100	2000
				""", plot("bind-time").data());
		assertTrue(plot("bind-time").script().contains("plot for [i=2:5] 'bind-time.tsv' using 0:i:xtic(1)"));
	}

	@Test
	void tlsHasAColumnPerVariantAndProvider() {
		assertEquals("""
				round	EC P-256, TLS 1.3, OpenSSL	EC P-256, TLS 1.3, JDK
				1	2700	1400
				2	2600	1300
				3	2800	1400
				""", plot("tls-handshakes").data());
	}

	@Test
	void webfluxHasEitherServersRatesAndTheirRatioPerRound() {
		assertTrue(plot("webflux-rps").data()
			.startsWith("round\trouter function only, Boot's server\trouter function only, bind server\t"
					+ "with @OnServer content of another server, Boot's server\t"
					+ "with @OnServer content of another server, bind server\n1\t40000\t42000\t50000\t50000\n"));
		assertEquals("""
				round	router function only	with @OnServer content of another server
				1	1.05	1
				2	1	0.98
				3	0.95	0.96
				""", plot("webflux-ratio").data());
		assertTrue(plot("webflux-ratio").script().contains(", 1 with lines dt 2 lc 'gray40' title 'bind = Boot'\n"));
	}

	@Test
	void everyScriptMakesItsSvgFromItsDataInItsDirectory() {
		for (Plots.Plot plot : this.plots) {
			String script = plot.script();
			assertTrue(script.contains("set terminal svg size 800,400 dynamic noenhanced font 'sans,11'"), script);
			assertTrue(script.contains("set output '" + plot.name() + ".svg'\n"), script);
			assertTrue(script.contains("'" + plot.name() + ".tsv'"), script);
			assertTrue(script.contains("set title '"), script);
			assertTrue(script.contains("set ylabel '"), script);
			assertTrue(script.contains("set key below reverse Left\n"), script);
			assertFalse(script.contains("'/"), () -> "no absolute path in\n" + script);
		}
	}

	@Test
	void missingRoundsAreNaNAndQuotesAreDoubled() {
		Plots.Plot plot = Plots.rounds("x", "it's", "req/s", Map.of("a", List.of(1.0, 2.5), "b", List.of(3.0)), 1,
				"");
		assertTrue(plot.data().endsWith("2\t2.5\tNaN\n") || plot.data().endsWith("2\tNaN\t2.5\n"), plot.data());
		assertTrue(plot.script().contains("set title 'it''s'\n"), plot.script());
	}

	@Test
	void filesAreWrittenUnderTheirNames(@TempDir Path dir) throws Exception {
		Files.writeString(dir.resolve("bind-time.svg"), "of an earlier run");
		Plots.files(this.plots, dir);
		for (Plots.Plot plot : this.plots) {
			assertEquals(plot.data(), Files.readString(dir.resolve(plot.name() + ".tsv")));
			assertEquals(plot.script(), Files.readString(dir.resolve(plot.name() + ".gp")));
		}
		assertFalse(Files.exists(dir.resolve("bind-time.svg")));
	}

	@Test
	void partsNotInTheResultsMakeNoPlots() {
		Results results = ResultsFixture.all().withPlaintext(null).withTls(null).withWebFlux(null).withProtocols(null);
		assertEquals(List.of("bind-time"), Plots.of(results).stream().map(Plots.Plot::name).toList());
		assertEquals(List.of(), Plots.of(results.withBind(null)));
		assertEquals("", Plots.markdown(Plots.of(results.withBind(null)), "plots/"));
	}

	@Test
	void partsWithoutRoundsOrSeriesMakeNoPlots() {
		Results results = ResultsFixture.all();
		Results.WebFlux noRounds = new Results.WebFlux(List.of(new Results.WebFluxVariant("plain", "plain", List.of(),
				List.of())));
		Results empty = results.withTls(new Results.Tls(results.tls().engines(), List.of()))
			.withWebFlux(noRounds)
			.withProtocols(new Results.Protocols(results.protocols().engines(), List.of()));
		assertEquals(List.of("plaintext-rps", "plaintext-ratio", "plaintext-latency", "bind-time"),
				Plots.of(empty).stream().map(Plots.Plot::name).toList());
	}

	@Test
	void reportLinksThePlotsUnderThePrefix() {
		String report = MarkdownReport.render(ResultsFixture.all());
		assertTrue(report.contains("## Plots\n"), report);
		assertTrue(report.contains("![Plaintext: requests per second of each contender per round]"
				+ "(plots/plaintext-rps.svg)\n"), report);
		assertTrue(report.indexOf("## Plots") < report.indexOf("## Targets"), report);
		String docs = MarkdownReport.render(ResultsFixture.all(), "benchmarks/");
		assertTrue(docs.contains("(benchmarks/webflux-ratio.svg)\n"), docs);
		assertFalse(MarkdownReport.render(ResultsFixture.all(), null).contains("## Plots"));
	}

	private Plots.Plot plot(String name) {
		return this.plots.stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
	}

}
