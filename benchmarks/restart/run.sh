#!/usr/bin/env bash
# Zero-downtime restarts of the sample application, measured under wrk load (issue 16,
# item 3). See docs/restarts.md.
#
#   benchmarks/restart/run.sh [way...]
#
# ways (default: all, in this order):
#   systemd-start-first  supervisor.py holds the listening socket (as a systemd socket unit
#                        does) and passes it as fd 3 (LISTEN_FDS/LISTEN_PID/LISTEN_FDNAMES)
#                        to each child started with --bind.servers.public.inherit=systemd;
#                        a restart starts the new child, waits until it is ready, then
#                        SIGTERMs the old one and waits until it has exited;
#   systemd-stop-first   the same socket, but a restart stops the old child first, then
#                        starts the new one (what `systemctl restart` does): connections
#                        wait in the socket's queue meanwhile;
#   reuse-port           the baseline: every process binds the port itself with
#                        --bind.servers.public.reuse-port=true; start new, wait until
#                        ready, SIGTERM old;
#   handover             the starter's own handover (bind.handover.path): the new process
#                        takes over the running one's sockets, then the old one is
#                        SIGTERMed; skipped unless HANDOVER=1 (not BIND_HANDOVER: Boot
#                        would bind that variable as the property bind.handover).
# Each way runs once per connection mode of MODES (default "keep-alive close"): wrk's
# keep-alive connections, and "close" (-H 'Connection: close', a new connection per
# request, so that connections keep arriving during every restart).
#
# One wrk (-t 2 -c 16 --timeout 30s, keep-alive) loads GET /hello?name=x on 127.0.0.1 for
# the whole sequence of RESTARTS (default 10) restarts; it reports completed requests,
# responses other than 2xx, and its socket errors (connect/read/write/timeout).
# Everything listens on 127.0.0.1 only; every process started here is ended on exit.
# Environment: RESTARTS, MODES, HANDOVER=1, BUILD=1 (rebuild the sample jar), JAR,
# JAVA, JVM_OPTS (default -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1: C1 only, which
# halves the start on a busy machine), WRK_CONNECTIONS, WRK_THREADS,
# SETTLE (seconds of load before the first and after the last restart, default 3),
# PAUSE (seconds between restarts, default 2), READY_TIMEOUT (default 120).
# Output: benchmarks/restart/target/<UTC time>-run/ (results.md, each process's log,
# wrk's output, restarts.log with each restart's timings).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

RESTARTS=${RESTARTS:-10}
MODES=${MODES:-keep-alive close}
SETTLE=${SETTLE:-3}
PAUSE=${PAUSE:-2}
WAYS=("$@")
((${#WAYS[@]})) || WAYS=(systemd-start-first systemd-stop-first reuse-port handover)

OUT=$HERE/target/$(date -u +%Y%m%dT%H%M%SZ)-run
mkdir -p "$OUT"
# Unix socket paths are limited to 107 bytes: keep them short, under /tmp.
export RUN_DIR
RUN_DIR=$(mktemp -d /tmp/nb-restart.XXXXXX)
trap 'cleanup; rm -rf "$RUN_DIR"' EXIT
trap 'exit 130' INT TERM

ensure_tools wrk curl
ensure_jar
# Two port sets: a process and its successor run at the same time with different slots.
export OPS_PORT_0 OPS_PORT_1 WORKER_PORT_0 WORKER_PORT_1
OPS_PORT_0=$(free_port) OPS_PORT_1=$(free_port) WORKER_PORT_0=$(free_port) WORKER_PORT_1=$(free_port)
RESTARTS_LOG=$OUT/restarts.log

# ---- systemd-style: supervisor.py owns the socket ---------------------------------------
SUP_PID=
start_systemd() { # <order> <dir>
	local order=$1 dir=$2
	: >"$dir/status"
	python3 "$HERE/supervisor.py" --port "$PUBLIC_PORT" --order "$order" --status "$dir/status" \
		--log-dir "$dir" --ready-timeout "$READY_TIMEOUT" -- \
		"$HERE/instance.sh" '{n}' '{slot}' --bind.servers.public.inherit=systemd \
		>"$dir/supervisor.log" 2>&1 &
	SUP_PID=$!
	PIDS+=("$SUP_PID")
	wait_status "$dir" 0
}
wait_status() { # <dir> <n>: until the supervisor reports child n ready
	local dir=$1 n=$2
	until grep -q "^ready $n " "$dir/status"; do
		alive "$SUP_PID" || { cat "$dir/supervisor.log" >&2; die "the supervisor exited"; }
		sleep 0.1
	done
	grep "^ready $n " "$dir/status" | sed "s/^/  /" >>"$RESTARTS_LOG"
}
restart_systemd() { # <i> <dir>
	kill -HUP "$SUP_PID"
	wait_status "$2" "$1"
}
stop_systemd() {
	kill -TERM "$SUP_PID"
	wait "$SUP_PID" 2>/dev/null || true
}

# ---- baseline: reuse-port on both, start new, SIGTERM old -------------------------------
CUR_PID=
start_reuse_port() { # <dir>
	start_instance 0 0 "$1/instance-0.log" --bind.servers.public.reuse-port=true
	CUR_PID=$PID
	wait_ready "$CUR_PID" "$1/instance-0.log"
}
restart_reuse_port() { # <i> <dir>
	local i=$1 dir=$2 old=$CUR_PID t0=$SECONDS
	start_instance "$i" $((i % 2)) "$dir/instance-$i.log" --bind.servers.public.reuse-port=true
	CUR_PID=$PID
	wait_ready "$CUR_PID" "$dir/instance-$i.log"
	stop_instance "$old"
	echo "  ready $i $CUR_PID started=$((SECONDS - t0))s old-stopped=${STOPPED}s" >>"$RESTARTS_LOG"
}
stop_reuse_port() { stop_instance "$CUR_PID"; }

# ---- the starter's own handover (bind.handover.path, docs/deployment.md) ----------------
# A new process started with the same --bind.handover.path takes over the running one's
# listening sockets before it would bind; then the old one is SIGTERMed and drains.
HANDOVER_ARGS=()
start_handover() { # <dir>
	HANDOVER_ARGS=(--bind.handover.path="$RUN_DIR/handover.sock")
	start_instance 0 0 "$1/instance-0.log" "${HANDOVER_ARGS[@]}"
	CUR_PID=$PID
	wait_ready "$CUR_PID" "$1/instance-0.log"
}
restart_handover() { # <i> <dir>
	local i=$1 dir=$2 old=$CUR_PID t0=$SECONDS
	start_instance "$i" $((i % 2)) "$dir/instance-$i.log" "${HANDOVER_ARGS[@]}"
	CUR_PID=$PID
	wait_ready "$CUR_PID" "$dir/instance-$i.log"   # it has the sockets: it is ready
	stop_instance "$old"
	echo "  ready $i $CUR_PID started=$((SECONDS - t0))s old-stopped=${STOPPED}s" >>"$RESTARTS_LOG"
}
stop_handover() { stop_instance "$CUR_PID"; }
# -------------------------------------------------------------------------------------------

RESULTS=$OUT/results.md
COMMIT=$(git -C "$ROOT" rev-parse --short HEAD)$(git -C "$ROOT" diff --quiet HEAD -- . ':!benchmarks/restart' ':!docs/restarts.md' || echo "+dirty")
{
	echo "run.sh $* — $(date -u '+%Y-%m-%d %H:%M UTC'), commit $COMMIT, $(nproc) CPUs, $RESTARTS restarts per row,"
	echo "wrk -t $WRK_THREADS -c $WRK_CONNECTIONS --timeout 30s, GET /hello?name=x on 127.0.0.1"
	echo
	echo "| way | connections | requests | non-2xx | connect | read | write | timeout | failed (non-2xx + socket errors) | seconds | accepted, then dropped (starter's log) |"
	echo "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
} >"$RESULTS"

measure() { # <way> <mode>
	local way=$1 mode=$2 dir=$OUT/$1-$2 kind res
	local -a hdr=()
	[[ $mode == close ]] && hdr=(-H 'Connection: close')
	mkdir -p "$dir"
	export PUBLIC_PORT
	PUBLIC_PORT=$(free_port)
	case $way in
		systemd-start-first) kind=systemd; start_systemd start-first "$dir" ;;
		systemd-stop-first) kind=systemd; start_systemd stop-first "$dir" ;;
		reuse-port) kind=reuse_port; start_reuse_port "$dir" ;;
		handover) kind=handover; start_handover "$dir" ;;
		*) die "unknown way $way" ;;
	esac
	curl -fsS "http://127.0.0.1:$PUBLIC_PORT/hello?name=x" >/dev/null || die "$way: the sample does not answer"
	log "$way/$mode: load on 127.0.0.1:$PUBLIC_PORT, $RESTARTS restarts"
	echo "$way/$mode (port $PUBLIC_PORT):" >>"$RESTARTS_LOG"
	wrk_start "http://127.0.0.1:$PUBLIC_PORT/hello?name=x" "$dir/wrk.txt" "${hdr[@]}"
	sleep "$SETTLE"
	for i in $(seq 1 "$RESTARTS"); do
		"restart_$kind" "$i" "$dir"
		log "$way/$mode: restart $i done"
		sleep "$PAUSE"
	done
	sleep "$SETTLE"
	wrk_stop "$dir/wrk.txt"
	res=$RESULT
	"stop_$kind"
	local r n c rd w t
	r=$(result_field "$res" requests) n=$(result_field "$res" non2xx) c=$(result_field "$res" connect)
	rd=$(result_field "$res" read) w=$(result_field "$res" write) t=$(result_field "$res" timeout)
	# A connection the listener accepted while its server was leaving, closed unserved
	# (Reactor Netty's "Failed to register an accepted channel ... No server is serving").
	local dropped
	dropped=$(cat "$dir"/*.log | grep -c 'Failed to register an accepted channel' || true)
	echo "| $way | $mode | $r | $n | $c | $rd | $w | $t | $((n + c + rd + w + t)) | $(result_field "$res" seconds) | $dropped |" >>"$RESULTS"
	log "$way/$mode: $res"
}

for way in "${WAYS[@]}"; do
	if [[ $way == handover && ${HANDOVER:-0} != 1 ]]; then
		log "handover: skipped (set HANDOVER=1 to measure it; see restart_handover)"
		echo "| handover | — | skipped: HANDOVER=1 not set | | | | | | | | |" >>"$RESULTS"
		continue
	fi
	for mode in $MODES; do measure "$way" "$mode"; done
done
echo >>"$RESULTS"
cat "$RESULTS"
log "logs in $OUT"
