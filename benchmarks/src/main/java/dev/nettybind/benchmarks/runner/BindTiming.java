package dev.nettybind.benchmarks.runner;

/**
 * One timed start of the application with a number of servers, in wall-clock ms.
 *
 * @param cpus the CPU list the application ran on
 * @param servers how many servers it bound; 0: the starter off ({@code bind.enabled=false})
 * @param launchToMain from launching the JVM until {@code main} was entered
 * @param mainToAccepting from {@code main} until every port accepted connections
 * @param launchToAccepting from launching until every port accepted connections
 * @param firstToLastBound from the first to the last {@code ServerBoundEvent}
 * @param foreignPct CPU that other processes took meanwhile, in % of one CPU
 */
record BindTiming(String cpus, int servers, long launchToMain, long mainToAccepting, long launchToAccepting,
		long firstToLastBound, double foreignPct) {

}
