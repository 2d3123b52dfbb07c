package dev.nettybind.benchmarks.runner;

/**
 * One kept round of wrk against a contender.
 *
 * @param rps requests per second
 * @param p50Micros median latency, in microseconds
 * @param p99Micros 99th percentile latency, in microseconds
 * @param errors failed requests and socket errors
 * @param foreignPct the CPU that processes other than the server and wrk took meanwhile,
 * in % of one CPU
 */
record PlaintextRound(double rps, double p50Micros, double p99Micros, long errors, double foreignPct) {

}
