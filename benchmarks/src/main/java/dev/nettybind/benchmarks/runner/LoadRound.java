package dev.nettybind.benchmarks.runner;

/**
 * One kept round of h2load against a contender of the protocols part.
 *
 * @param rps requests per second
 * @param errors failed requests and 4xx and 5xx responses
 * @param serverCpuPct CPU the server used, in % of one CPU
 * @param clientCpuPct CPU h2load used, in % of one CPU
 * @param foreignPct CPU that processes other than the server and h2load took meanwhile
 * @param protocol the TLS version h2load negotiated, empty on a plain connection
 */
record LoadRound(double rps, long errors, double serverCpuPct, double clientCpuPct, double foreignPct,
		String protocol) {

}
