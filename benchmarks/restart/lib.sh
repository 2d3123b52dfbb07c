# Shared by run.sh and haproxy.sh (sourced, not run).
# shellcheck shell=bash

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
export JAR=${JAR:-$ROOT/sample-app/target/netty-bind-sample-app.jar}
export JAVA=${JAVA:-java}
WRK_CONNECTIONS=${WRK_CONNECTIONS:-16}
WRK_THREADS=${WRK_THREADS:-2}
READY_TIMEOUT=${READY_TIMEOUT:-120}
READY_LINE="Netty Bind Sample is ready"

PIDS=()     # every process started here, ended by cleanup
log() { printf '%s %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
die() { log "FAILED: $*"; exit 1; }
# alive <pid>: the process runs (a zombie, exited but not yet waited for, does not).
alive() { [[ -e /proc/$1 ]] && ! grep -q '^State:[[:space:]]*Z' "/proc/$1/status" 2>/dev/null; }

ensure_tools() {
	local missing=()
	for t in "$@"; do command -v "$t" >/dev/null || missing+=("$t"); done
	if ((${#missing[@]})); then
		log "installing ${missing[*]}"
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
	fi
	command -v python3 >/dev/null || die "python3 is needed"
}

ensure_jar() {
	if [[ ! -f $JAR || ${BUILD:-0} == 1 ]]; then
		log "building the sample (mvn -B -q -pl sample-app -am package -DskipTests)"
		(cd "$ROOT" && { mvn -B -q -o -pl sample-app -am package -DskipTests || mvn -B -q -pl sample-app -am package -DskipTests; }) >&2
	fi
	[[ -f $JAR ]] || die "no $JAR"
}

# A TCP port on 127.0.0.1 that is free now.
free_port() {
	python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

# Ends every process started here that still runs: SIGTERM, then SIGKILL after 40s.
cleanup() {
	local pid
	for pid in "${PIDS[@]}"; do kill -TERM "$pid" 2>/dev/null || true; done
	for pid in "${PIDS[@]}"; do
		for _ in $(seq 400); do alive "$pid" || break; sleep 0.1; done
		kill -KILL "$pid" 2>/dev/null || true
	done
	PIDS=()
}

# start_instance <n> <slot> <log> [args]: starts instance.sh in the background; sets PID.
start_instance() {
	local n=$1 slot=$2 logf=$3
	shift 3
	"$HERE/instance.sh" "$n" "$slot" "$@" >"$logf" 2>&1 &
	PID=$!
	PIDS+=("$PID")
}

# wait_ready <pid> <log>: until the log says the sample is ready (fails if it exits).
wait_ready() {
	local pid=$1 logf=$2 deadline=$((SECONDS + READY_TIMEOUT))
	until grep -q "$READY_LINE" "$logf" 2>/dev/null; do
		alive "$pid" || { tail -30 "$logf" >&2; die "process $pid exited before it was ready ($logf)"; }
		((SECONDS < deadline)) || die "process $pid not ready after ${READY_TIMEOUT}s ($logf)"
		sleep 0.1
	done
}

# stop_instance <pid>: SIGTERM, then waits until it has exited; sets STOPPED to the seconds
# it took (not in a $(subshell): only this shell can wait for its children).
stop_instance() {
	local pid=$1 t0=$EPOCHREALTIME
	kill -TERM "$pid"
	wait "$pid" 2>/dev/null || true
	STOPPED=$(python3 -c "print(f'{$EPOCHREALTIME - $t0:.1f}')")
}

# wrk_start <url> <out> [wrk args]: the load, until wrk_stop; sets WRK_PID.
wrk_start() {
	local url=$1 out=$2
	shift 2
	wrk -t "$WRK_THREADS" -c "$WRK_CONNECTIONS" -d 3600s --timeout 30s -s "$HERE/report.lua" "$@" "$url" >"$out" 2>&1 &
	WRK_PID=$!
	PIDS+=("$WRK_PID")
}

# wrk_stop <out>: SIGINT (wrk then prints its summary); sets RESULT to its RESULT line
# (not in a $(subshell), which could not wait for wrk).
wrk_stop() {
	local out=$1
	kill -INT "$WRK_PID"
	wait "$WRK_PID" 2>/dev/null || true
	RESULT=$(grep '^RESULT' "$out") || { cat "$out" >&2; die "wrk printed no result"; }
}

# result_field <RESULT line> <name>
result_field() { sed -n "s/.* $2=\([0-9.]*\).*/\1/p" <<<" ${1#RESULT}"; }
