package dev.nettybind.benchmarks.starter;

import java.util.Map;

import dev.nettybind.benchmarks.Plaintext;

/**
 * The {@code bind.servers} properties of the benchmarked servers, shared by the
 * applications that run them ({@link StarterApp} and {@code ordinary.OrdinaryApp}): each
 * server on {@code LOOPBACK_IP_V4}, served by the handler bean {@code plaintextHandler}.
 */
public final class BindServers {

	/** The name of the handler bean of every benchmarked server. */
	public static final String HANDLER = "plaintextHandler";

	/** The name of the handler bean of the stats server. */
	public static final String STATS_HANDLER = "statsHandler";

	private BindServers() {
	}

	/**
	 * The servers of {@code single <port>} or {@code shared <port> <members> <stats-port>}.
	 * @param properties where to put them
	 * @param args the application's arguments, the mode first
	 * @return whether the mode was one of the two
	 */
	public static boolean put(Map<String, Object> properties, String[] args) {
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
				properties.put("bind.servers.stats.handler", STATS_HANDLER);
			}
			default -> {
				return false;
			}
		}
		return true;
	}

	/** One server named {@code name} on the loopback address, served by {@link #HANDLER}. */
	static void server(Map<String, Object> properties, String name, int port, boolean shared) {
		String prefix = "bind.servers." + name + ".";
		properties.put(prefix + "address", "LOOPBACK_IP_V4");
		properties.put(prefix + "port", port);
		properties.put(prefix + "shared", shared);
		properties.put(prefix + "handler", HANDLER);
	}

}
