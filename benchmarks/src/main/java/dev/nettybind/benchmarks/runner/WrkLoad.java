package dev.nettybind.benchmarks.runner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * One run of {@code wrk -t1 -c<connections> --latency} against {@code GET /plaintext} of a
 * server, on the client's CPU.
 */
final class WrkLoad {

	private final Settings settings;

	private final Launcher launcher;

	WrkLoad(Settings settings, Launcher launcher) {
		this.settings = settings;
		this.launcher = launcher;
	}

	/**
	 * Loads the server on that port for so many seconds, its output in
	 * {@code <name>.wrk}; foreign is the CPU that processes other than the server (of that
	 * pid) and wrk used meanwhile.
	 */
	PlaintextRound run(long pid, int port, int seconds, String name) throws IOException, InterruptedException {
		Path out = this.launcher.logs().resolve(name + ".wrk");
		Cpu.Machine m0 = Cpu.machine();
		long server0 = Cpu.of(pid);
		long children0 = Cpu.ofEndedChildren();
		this.launcher.start(Launcher.pinned(this.settings.clientCpu(),
				List.of("wrk", "-t1", "-c" + this.settings.connections(), "-d" + seconds + "s", "--latency",
						"http://" + Http.HOST + ":" + port + "/plaintext")),
				out)
			.waitFor();
		long busy = Cpu.machine().since(m0);
		long wrk = Cpu.ofEndedChildren() - children0;
		long foreign = busy - (Cpu.of(pid) - server0) - wrk;
		WrkOutput w = WrkOutput.parse(Files.readString(out));
		return new PlaintextRound(w.requestsPerSecond(), w.p50Micros(), w.p99Micros(), w.errors(),
				Math.max(0, (double) foreign / seconds));
	}

}
