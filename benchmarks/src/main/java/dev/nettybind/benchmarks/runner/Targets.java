package dev.nettybind.benchmarks.runner;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalDouble;

/**
 * The targets of the benchmarks, checked against a run's results. A value is compared as
 * shown, rounded to two decimals; a target whose part was not run, or whose value could
 * not be measured, is "NOT MEASURED".
 */
final class Targets {

	private Targets() {
	}

	/**
	 * @param label what is compared
	 * @param value the measured value, as shown ({@code n/a} if not measured)
	 * @param op {@code >=}, {@code <=} or {@code <}
	 * @param limit the target
	 * @param perRound the median of the per-round ratios, or empty
	 * @param verdict {@code met}, {@code MISSED} or {@code NOT MEASURED}
	 * @param note why not measured, or what else to know
	 */
	record Target(String label, String value, String op, String limit, String perRound, String verdict,
			String note) {

	}

	static List<Target> of(Results results) {
		Settings s = results.run().settings();
		List<Target> targets = new ArrayList<>();
		Results.Plaintext p = results.plaintext();
		String skipped = s.missing("plaintext");
		targets.add(ratio(p, "starter / Vert.x 5 single instance", "starter", "vertx-1", "1.00", skipped));
		targets.add(ratio(p, "starter / bare Reactor Netty (defaults)", "starter", Contender.BASELINE, "1.30", skipped));
		targets.add(ratio(p, "starter / bare Reactor Netty (tuned)", "starter", "rn-tuned", "0.97", skipped));
		targets.add(ratio(p, "shared group of " + s.sharedMembers() + " / single server", Contender.SHARED, "starter",
				"0.95", skipped));
		targets.add(ratio(p, "starter with / without its access log", Contender.ACCESS_LOG, "starter", "0.80", skipped));
		// Issue 17, items 1 and 2, in an ordinary application (WebFlux and the Actuator, Boot's
		// own server up, metrics export off).
		targets.add(ratio(p, "17.1 ordinary application starter / Vert.x 5 single instance", Contender.ORDINARY,
				"vertx-1", "1.00", skipped));
		targets.add(perRound(p, "17.2 ordinary application shared group of " + s.sharedMembers()
				+ " / one server, per round", Contender.ORDINARY_SHARED, Contender.ORDINARY, "0.98", skipped));
		String fairness = "fairness max/min over " + s.churnConnections() + " connections";
		targets.add((p == null) ? target(fairness, OptionalDouble.empty(), "<=", "1.10", "", skipped)
				: target(fairness, p.fairness().maxOverMin(), "<=", "1.10", "", ""));
		bind(targets, results.bind(), "1 CPU", s.serverCpu(), s.missing("bind"));
		bind(targets, results.bind(), "2 CPUs", s.bothCpus(), s.missing("bind"));
		targets.add(tls(results.tls(), s.missing("tls")));
		webflux(targets, results.webflux(), s.missing("webflux"));
		protocols(targets, results.protocols(), s.missing("protocols"));
		return targets;
	}

	/**
	 * The starter against a peer under one load of the protocols part, by the ratio of the
	 * medians, the median of the per-round ratios beside it. Over TLS, every kept round must
	 * have negotiated TLS 1.3, and both servers must have used OpenSSL.
	 */
	private static void protocols(List<Target> targets, Results.Protocols protocols, String skipped) {
		targets.add(scenario(protocols, "h2c", "HTTP/2 h2c: starter / bare Reactor Netty (tuned)", "rn-tuned",
				skipped));
		targets.add(scenario(protocols, "h2", "HTTP/2 h2 (TLS): starter / bare Reactor Netty (tuned)", "rn-tuned",
				skipped));
		targets.add(scenario(protocols, "tls13-kept", "TLS 1.3 kept connections: starter / Vert.x 5, both OpenSSL",
				"vertx-1", skipped));
	}

	private static Target scenario(Results.Protocols protocols, String id, String label, String peer,
			String skipped) {
		Results.Scenario scenario = (protocols != null) ? protocols.of(id) : null;
		if (scenario == null) {
			return target(label, OptionalDouble.empty(), ">=", "1.00", "", (protocols != null) ? id + " not run" : skipped);
		}
		List<Results.LoadRounds> compared = List.of(scenario.of("starter"), scenario.of(peer));
		if (id.startsWith("tls13")) {
			boolean tls13 = compared.stream().allMatch(c -> c.rounds().stream().allMatch(r -> r.protocol().equals("TLSv1.3")));
			if (!tls13) {
				return target(label, OptionalDouble.empty(), ">=", "1.00", "", "not every round negotiated TLS 1.3");
			}
			for (String contender : List.of("starter", peer)) {
				String engines = protocols.engines().getOrDefault(contender, "");
				if (!engines.contains("OpenSslEngine")) {
					return target(label, OptionalDouble.empty(), ">=", "1.00", "",
							contender + " did not use OpenSSL: " + engines);
				}
			}
		}
		long errors = compared.stream().flatMap(c -> c.rounds().stream()).mapToLong(LoadRound::errors).sum();
		return target(label, scenario.ofMedians("starter", peer), ">=", "1.00",
				format(scenario.perRound("starter", peer)), (errors > 0) ? errors + " errors" : "");
	}

	/**
	 * Bind server over Boot's own server, one application: the verdict is on the median of
	 * the per-round ratios, as both servers of a round share the JVM's state.
	 */
	private static void webflux(List<Target> targets, Results.WebFlux webflux, String skipped) {
		for (String id : List.of("plain", "on-server-routes")) {
			String label = "WebFlux, bind server / Boot's server, per round (" + id + ")";
			Results.WebFluxVariant v = (webflux != null) ? webflux.variants()
				.stream()
				.filter(variant -> variant.id().equals(id))
				.findFirst()
				.orElse(null) : null;
			if (v == null) {
				targets.add(target(label, OptionalDouble.empty(), ">=", "1.00", "", skipped));
				continue;
			}
			targets.add(target(label, v.perRound(), ">=", "1.00", format(v.perRound()),
					"ratio of the medians " + format(v.ofMedians())));
		}
	}

	private static Target ratio(Results.Plaintext p, String label, String a, String b, String limit, String skipped) {
		if (p == null) {
			return target(label, OptionalDouble.empty(), ">=", limit, "", skipped);
		}
		Results.ContenderRounds ra = p.of(a);
		Results.ContenderRounds rb = p.of(b);
		if (ra.rounds().isEmpty() || rb.rounds().isEmpty()) {
			return target(label, OptionalDouble.empty(), ">=", limit, "", notRun(ra, rb));
		}
		OptionalDouble perRound = Stats.medianOfRatios(ra.values(PlaintextRound::rps), rb.values(PlaintextRound::rps));
		return target(label, Stats.ratio(ra.medianRps(), rb.medianRps()), ">=", limit, format(perRound), "");
	}

	/**
	 * The same ratio with the verdict on the median of the per-round ratios, the note giving
	 * the ratio of the medians.
	 */
	private static Target perRound(Results.Plaintext p, String label, String a, String b, String limit,
			String skipped) {
		if (p == null) {
			return target(label, OptionalDouble.empty(), ">=", limit, "", skipped);
		}
		Results.ContenderRounds ra = p.of(a);
		Results.ContenderRounds rb = p.of(b);
		if (ra.rounds().isEmpty() || rb.rounds().isEmpty()) {
			return target(label, OptionalDouble.empty(), ">=", limit, "", notRun(ra, rb));
		}
		OptionalDouble perRound = Stats.medianOfRatios(ra.values(PlaintextRound::rps), rb.values(PlaintextRound::rps));
		return target(label, perRound, ">=", limit, format(perRound),
				"ratio of the medians " + format(Stats.ratio(ra.medianRps(), rb.medianRps())));
	}

	/** Which of two contenders has no rounds (a run from before it existed). */
	private static String notRun(Results.ContenderRounds a, Results.ContenderRounds b) {
		return (a.rounds().isEmpty() ? a.id() : b.id()) + " has no rounds in this run";
	}

	private static void bind(List<Target> targets, List<BindTiming> bind, String what, String cpus, String skipped) {
		String label = "100 servers: main -> all accepting, " + what + " (s)";
		if (bind == null) {
			targets.add(target(label, OptionalDouble.empty(), "<", "2", "", skipped));
			return;
		}
		List<BindTiming> timings = bind.stream().filter(t -> t.cpus().equals(cpus) && t.servers() == 100).toList();
		if (timings.isEmpty()) {
			targets.add(target(label, OptionalDouble.empty(), "<", "2", "", "no timing"));
			return;
		}
		double seconds = Stats.median(timings.stream().map(t -> (double) t.mainToAccepting()).toList()) / 1000;
		double launch = Stats.median(timings.stream().map(t -> (double) t.launchToAccepting()).toList());
		targets.add(target(label, OptionalDouble.of(seconds), "<", "2", "",
				String.format(Locale.ROOT, "launch -> all accepting %.0f ms", launch)));
	}

	private static Target tls(Results.Tls tls, String skipped) {
		String label = "OpenSSL / JDK TLS handshakes (EC, TLS 1.3)";
		if (tls == null) {
			return target(label, OptionalDouble.empty(), ">=", "1.5", "", skipped);
		}
		if (!tls.enginesAsExpected()) {
			return target(label, OptionalDouble.empty(), ">=", "1.5", "", "the servers did not use the expected engines: "
					+ tls.engines().get("openssl") + " / " + tls.engines().get("jdk"));
		}
		Results.TlsVariant ec = tls.variants()
			.stream()
			.filter(v -> v.variant().equals("ec-tls13"))
			.findFirst()
			.orElse(null);
		if (ec == null) {
			return target(label, OptionalDouble.empty(), ">=", "1.5", "", "ec-tls13 not run");
		}
		boolean fresh = ec.openssl().rounds().stream().allMatch(r -> r.resumed() == 0)
				&& ec.jdk().rounds().stream().allMatch(r -> r.resumed() == 0);
		if (!fresh) {
			return target(label, OptionalDouble.empty(), ">=", "1.5", "",
					"some handshakes resumed a session (or were not counted): not full handshakes");
		}
		List<Double> openssl = ec.openssl().values(TlsRound::rate);
		double server = Stats.median(ec.openssl().values(TlsRound::serverCpuPct));
		double client = Stats.median(ec.openssl().values(TlsRound::clientCpuPct));
		String note = "per server CPU-second " + format(Stats.ratio(
				Stats.median(ec.openssl().values(TlsRound::perServerCpuSecond)),
				Stats.median(ec.jdk().values(TlsRound::perServerCpuSecond))));
		if (server < 90 && client >= 90) {
			note += String.format(Locale.ROOT,
					"; client-bound: h2load at %.0f%% of its core, the OpenSSL server at %.0f%%: a lower bound", client,
					server);
		}
		return target(label, Stats.ratio(Stats.median(openssl), Stats.median(ec.jdk().values(TlsRound::rate))), ">=",
				"1.5", format(Stats.medianOfRatios(openssl, ec.jdk().values(TlsRound::rate))), note);
	}

	private static Target target(String label, OptionalDouble value, String op, String limit, String perRound,
			String note) {
		if (value.isEmpty()) {
			return new Target(label, "n/a", op, limit, perRound, "NOT MEASURED", note);
		}
		String shown = format(value);
		double v = Double.parseDouble(shown);
		double l = Double.parseDouble(limit);
		boolean met = switch (op) {
			case ">=" -> v >= l;
			case "<=" -> v <= l;
			case "<" -> v < l;
			default -> throw new IllegalArgumentException(op);
		};
		return new Target(label, shown, op, limit, perRound, met ? "met" : "MISSED", note);
	}

	/** Two decimals, or {@code n/a}. */
	static String format(OptionalDouble value) {
		return value.isPresent() ? String.format(Locale.ROOT, "%.2f", value.getAsDouble()) : "n/a";
	}

}
