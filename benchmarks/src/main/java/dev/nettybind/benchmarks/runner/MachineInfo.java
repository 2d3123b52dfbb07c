package dev.nettybind.benchmarks.runner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What the run ran on: the machine, the Java, the contenders' libraries and the tools. */
final class MachineInfo {

	private final Launcher launcher;

	MachineInfo(Launcher launcher) {
		this.launcher = launcher;
	}

	String machine() throws IOException {
		String cpuinfo = Files.readString(Path.of("/proc/cpuinfo"));
		long cpus = cpuinfo.lines().filter(l -> l.startsWith("processor")).count();
		String model = cpuinfo.lines()
			.filter(l -> l.startsWith("model name"))
			.map(l -> l.substring(l.indexOf(':') + 1).trim())
			.findFirst()
			.orElse("unknown CPU");
		long memKb = Files.readAllLines(Path.of("/proc/meminfo"))
			.stream()
			.filter(l -> l.startsWith("MemTotal:"))
			.map(l -> Long.parseLong(l.replaceAll("\\D", "")))
			.findFirst()
			.orElse(0L);
		String kernel = Files.readString(Path.of("/proc/sys/kernel/osrelease")).trim();
		return cpus + " CPUs, " + model + ", " + memKb / (1024 * 1024) + " GiB, " + kernel;
	}

	/** The second line of {@code java -version}: the runtime's build. */
	String java() throws IOException, InterruptedException {
		List<String> lines = this.launcher.output(List.of(this.launcher.java(), "-version")).lines().toList();
		return (lines.size() > 1) ? lines.get(1) : String.join(" ", lines);
	}

	Map<String, String> versions(Settings settings) throws IOException, InterruptedException {
		List<String> jars = Arrays
			.asList(Files.readString(this.launcher.home().resolve("target/classpath-peers.txt")).trim().split(":"));
		Map<String, String> versions = new LinkedHashMap<>();
		versions.put("spring boot", jar(jars, "spring-boot"));
		versions.put("netty", jar(jars, "netty-codec-http"));
		versions.put("reactor netty", jar(jars, "reactor-netty-http"));
		versions.put("vert.x", jar(jars, "vertx-core"));
		versions.put("wrk", word(this.launcher.output(List.of("wrk", "-v")), 1));
		if (settings.runs("tls")) {
			versions.put("h2load", word(this.launcher.output(List.of("h2load", "--version")), 1) + " on "
					+ String.join(" ", Arrays.asList(this.launcher.output(List.of("openssl", "version")).trim().split(" "))
						.subList(0, 2)));
			versions.put("tcnative", jar(jars, "netty-tcnative-boringssl-static")
					+ " (OpenSSL provider); JDK provider: SunJSSE of the java above");
		}
		return versions;
	}

	/** The version in the file name of the first jar in a directory named {@code artifact}. */
	static String jar(List<String> jars, String artifact) {
		Optional<String> name = jars.stream()
			.filter(j -> j.contains("/" + artifact + "/"))
			.map(j -> Path.of(j).getFileName().toString())
			.findFirst();
		return name.map(n -> n.replaceFirst("^" + artifact + "-", "").replaceFirst("\\.jar$", "")).orElse("?");
	}

	private static String word(String text, int index) {
		String[] words = text.lines().findFirst().orElse("").trim().split("\\s+");
		return (words.length > index) ? words[index] : "?";
	}

}
