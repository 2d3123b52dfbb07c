package dev.nettybind.benchmarks.runner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time from {@code /proc}, in ticks of 1/100 s: 100 ticks in a second are one whole
 * CPU, so ticks per second read as % of one CPU.
 */
final class Cpu {

	private Cpu() {
	}

	/**
	 * The machine's CPU time so far.
	 *
	 * @param busy user, nice and system time of all CPUs
	 * @param steal time the hypervisor gave to other guests
	 */
	record Machine(long busy, long steal) {

		/** Busy and stolen ticks since {@code earlier}. */
		long since(Machine earlier) {
			return (this.busy - earlier.busy) + (this.steal - earlier.steal);
		}

	}

	static Machine machine() {
		String[] f = read(Path.of("/proc/stat")).lines().findFirst().orElseThrow().trim().split("\\s+");
		return new Machine(Long.parseLong(f[1]) + Long.parseLong(f[2]) + Long.parseLong(f[3]), Long.parseLong(f[8]));
	}

	/** User and system ticks of a process so far; 0 once it is gone. */
	static long of(long pid) {
		try {
			String[] f = fieldsAfterName(Files.readString(Path.of("/proc/" + pid + "/stat")));
			return Long.parseLong(f[11]) + Long.parseLong(f[12]);
		}
		catch (IOException | RuntimeException ex) {
			return 0;
		}
	}

	/**
	 * User and system ticks of this JVM's children that ended and were waited for: how a
	 * finished load generator's CPU time is read (the JVM waits for every process it
	 * started, and a child's ticks include those of the children it waited for).
	 */
	static long ofEndedChildren() {
		String[] f = fieldsAfterName(read(Path.of("/proc/self/stat")));
		return Long.parseLong(f[13]) + Long.parseLong(f[14]);
	}

	/** The ticks that all processes used over the next second. */
	static long busyOverOneSecond() throws InterruptedException {
		Machine before = machine();
		Thread.sleep(1000);
		return machine().since(before);
	}

	// The name in /proc/<pid>/stat may hold spaces: the fields that follow it start at 3.
	private static String[] fieldsAfterName(String stat) {
		return stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
	}

	private static String read(Path path) {
		try {
			return Files.readString(path);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
