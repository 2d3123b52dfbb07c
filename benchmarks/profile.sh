#!/usr/bin/env bash
# Where does a contender's request path spend its CPU? Runs the starter (1 server, with
# its default limits and with its timeouts set to 0) and bare Reactor Netty tuned by hand
# (as is, and with the idle and read timeouts the starter sets by default) under the
# same wrk load as run.sh, records each with JDK Flight Recorder, and prints the hottest
# frames of each, the samples that pass through the starter's own code (dev.nettybind),
# how often each of its methods is on the stack, and the samples under Reactor Netty's
# and Netty's timeout handlers.
#
#   benchmarks/profile.sh [seconds]      (default 20; run benchmarks/run.sh once first)
#   benchmarks/profile.sh --summarize DIR (print the summaries of earlier recordings)
#
# Servers on SERVER_CPU (default 0), wrk on CLIENT_CPU (default 1), 127.0.0.1 only.
set -euo pipefail

SUMMARIZE_ONLY=""
if [[ ${1:-} == --summarize ]]; then
	SUMMARIZE_ONLY=${2:?a directory of recordings}
	set -- 20
fi
SECONDS_RECORDED=${1:-20}
HOST=127.0.0.1
SERVER_CPU=${SERVER_CPU:-0}
CLIENT_CPU=${CLIENT_CPU:-1}
JAVA=${JAVA:-java}
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
OUT=${SUMMARIZE_ONLY:-"$HERE/target/profile/$(date -u +%Y%m%dT%H%M%SZ)"}
mkdir -p "$OUT"
[[ -f "$HERE/target/classpath-lean.txt" ]] || { echo "run benchmarks/run.sh first (it builds)" >&2; exit 1; }
CP="$HERE/target/classes:$(cat "$HERE/target/classpath-lean.txt")"

PIDS=()
cleanup() {
	local pid
	for pid in "${PIDS[@]}"; do
		kill "$pid" 2>/dev/null || true
		wait "$pid" 2>/dev/null || true
	done
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# profile NAME PORT MAIN ARGS...
profile() {
	local name=$1 port=$2 main=$3 pid
	shift 3
	taskset -c "$SERVER_CPU" "$JAVA" -Xms512m -Xmx512m -XX:+AlwaysPreTouch -XX:+FlightRecorder \
		-cp "$CP" "$main" "$@" >"$OUT/$name.log" 2>&1 &
	pid=$!
	PIDS+=("$pid")
	until curl -sf -o /dev/null --max-time 1 "http://$HOST:$port/plaintext"; do
		kill -0 "$pid" 2>/dev/null || { cat "$OUT/$name.log" >&2; exit 1; }
		sleep 0.1
	done
	taskset -c "$CLIENT_CPU" wrk -t1 -c64 -d10s "http://$HOST:$port/plaintext" >/dev/null
	jcmd "$pid" JFR.start name=bench settings=profile filename="$OUT/$name.jfr" >/dev/null
	taskset -c "$CLIENT_CPU" wrk -t1 -c64 -d"${SECONDS_RECORDED}s" "http://$HOST:$port/plaintext" \
		| awk -v n="$name" '/Requests\/sec/ { print n ": " $2 " req/s while recording" }'
	jcmd "$pid" JFR.stop name=bench >/dev/null
	kill "$pid"
	wait "$pid" 2>/dev/null || true
	jfr print --events jdk.ExecutionSample --stack-depth 128 "$OUT/$name.jfr" >"$OUT/$name.samples"
}

PER_REQUEST='DefaultChannelPipeline\.(add|remove|replace|context0|internalAdd|callHandler)|AbstractChannelHandlerContext\.callHandler'
PER_REQUEST+='|ChannelHandlerMask|AbstractScheduledEventExecutor\.(schedule|removeScheduled|validateScheduled)'
PER_REQUEST+='|ScheduledFutureTask\.(cancel|<init>)|DefaultPriorityQueue|IdleStateHandler\.(initialize|destroy|handler)'
PER_REQUEST+='|Connection\.(addHandler|removeHandler)|DefaultFutureListeners\.remove'

# Prints the top self frames, the share of samples with a dev.nettybind frame, and the
# dev.nettybind methods by the samples they are on the stack of.
summarize() {
	local name=$1
	echo
	echo "== $name"
	awk -v PER_REQUEST="$PER_REQUEST" '
		/^jdk.ExecutionSample/ { samples++; top = ""; ours = 0; delete seen }
		/^[ \t]+[a-zA-Z_$][^ ]*\(.*line:/ {
			frame = $1
			sub(/\(.*$/, "", frame)
			if (top == "") { top = frame; self[frame]++ }
			if (frame ~ /^dev\.nettybind\./ && frame !~ /^dev\.nettybind\.benchmarks\./) {
				ours = 1
				if (!(frame in seen)) { seen[frame] = 1; onstack[frame]++ }
			}
		}
		/^jdk.ExecutionSample/ { timer = 0; depth = 0 }
		/^[ \t]+[a-zA-Z_$][^ ]*\(/ {
			# Within the 8 innermost frames: adding or removing a pipeline handler, or
			# scheduling or cancelling a timer (what per-request timeout handlers do).
			if (++depth <= 8 && $1 ~ PER_REQUEST) timer = 1
		}
		/^}/ { if (ours) withours++; if (timer) withtimer++ }
		END {
			printf "samples: %d, with a frame of the starter (dev.nettybind, not the benchmark) on the stack: %d (%.2f%%)\n", samples, withours, 100 * withours / samples
			printf "samples adding/removing a pipeline handler or scheduling/cancelling a timer: %d (%.2f%%)\n", withtimer, 100 * withtimer / samples
			print "top self frames:"
			n = 0
			for (f in self) { line[++n] = sprintf("%6.2f%%  %s", 100 * self[f] / samples, f) }
			cmd = "sort -rn | head -15"
			for (i = 1; i <= n; i++) print line[i] | cmd
			close(cmd)
			print "the starter'"'"'s methods on the stack:"
			m = 0
			for (f in onstack) { mine[++m] = sprintf("%6.2f%%  %s", 100 * onstack[f] / samples, f) }
			cmd = "sort -rn | head -15"
			for (i = 1; i <= m; i++) print mine[i] | cmd
			close(cmd)
		}' "$OUT/$name.samples"
}

if [[ -n $SUMMARIZE_ONLY ]]; then
	for name in starter starter-no-timeouts rn-tuned rn-tuned-timeouts; do
		[[ -f "$OUT/$name.samples" ]] && summarize "$name"
	done
	exit 0
fi
NO_TIMEOUTS=(--bind.servers.plaintext.limits.header-timeout=0 --bind.servers.plaintext.limits.idle-timeout=0
	--bind.servers.plaintext.limits.read-timeout=0)
profile starter 18141 dev.nettybind.benchmarks.starter.StarterApp single 18141
profile starter-no-timeouts 18142 dev.nettybind.benchmarks.starter.StarterApp single 18142 "${NO_TIMEOUTS[@]}"
profile rn-tuned 18143 dev.nettybind.benchmarks.reactor.BareReactorNettyApp 18143 tuned
profile rn-tuned-timeouts 18144 dev.nettybind.benchmarks.reactor.BareReactorNettyApp 18144 tuned timeouts
for name in starter starter-no-timeouts rn-tuned rn-tuned-timeouts; do
	summarize "$name"
done
echo
echo "recordings in $OUT"
