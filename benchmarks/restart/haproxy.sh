#!/usr/bin/env bash
# A rolling restart of two sample processes behind HAProxy, under wrk load (issue 16,
# item 4). See docs/restarts.md.
#
#   benchmarks/restart/haproxy.sh [profile...]
#
# profiles (default: "plain tuned prestop delay"):
#   plain  what the issue names and nothing more: option httpchk GET
#          /actuator/health/readiness on each process's ops port, check inter 500ms fall 1
#          rise 2, timeout check 2s (without it a check gets inter, 500ms, to answer, and
#          on a busy machine one slow answer takes a healthy server out); HAProxy's
#          defaults otherwise (retries 3 on the same server, no
#          redispatch, no retries after a connection was established);
#   tuned  plain, plus option redispatch 1 (a retry goes to another server) and
#          retry-on conn-failure empty-response response-timeout (a GET that met a refused
#          connect, or a reused connection closed before any answer, is sent again);
#   prestop plain's HAProxy configuration, but before each SIGTERM the script takes the
#          server out through HAProxy's runtime API (set server app/<s> state maint) and
#          waits until HAProxy has no session on it (at most 5s), as a Kubernetes preStop
#          or a deploy tool would; once the new process is ready: state ready;
#   delay  plain's HAProxy configuration, the processes started with
#          --bind.shutdown.delay=$SHUTDOWN_DELAY (default 2s): after SIGTERM their readiness
#          answers 503 while they still accept, so that HAProxy's check takes them out
#          before their ports close.
# HAProxy (127.0.0.1, roundrobin) in front of processes a and b (slots 0 and 1: their own
# public and ops ports); wrk (-t 2 -c 16 --timeout 30s, keep-alive) GETs /hello?name=x
# through HAProxy for the whole run; ROUNDS (default 2) times, a then b: SIGTERM, wait
# until it has exited (HAProxy sees its readiness fail and takes it out), start it again,
# wait until it is ready and HAProxy has it UP again, PAUSE (default 2) seconds.
# With PROXY=1 (default) HAProxy sends PROXY protocol v2 (send-proxy-v2) and the public
# servers run with proxy-protocol=on; the handler's remote address is then checked once:
# a request with "X-Demo-Client: 203.0.113.7" (HAProxy sets it as the source with
# http-request set-src) must show up as 203.0.113.7 in the sample's access log. PROXY=0:
# plain HTTP to the processes.
# Environment: ROUNDS, PAUSE, SETTLE, PROXY, BUILD=1, JAR, JAVA, JVM_OPTS, WRK_CONNECTIONS,
# WRK_THREADS, READY_TIMEOUT. Output: benchmarks/restart/target/<UTC time>-haproxy/.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

ROUNDS=${ROUNDS:-2}
PAUSE=${PAUSE:-2}
SETTLE=${SETTLE:-3}
PROXY=${PROXY:-1}
PROFILES=("$@")
((${#PROFILES[@]})) || PROFILES=(plain tuned prestop delay)
PROFILE_ARGS=()

OUT=$HERE/target/$(date -u +%Y%m%dT%H%M%SZ)-haproxy
mkdir -p "$OUT"
export RUN_DIR
RUN_DIR=$(mktemp -d /tmp/nb-haproxy.XXXXXX)
trap 'cleanup; rm -rf "$RUN_DIR"' EXIT
trap 'exit 130' INT TERM

ensure_tools wrk curl haproxy
ensure_jar
export PUBLIC_PORT_0 PUBLIC_PORT_1 OPS_PORT_0 OPS_PORT_1 WORKER_PORT_0 WORKER_PORT_1
PUBLIC_PORT_0=$(free_port) PUBLIC_PORT_1=$(free_port) OPS_PORT_0=$(free_port) OPS_PORT_1=$(free_port)
WORKER_PORT_0=$(free_port) WORKER_PORT_1=$(free_port)
FRONT_PORT=$(free_port) STATS_PORT=$(free_port)
NAMES=(a b)

APP_ARGS=(--logging.level.dev.nettybind.access.public=OFF
	--management.endpoints.web.exposure.include=servers,health,prometheus,info,loggers)
SEND_PROXY=
if [[ $PROXY == 1 ]]; then
	APP_ARGS+=(--bind.servers.public.proxy-protocol=on)
	SEND_PROXY=send-proxy-v2
	export ACCESS_LOG=1   # on, but its logger OFF (APP_ARGS) except for the one check
fi

haproxy_config() { # <profile>
	local tuning=
	[[ $1 == tuned ]] && tuning="    option redispatch 1
    retry-on conn-failure empty-response response-timeout"
	cat <<CFG
global
    maxconn 2000
    stats socket $RUN_DIR/haproxy.sock mode 600 level admin
    log stderr format short local0 notice
defaults
    mode http
    log global
    timeout connect 2s
    timeout client 60s
    timeout server 60s
    timeout check 2s
    retries 3
$tuning
frontend fe
    bind 127.0.0.1:$FRONT_PORT
    http-request set-src hdr(x-demo-client) if { req.hdr(x-demo-client) -m found }
    default_backend app
backend app
    balance roundrobin
    option httpchk GET /actuator/health/readiness
    http-check expect status 200
    default-server check inter 500ms fall 1 rise 2 $SEND_PROXY
    server a 127.0.0.1:$PUBLIC_PORT_0 port $OPS_PORT_0
    server b 127.0.0.1:$PUBLIC_PORT_1 port $OPS_PORT_1
listen stats
    bind 127.0.0.1:$STATS_PORT
    stats enable
    stats uri /stats
CFG
}

# stat <server> <column>: a column of HAProxy's CSV statistics for app/<server>.
stat() {
	{ curl -fsS "http://127.0.0.1:$STATS_PORT/stats;csv" 2>/dev/null || true; } | awk -F, -v s="$1" -v c="$2" '
		NR == 1 { sub(/^# /, ""); for (i = 1; i <= NF; i++) col[$i] = i; next }
		$1 == "app" && $2 == s { print $(col[c]) }'
}
wait_haproxy() { # <server> <UP|DOWN>
	local deadline=$((SECONDS + READY_TIMEOUT))
	until [[ $(stat "$1" status) == "$2"* ]]; do
		((SECONDS < deadline)) || die "HAProxy has server $1 $(stat "$1" status), not $2"
		sleep 0.1
	done
}

# admin <command>: a command to HAProxy's runtime API (its stats socket).
admin() {
	python3 -c 'import socket, sys
s = socket.socket(socket.AF_UNIX)
s.connect(sys.argv[1])
s.sendall((sys.argv[2] + "\n").encode())
print(s.recv(65536).decode().strip())' "$RUN_DIR/haproxy.sock" "$1"
}
# pre_stop <server>: HAProxy sends it nothing new; waits until its sessions have ended.
pre_stop() {
	admin "set server app/$1 state maint" >/dev/null
	local deadline=$((SECONDS + 5))
	while (($(stat "$1" scur) > 0 && SECONDS < deadline)); do sleep 0.05; done
}

declare -A APP_PID
N=0
start_app() { # <slot>
	local slot=$1 dir=$2
	start_instance "$N" "$slot" "$dir/${NAMES[$slot]}-$N.log" "${APP_ARGS[@]}" "${PROFILE_ARGS[@]}"
	APP_PID[$slot]=$PID
	wait_ready "$PID" "$dir/${NAMES[$slot]}-$N.log"
	N=$((N + 1))
}

RESULTS=$OUT/results.md
COMMIT=$(git -C "$ROOT" rev-parse --short HEAD)$(git -C "$ROOT" diff --quiet HEAD -- . ':!benchmarks/restart' ':!docs/restarts.md' || echo "+dirty")
{
	echo "haproxy.sh $* — $(date -u '+%Y-%m-%d %H:%M UTC'), commit $COMMIT, $(haproxy -v | head -1 | cut -d' ' -f1-3), $(nproc) CPUs,"
	echo "$ROUNDS rolling restarts of both processes, PROXY=$PROXY; wrk -t $WRK_THREADS -c $WRK_CONNECTIONS --timeout 30s through HAProxy"
	echo
	echo "| profile | requests | non-2xx | connect | read | write | timeout | failed | HAProxy retries | redispatches | conn. errors | resp. errors | accepted, then dropped (starter's log) | checks that saw 503 / refused |"
	echo "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
} >"$RESULTS"

measure() { # <profile>
	local profile=$1 dir=$OUT/$1 hp slot round
	PROFILE_ARGS=()
	[[ $profile == delay ]] && PROFILE_ARGS=(--bind.shutdown.delay="${SHUTDOWN_DELAY:-2s}")
	mkdir -p "$dir"
	haproxy_config "$profile" >"$dir/haproxy.cfg"
	haproxy -c -q -f "$dir/haproxy.cfg" || die "bad HAProxy configuration $dir/haproxy.cfg"
	for slot in 0 1; do start_app "$slot" "$dir"; done
	haproxy -db -f "$dir/haproxy.cfg" >"$dir/haproxy.log" 2>&1 &
	hp=$!
	PIDS+=("$hp")
	wait_haproxy a UP
	wait_haproxy b UP
	curl -fsS "http://127.0.0.1:$FRONT_PORT/hello?name=x" >/dev/null || die "no answer through HAProxy"
	[[ $PROXY == 1 ]] && check_proxy_protocol "$dir"
	log "$profile: load through HAProxy 127.0.0.1:$FRONT_PORT, $ROUNDS rolling restarts"
	wrk_start "http://127.0.0.1:$FRONT_PORT/hello?name=x" "$dir/wrk.txt"
	sleep "$SETTLE"
	for round in $(seq 1 "$ROUNDS"); do
		for slot in 0 1; do
			local t0=$SECONDS name=${NAMES[$slot]}
			[[ $profile == prestop ]] && pre_stop "$name"
			stop_instance "${APP_PID[$slot]}"
			local down=$(stat "$name" status)
			start_app "$slot" "$dir"
			[[ $profile == prestop ]] && admin "set server app/$name state ready" >/dev/null
			wait_haproxy "$name" UP
			echo "$profile round $round: $name stopped in ${STOPPED}s (HAProxy then: $down), back UP after $((SECONDS - t0))s" >>"$OUT/restarts.log"
			log "$profile: round $round, $name restarted"
			sleep "$PAUSE"
		done
	done
	sleep "$SETTLE"
	wrk_stop "$dir/wrk.txt"
	local res=$RESULT r n c rd w t
	r=$(result_field "$res" requests) n=$(result_field "$res" non2xx) c=$(result_field "$res" connect)
	rd=$(result_field "$res" read) w=$(result_field "$res" write) t=$(result_field "$res" timeout)
	local wretr=0 wredis=0 econ=0 eresp=0 s
	for s in a b; do
		wretr=$((wretr + $(stat $s wretr))) wredis=$((wredis + $(stat $s wredis)))
		econ=$((econ + $(stat $s econ))) eresp=$((eresp + $(stat $s eresp)))
	done
	curl -fsS "http://127.0.0.1:$STATS_PORT/stats;csv" >"$dir/haproxy-stats.csv"
	local dropped saw503 refused
	dropped=$(cat "$dir"/[ab]-*.log | grep -c 'Failed to register an accepted channel' || true)
	saw503=$(grep -c '^<1>Server app/.* is DOWN, reason: Layer7 wrong status' "$dir/haproxy.log" || true)
	refused=$(grep -c '^<1>Server app/.* is DOWN, reason: Layer4 connection problem' "$dir/haproxy.log" || true)
	echo "| $profile | $r | $n | $c | $rd | $w | $t | $((n + c + rd + w + t)) | $wretr | $wredis | $econ | $eresp | $dropped | $saw503 / $refused |" >>"$RESULTS"
	log "$profile: $res; HAProxy retries $wretr, redispatches $wredis, connection errors $econ, response errors $eresp"
	kill -TERM "$hp"
	wait "$hp" 2>/dev/null || true
	for slot in 0 1; do stop_instance "${APP_PID[$slot]}"; done
}

# The handler sees the address HAProxy sends in the PROXY header: one request with
# X-Demo-Client through HAProxy to each process, its access log turned on for it.
check_proxy_protocol() { # <dir>
	local dir=$1 slot ops
	for slot in 0 1; do
		ops=OPS_PORT_$slot
		curl -fsS -o /dev/null -X POST -H 'Content-Type: application/json' -d '{"configuredLevel":"INFO"}' \
			"http://127.0.0.1:${!ops}/actuator/loggers/dev.nettybind.access.public"
	done
	for _ in 1 2; do curl -fsS -o /dev/null -H 'X-Demo-Client: 203.0.113.7' "http://127.0.0.1:$FRONT_PORT/hello?name=proxy"; done
	for slot in 0 1; do
		ops=OPS_PORT_$slot
		curl -fsS -o /dev/null -X POST -H 'Content-Type: application/json' -d '{"configuredLevel":"OFF"}' \
			"http://127.0.0.1:${!ops}/actuator/loggers/dev.nettybind.access.public"
	done
	local seen
	seen=$(grep -h 'name=proxy' "$dir"/*.log | grep -c '^.*203\.0\.113\.7 ' || true)
	grep -h 'name=proxy' "$dir"/*.log | sed 's/^.*dev.nettybind.access.public *: /  access log: /' | tee -a "$OUT/restarts.log" >&2
	((seen == 2)) || die "PROXY protocol: the access logs show $seen of 2 requests from 203.0.113.7"
	echo "PROXY protocol v2: both processes saw the client address 203.0.113.7 sent by HAProxy" >>"$RESULTS.proxy"
}

for profile in "${PROFILES[@]}"; do
	case $profile in plain | tuned | prestop | delay) measure "$profile" ;; *) die "unknown profile $profile" ;; esac
done
echo >>"$RESULTS"
[[ -f $RESULTS.proxy ]] && { sort -u "$RESULTS.proxy" >>"$RESULTS"; rm "$RESULTS.proxy"; }
cat "$RESULTS"
log "logs in $OUT"
