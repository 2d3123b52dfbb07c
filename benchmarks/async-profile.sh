#!/usr/bin/env bash
# Where does a WebFlux request spend its CPU on a bind server and on Boot's own server?
# Runs the WebFlux part's application (routing.WebFluxRoutingApp, both servers in one
# JVM) with async-profiler, which sees native and kernel frames (JFR's sampler does not),
# warms both servers up, then loads each in turn with wrk and prints, per server, the CPU
# nanoseconds per request by kind of frame and the frames whose self time differs most.
#
#   benchmarks/async-profile.sh [seconds per window]   (default 30; run benchmarks/run.sh once first)
#
# async-profiler comes from Maven Central (tools.profiler:async-profiler, linux-x64). It
# records in chunks of 10 s (loop=10s); a chunk counts for a server when it lies within a
# window of wrk on that server. Server on SERVER_CPU (default 0), wrk on CLIENT_CPU
# (default 1), 127.0.0.1 only. ON_SERVER_ROUTES=1 adds the @OnServer content; WARMUP
# (default 30) is the seconds of each of the two warm-up loads of each server.
set -euo pipefail

WINDOW=${1:-30}
WARMUP=${WARMUP:-30}
SERVER_CPU=${SERVER_CPU:-0}
CLIENT_CPU=${CLIENT_CPU:-1}
JAVA=${JAVA:-java}
PROFILER_VERSION=4.2
BOOT_PORT=18141
BIND_PORT=18142
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
OUT="$HERE/target/async-profile/$(date -u +%Y%m%dT%H%M%SZ)"
[[ -f "$HERE/target/classpath-peers.txt" ]] || { echo "run benchmarks/run.sh first (it builds)" >&2; exit 1; }
command -v wrk >/dev/null || { echo "wrk is missing: apt-get install -y wrk" >&2; exit 1; }
mkdir -p "$OUT"

LIB="$HERE/target/async-profiler/linux-x64/libasyncProfiler.so"
if [[ ! -f $LIB ]]; then
	mvn -B -q dependency:get -Dartifact="tools.profiler:async-profiler:$PROFILER_VERSION:jar:linux-x64"
	mkdir -p "$HERE/target/async-profiler"
	(cd "$HERE/target/async-profiler" &&
		unzip -o -q "$HOME/.m2/repository/tools/profiler/async-profiler/$PROFILER_VERSION/async-profiler-$PROFILER_VERSION-linux-x64.jar" 'linux-x64/*')
fi

ARGS=("$BOOT_PORT" "$BIND_PORT")
[[ ${ON_SERVER_ROUTES:-0} == 1 ]] && ARGS+=(on-server-routes)
taskset -c "$SERVER_CPU" "$JAVA" \
	"-agentpath:$LIB=start,event=cpu,interval=1ms,loop=10s,collapsed,file=$OUT/chunk-%t.collapsed" \
	-Xms512m -Xmx512m -XX:+UnlockDiagnosticVMOptions -XX:+DebugNonSafepoints \
	-cp "$HERE/target/classes:$(cat "$HERE/target/classpath-peers.txt")" \
	dev.nettybind.benchmarks.routing.WebFluxRoutingApp "${ARGS[@]}" >"$OUT/app.log" 2>&1 &
APP=$!
trap 'kill $APP 2>/dev/null || true; wait $APP 2>/dev/null || true' EXIT

for port in $BOOT_PORT $BIND_PORT; do
	for _ in $(seq 1 180); do
		curl -fs "http://127.0.0.1:$port/plaintext" >/dev/null && break
		sleep 1
	done
done
load() {
	taskset -c "$CLIENT_CPU" wrk -t1 -c64 -d"$1"s "http://127.0.0.1:$2/plaintext"
}
echo "warm-up: $((2 * WARMUP)) s on each server"
for _ in 1 2; do
	load "$WARMUP" $BOOT_PORT >/dev/null
	load "$WARMUP" $BIND_PORT >/dev/null
done
for round in 1 2; do
	for port in $BOOT_PORT $BIND_PORT; do
		start=$(date +%s)
		requests=$(load "$WINDOW" "$port" | awk '/requests in/ { print $1 }')
		echo "$port $start $(date +%s) $requests" >>"$OUT/windows.txt"
		echo "round $round, port $port: $requests requests in $WINDOW s"
	done
done
sleep 11
kill $APP
wait $APP 2>/dev/null || true

# A chunk's name holds the time it was written, at the end of its 10 s.
summarize() {
	local port=$1 chunks=() requests=0 seconds=0 f t w_port w_start w_end w_requests
	while read -r w_port w_start w_end w_requests; do
		[[ $w_port == "$port" ]] || continue
		requests=$((requests + w_requests))
		seconds=$((seconds + w_end - w_start))
		for f in "$OUT"/chunk-*.collapsed; do
			t=$(date -u -d "$(basename "$f" .collapsed | sed -E 's/chunk-([0-9]{4})([0-9]{2})([0-9]{2})-([0-9]{2})([0-9]{2})([0-9]{2})/\1-\2-\3 \4:\5:\6/')" +%s)
			((t - 10 >= w_start && t <= w_end + 1)) && chunks+=("$f")
		done
	done <"$OUT/windows.txt"
	((${#chunks[@]} > 0)) || { echo "no 10 s chunk lies within a window of port $port: use longer windows" >&2; exit 1; }
	# Requests in the chunks: the window's rate times the chunks' 10 s each.
	awk -v requests="$requests" -v seconds="$seconds" -v chunks="${#chunks[@]}" -v port="$port" '
		{ n = $NF; sub(/ [0-9]+$/, ""); k = split($0, frames, ";"); top = frames[k]
		  kind = (top ~ /_\[k\]$/) ? "kernel" : (top !~ /[\/.]/) ? "native" : top
		  if (kind !~ /^(kernel|native)$/) { kind = "other"
		    split("dev/nettybind io/netty reactor/netty reactor/core org/springframework java/ jdk/ sun/", p, " ")
		    for (i in p) if (index(top, p[i]) == 1) kind = p[i] }
		  byKind[kind] += n; self[top] += n; total += n }
		END { perRequest = 1e6 / (requests / seconds * 10 * chunks)
		  printf "== port %d: %d chunks, %.0f ns of CPU per request\n", port, chunks, total * perRequest
		  for (k in byKind) printf "   %-20s %6.0f ns\n", k, byKind[k] * perRequest
		  for (f in self) printf "self %.1f %s\n", self[f] * perRequest, f > "/dev/stderr" }
	' "${chunks[@]}" 2>"$OUT/self-$port.txt"
}
summarize $BOOT_PORT
summarize $BIND_PORT
echo "== self ns per request, bind server minus Boot's server (largest first)"
awk 'FNR == NR { boot[$3] = $2; next } { bind[$3] = $2 }
	END { for (f in bind) printf "%+7.0f %7.0f %7.0f %s\n", bind[f] - boot[f], boot[f], bind[f], f
	      for (f in boot) if (!(f in bind)) printf "%+7.0f %7.0f %7.0f %s\n", -boot[f], boot[f], 0, f }' \
	"$OUT/self-$BOOT_PORT.txt" "$OUT/self-$BIND_PORT.txt" | sort -rn | awk 'NR <= 25'
echo "recordings in $OUT"
