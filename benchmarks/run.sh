#!/usr/bin/env bash
# Load benchmarks of the Netty Bind Starter against its peers, all in one run, reported
# as ratios to bare Reactor Netty with its defaults. See docs/BENCHMARKS.md.
#
#   benchmarks/run.sh [quick|full]
#   benchmarks/run.sh --render benchmarks/target/runs/<date>-<mode>/results.json [--plot-dir DIR] [--plot-prefix PREFIX]
#
# quick: 3 alternated rounds of 6 s per contender (under 10 minutes on 2 cores); TLS
#        handshakes with an EC P-256 key over TLS 1.3 only, 3 rounds of 3 s;
# full:  7 alternated rounds of 10 s per contender, bind timings repeated 3 times; TLS
#        handshakes with EC P-256 and RSA 2048 keys over TLS 1.3 and 1.2, 5 rounds of 10 s.
# Both:  the WebFlux part warms each application up 60 s (quick) or 180 s (full), then
#        5 or 9 rounds on either server; the protocols part runs 5 h2load scenarios, each
#        contender warmed up 3 s (quick) or 8 s (full), then 3 rounds of 3 s or 5 of 8 s
#        (about 4 or 14 minutes).
#
# This script installs the tools, builds, and starts the Java runner
# (dev.nettybind.benchmarks.runner.BenchmarkRunner in this module), which measures and
# writes benchmarks/target/runs/<date>-<mode>/results.json and the Markdown report
# (summary.md, also printed), and the per-round plots with gnuplot: plots/<name>.tsv (data),
# plots/<name>.gp (script), plots/<name>.svg (made by `gnuplot -d <name>.gp` in plots/; no SVGs
# without gnuplot, said in one line). --render prints the report of an earlier run's results
# and writes its plots again, into plots/ next to that results.json (or --plot-dir DIR); the
# report's images link plots/<name>.svg (or PREFIX<name>.svg: for docs/BENCHMARKS.md with the
# SVGs copied to docs/benchmarks/, --plot-prefix benchmarks/).
#
# Every server binds 127.0.0.1 only and every client targets 127.0.0.1 only. Servers run
# pinned to SERVER_CPU (default 0), load generators to CLIENT_CPU (default 1).
# Environment: SKIP_BUILD=1 reuses the last build; SERVER_CPU, CLIENT_CPU; JAVA;
# BENCH_WARMUP, BENCH_DURATION, BENCH_ROUNDS override the mode's seconds and rounds
# (BENCH_TLS_WARMUP and BENCH_TLS_WARMUP_MAX, the least and most seconds of warm-up of
# either provider, BENCH_TLS_DURATION, BENCH_TLS_ROUNDS those of the TLS part);
# ONLY=<sections> runs only some of the parts, a comma-separated list of
#   bind       time to bind 1, 10, 100 servers;
#   plaintext  the contenders' throughput and latency, shared-group fairness, memory;
#   tls        new TLS handshakes per second, the starter with OpenSSL against the JDK provider;
#   webflux    one WebFlux application on a bind server and on Boot's own server, without
#              and with @OnServer content (BENCH_WEBFLUX_WARMUP, BENCH_WEBFLUX_ROUNDS);
#   protocols  HTTP/2 (h2c and h2), HTTP/1.1 over TLS 1.3 on kept connections (OpenSSL and
#              JDK), POST bodies of 4 KiB and 1 MiB, the starter against tuned Reactor
#              Netty and Vert.x (BENCH_PROTOCOLS_WARMUP, BENCH_PROTOCOLS_DURATION,
#              BENCH_PROTOCOLS_ROUNDS)
# (default: all five; e.g. ONLY=tls benchmarks/run.sh full). Targets of the parts not run
# are reported as not measured.
set -euo pipefail

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
JAVA=${JAVA:-java}
export JAVA
export SERVER_CPU=${SERVER_CPU:-0} CLIENT_CPU=${CLIENT_CPU:-1}
# The runner itself: small, and compiling little, as it runs beside the measurements.
RUNNER_JVM_OPTS=(-Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1)
RUNNER=dev.nettybind.benchmarks.runner.BenchmarkRunner

MODE=${1:-quick}
if [[ $MODE == --render ]]; then
	[[ -f "$HERE/target/classpath-peers.txt" ]] || { echo "run benchmarks/run.sh first (it builds)" >&2; exit 1; }
	exec "$JAVA" "${RUNNER_JVM_OPTS[@]}" -cp "$HERE/target/classes:$(cat "$HERE/target/classpath-peers.txt")" \
		"$RUNNER" --render "${2:?a results.json}" "${@:3}"
fi
case "$MODE" in
	quick | full) ;;
	*)
		echo "usage: $0 [quick|full] | --render results.json" >&2
		exit 2
		;;
esac
LOGS="$HERE/target/runs/$(date -u +%Y%m%dT%H%M%SZ)-$MODE"
STARTED=$(date +%s)

log() {
	printf '[%4ss] %s\n' "$(($(date +%s) - STARTED))" "$*"
}

RUNNER_PID=""
# The runner ends every process it started, however it ends; should it be killed
# outright, the JVMs it listed in pids.txt are ended here (only those still running the
# benchmarks' classes: a pid may have been reused since).
cleanup() {
	local pid
	if [[ -n $RUNNER_PID ]]; then
		kill "$RUNNER_PID" 2>/dev/null || true
		wait "$RUNNER_PID" 2>/dev/null || true
	fi
	if [[ -f "$LOGS/pids.txt" ]]; then
		while read -r pid; do
			if [[ -r /proc/$pid/cmdline ]] && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q 'dev\.nettybind\.benchmarks\.'; then
				kill "$pid" 2>/dev/null || true
			fi
		done <"$LOGS/pids.txt"
	fi
	# The throw-away private keys of the TLS and protocols parts do not outlive the run.
	rm -f "$LOGS/bench.p12"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

install_tools() {
	local missing=()
	command -v wrk >/dev/null || missing+=(wrk)
	command -v h2load >/dev/null || missing+=(nghttp2-client)
	command -v curl >/dev/null || missing+=(curl)
	command -v taskset >/dev/null || missing+=(util-linux)
	command -v openssl >/dev/null || missing+=(openssl)
	command -v cc >/dev/null || missing+=(gcc libc6-dev)
	command -v gnuplot >/dev/null || missing+=(gnuplot-nox)
	if ((${#missing[@]} > 0)); then
		log "installing ${missing[*]}"
		if [[ $(id -u) != 0 ]]; then
			echo "need root to apt-get install ${missing[*]}" >&2
			exit 1
		fi
		apt-get install -y -qq "${missing[@]}" >/dev/null || {
			apt-get update -qq
			apt-get install -y -qq "${missing[@]}" >/dev/null
		}
	fi
}

# The commit of the starter that was built, and whether its work tree had changes.
starter_state() {
	local commit
	commit=$(git -C "$ROOT" --no-optional-locks rev-parse --short HEAD 2>/dev/null) || { echo "not a git work tree"; return; }
	if git -C "$ROOT" --no-optional-locks diff --quiet HEAD -- autoconfigure starter 2>/dev/null; then
		echo "commit $commit"
	else
		echo "commit $commit with uncommitted changes in autoconfigure/ or starter/"
	fi
}

build() {
	BENCH_STARTER_STATE="$(starter_state) (the work tree now: SKIP_BUILD reused an earlier build)"
	if [[ ${SKIP_BUILD:-0} == 1 && -f "$HERE/target/classpath-peers.txt" ]]; then
		log "reusing the last build (SKIP_BUILD=1)"
		return
	fi
	# The starter (with its parent and auto-configuration) into ~/.m2, then this module;
	# retried, as the work tree may be mid-edit or built by someone else at the same time.
	local attempt
	for attempt in 1 2 3; do
		log "building the starter and the benchmarks"
		BENCH_STARTER_STATE=$(starter_state)
		if mvn -B -q -f "$ROOT/pom.xml" -Pbenchmarks -pl benchmarks -am install -DskipTests; then
			return
		fi
		((attempt < 3)) && { log "the build failed: retrying in 30 s"; sleep 30; }
	done
	echo "the build failed" >&2
	exit 1
}

main() {
	local status=0
	install_tools
	build
	export BENCH_STARTER_STATE BENCH_STARTED=$STARTED
	mkdir -p "$LOGS"
	# In the background and waited for, so that a signal reaches the trap at once.
	"$JAVA" "${RUNNER_JVM_OPTS[@]}" -cp "$HERE/target/classes:$(cat "$HERE/target/classpath-peers.txt")" \
		"$RUNNER" "$MODE" --home "$HERE" --out "$LOGS" --only "${ONLY:-bind,plaintext,tls,webflux,protocols}" &
	RUNNER_PID=$!
	wait "$RUNNER_PID" || status=$?
	RUNNER_PID=""
	return "$status"
}

# On one line, so that bash has read it all before it runs: the file may change meanwhile.
main; exit $?
