package dev.nettybind.benchmarks.runner;

/**
 * One kept round of h2load against a TLS server: every request on a new connection.
 *
 * @param rate handshakes (requests) per second
 * @param serverCpuPct CPU the server used, in % of one CPU
 * @param clientCpuPct CPU h2load used, in % of one CPU
 * @param perServerCpuSecond full handshakes per CPU-second of the server
 * @param handshakes full handshakes the preloaded library counted
 * @param errors failed requests and 4xx and 5xx responses
 * @param foreignPct CPU that processes other than the server and h2load took meanwhile
 * @param resumed handshakes that resumed a session (must be 0); -1 if not counted
 */
record TlsRound(double rate, double serverCpuPct, double clientCpuPct, double perServerCpuSecond, long handshakes,
		long errors, double foreignPct, long resumed) {

}
