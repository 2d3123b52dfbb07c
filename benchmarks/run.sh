#!/usr/bin/env bash
# Load benchmarks of the Netty Bind Starter against its peers, all in one run, reported
# as ratios to bare Reactor Netty with its defaults. See docs/BENCHMARKS.md.
#
#   benchmarks/run.sh [quick|full]
#
# quick: 3 alternated rounds of 6 s per contender (under 10 minutes on 2 cores); TLS
#        handshakes with an EC P-256 key over TLS 1.3 only, 3 rounds of 3 s;
# full:  7 alternated rounds of 10 s per contender, bind timings repeated 3 times; TLS
#        handshakes with EC P-256 and RSA 2048 keys over TLS 1.3 and 1.2, 5 rounds of 10 s.
# The machine may be shared (builds, tests): each measurement waits for the CPUs to be
# quiet, a round in which other processes took CPU is repeated, and the CPU they took is
# reported (noise%). Past the mode's time budget nothing waits or repeats any more.
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
#   tls        new TLS handshakes per second, the starter with OpenSSL against the JDK provider
# (default: all three; e.g. ONLY=tls benchmarks/run.sh full). Targets of the parts not run
# are reported as not measured.
#
# TLS: the script makes a throw-away PKCS12 key store in the run's log directory (an EC
# P-256 and an RSA 2048 key, self-signed for localhost, valid 2 days; deleted when the
# script ends) and starts the starter twice, as OpenSSL (netty-tcnative BoringSSL) and as
# JDK (-Dio.netty.handler.ssl.noOpenSsl=true) server. h2load (--h1 -c64 -m1, one request
# with "Connection: close" per connection) makes every request on a new connection. On its
# own h2load would resume the last session on each reconnection: tls-fresh-handshakes.c,
# compiled with cc and preloaded into h2load, makes every handshake a full one and counts
# them (a run with a resumed session invalidates the result). TLS 1.2 is forced on the
# client with an OpenSSL configuration file (Protocol = -TLSv1.3).
set -euo pipefail

MODE=${1:-quick}
case "$MODE" in
	quick)
		WARMUP=4 DURATION=6 ROUNDS=3 BIND_REPEATS=1 QUIET_MAX=10 RETRIES=1 BUDGET=420
		MEMORY_CONTENDERS="starter rn-default"
		TLS_WARMUP_OPENSSL=8 TLS_WARMUP_JDK=25 TLS_WARMUP_MAX=45 TLS_DURATION=3 TLS_ROUNDS=3 TLS_VARIANTS="ec-tls13"
		;;
	full)
		WARMUP=10 DURATION=10 ROUNDS=7 BIND_REPEATS=3 QUIET_MAX=120 RETRIES=3 BUDGET=7200
		MEMORY_CONTENDERS="starter rn-default rn-tuned webflux vertx-1 netty"
		TLS_WARMUP_OPENSSL=20 TLS_WARMUP_JDK=60 TLS_WARMUP_MAX=150 TLS_DURATION=10 TLS_ROUNDS=5
		TLS_VARIANTS="ec-tls13 rsa-tls13 ec-tls12 rsa-tls12"
		;;
	*)
		echo "usage: $0 [quick|full]" >&2
		exit 2
		;;
esac
# Overrides, for trying the script out: BENCH_WARMUP, BENCH_DURATION, BENCH_ROUNDS.
WARMUP=${BENCH_WARMUP:-$WARMUP} DURATION=${BENCH_DURATION:-$DURATION} ROUNDS=${BENCH_ROUNDS:-$ROUNDS}
TLS_WARMUP_OPENSSL=${BENCH_TLS_WARMUP:-$TLS_WARMUP_OPENSSL} TLS_WARMUP_JDK=${BENCH_TLS_WARMUP:-$TLS_WARMUP_JDK}
TLS_WARMUP_MAX=${BENCH_TLS_WARMUP_MAX:-$TLS_WARMUP_MAX}
TLS_DURATION=${BENCH_TLS_DURATION:-$TLS_DURATION}
TLS_ROUNDS=${BENCH_TLS_ROUNDS:-$TLS_ROUNDS}
ONLY=${ONLY:-bind,plaintext,tls}
for section in ${ONLY//,/ }; do
	case "$section" in
		bind | plaintext | tls) ;;
		*)
			echo "ONLY: unknown part '$section' (bind, plaintext, tls)" >&2
			exit 2
			;;
	esac
done
# runs SECTION: whether this run includes that part
runs() {
	[[ ",$ONLY," == *",$1,"* ]]
}

HOST=127.0.0.1
SERVER_CPU=${SERVER_CPU:-0}
CLIENT_CPU=${CLIENT_CPU:-1}
JAVA=${JAVA:-java}
SERVER_JVM_OPTS=(-Xms512m -Xmx512m -XX:+AlwaysPreTouch)
CONNECTIONS=64
CHURN_CONNECTIONS=10000
IDLE_CONNECTIONS=10000
SHARED_MEMBERS=4
BIND_FIRST_PORT=19000
STATS_PORT=18120
# The two TLS servers: OpenSSL on TLS_PORT (EC key) and TLS_PORT+1 (RSA key), the JDK
# provider on TLS_PORT+2 and TLS_PORT+3.
TLS_PORT=18131
TLS_CONNECTIONS=64
TLS_PASSWORD=changeit
# A round in which other processes used more than this % of one CPU is repeated.
FOREIGN_LIMIT_PCT=5

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(cd "$HERE/.." && pwd)
STAMP=$(date -u +%Y%m%dT%H%M%SZ)
LOGS="$HERE/target/runs/$STAMP-$MODE"
TLS_KEYSTORE="$LOGS/bench.p12"
STARTED=$(date +%s)

NO_TIMEOUTS="--bind.servers.plaintext.limits.header-timeout=0 --bind.servers.plaintext.limits.idle-timeout=0"
NO_TIMEOUTS+=" --bind.servers.plaintext.limits.read-timeout=0"
# id|label|classpath|main class|arguments (PORT is replaced by the contender's port)
CONTENDERS=(
	"starter|starter, 1 server|lean|dev.nettybind.benchmarks.starter.StarterApp|single PORT"
	"rn-default|Reactor Netty, defaults|lean|dev.nettybind.benchmarks.reactor.BareReactorNettyApp|PORT"
	"rn-tuned|Reactor Netty, tuned|lean|dev.nettybind.benchmarks.reactor.BareReactorNettyApp|PORT tuned"
	"webflux|Spring Boot WebFlux|peers|dev.nettybind.benchmarks.webflux.WebFluxApp|PORT"
	"vertx-1|Vert.x 5, 1 instance|peers|dev.nettybind.benchmarks.vertx.VertxApp|PORT 1"
	"vertx-4|Vert.x 5, 4 instances|peers|dev.nettybind.benchmarks.vertx.VertxApp|PORT 4"
	"netty|raw Netty HttpServerCodec|lean|dev.nettybind.benchmarks.netty.NettyApp|PORT"
	"shared-4|starter, shared group of 4|lean|dev.nettybind.benchmarks.starter.StarterApp|shared PORT $SHARED_MEMBERS $STATS_PORT"
	# Diagnostics: what the starter's default limits cost, from either side.
	"starter-no-timeouts|starter, timeouts 0|lean|dev.nettybind.benchmarks.starter.StarterApp|single PORT $NO_TIMEOUTS"
	"rn-tuned-timeouts|Reactor Netty, tuned + timeouts|lean|dev.nettybind.benchmarks.reactor.BareReactorNettyApp|PORT tuned timeouts"
)
BASE_PORT=18101

PIDS=()
declare -A PID_OF PORT_OF LABEL_OF

log() {
	printf '[%4ss] %s\n' "$(($(date +%s) - STARTED))" "$*"
}

cleanup() {
	local pid
	for pid in "${PIDS[@]}"; do
		kill "$pid" 2>/dev/null || true
	done
	for pid in "${PIDS[@]}"; do
		for _ in $(seq 50); do
			kill -0 "$pid" 2>/dev/null || break
			sleep 0.1
		done
		kill -9 "$pid" 2>/dev/null || true
		wait "$pid" 2>/dev/null || true
	done
	# The TLS part's throw-away private keys do not outlive the run.
	rm -f "$TLS_KEYSTORE"
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
	STARTER_STATE="$(starter_state) (the work tree now: SKIP_BUILD reused an earlier build)"
	if [[ ${SKIP_BUILD:-0} == 1 && -f "$HERE/target/classpath-peers.txt" ]]; then
		log "reusing the last build (SKIP_BUILD=1)"
		return
	fi
	# The starter (with its parent and auto-configuration) into ~/.m2, then this module;
	# retried, as the work tree may be mid-edit or built by someone else at the same time.
	local attempt
	for attempt in 1 2 3; do
		log "building the starter and the benchmarks"
		STARTER_STATE=$(starter_state)
		if mvn -B -q -f "$ROOT/pom.xml" -Pbenchmarks -pl benchmarks -am install -DskipTests; then
			return
		fi
		((attempt < 3)) && { log "the build failed: retrying in 30 s"; sleep 30; }
	done
	echo "the build failed" >&2
	exit 1
}

classpath() {
	echo "$HERE/target/classes:$(cat "$HERE/target/classpath-$1.txt")"
}

# start NAME CPU-LIST JVM-OPTIONS(space separated, may be empty) CLASSPATH MAIN ARGS...
start_jvm() {
	local name=$1 cpus=$2 opts=$3 cp=$4 main=$5
	shift 5
	# shellcheck disable=SC2086
	taskset -c "$cpus" "$JAVA" $opts -cp "$(classpath "$cp")" "$main" "$@" >"$LOGS/$name.log" 2>&1 &
	PIDS+=($!)
	PID_OF[$name]=$!
}

# stop_jvm NAME: end a JVM that start_jvm started, and wait for it
stop_jvm() {
	local pid=${PID_OF[$1]:-}
	[[ -n $pid ]] || return 0
	kill "$pid" 2>/dev/null || true
	wait "$pid" 2>/dev/null || true
}

port_free() {
	! curl -s -o /dev/null --max-time 1 "http://$HOST:$1/" 2>/dev/null
}

# port_closed PORT: nothing accepts TCP connections on the port (whatever its protocol)
port_closed() {
	! (exec 3<>"/dev/tcp/$HOST/$1") 2>/dev/null
}

# wait_http PORT PID TIMEOUT-SECONDS [SCHEME]: poll until the port answers GET /plaintext
# with 200 (SCHEME https: over TLS, the certificate not checked)
wait_http() {
	local port=$1 pid=$2 deadline=$(($(date +%s) + $3)) scheme=${4:-http}
	until curl -sfk -o /dev/null --max-time 1 "$scheme://$HOST:$port/plaintext"; do
		if ! kill -0 "$pid" 2>/dev/null; then
			echo "the server on port $port died; its log:" >&2
			return 1
		fi
		if (($(date +%s) > deadline)); then
			echo "the server on port $port did not answer within $3 s" >&2
			return 1
		fi
		sleep 0.1
	done
}

# CPU ticks (1/100 s) of user+nice+system time of the whole machine, then steal
machine_ticks() {
	awk '/^cpu / { print $2 + $3 + $4, $9 }' /proc/stat
}

# CPU ticks used so far by the given processes
ticks_of() {
	local pid total=0 ticks
	for pid in "$@"; do
		ticks=$(awk '{ print $14 + $15 }' "/proc/$pid/stat" 2>/dev/null) || ticks=0
		total=$((total + ticks))
	done
	echo "$total"
}

# CPU used by all processes during the last second, in ticks (100 = one whole CPU)
busy_ticks_now() {
	local b0 s0 b1 s1
	read -r b0 s0 < <(machine_ticks)
	sleep 1
	read -r b1 s1 < <(machine_ticks)
	echo $(((b1 - b0) + (s1 - s0)))
}

# keep_round FOREIGN-PCT ATTEMPT: whether a measurement stands: other processes took at
# most FOREIGN_LIMIT_PCT % of a CPU meanwhile, or it was the last attempt, or the time
# budget is spent
keep_round() {
	awk -v f="$1" -v l="$FOREIGN_LIMIT_PCT" 'BEGIN { exit !(f <= l) }' || (($2 == RETRIES)) \
		|| (($(date +%s) - STARTED > BUDGET))
}

# wait_quiet MAX-SECONDS: wait until the machine is idle (the idle servers use about 1%
# of a CPU); 1 if it did not get quiet in time. No waiting once the time budget is spent.
wait_quiet() {
	local waited=0 busy
	while true; do
		busy=$(busy_ticks_now)
		if ((busy <= FOREIGN_LIMIT_PCT)); then
			return 0
		fi
		if (($(date +%s) - STARTED > BUDGET)); then
			return 1
		fi
		if ((waited == 0)); then
			log "   the machine is busy (${busy}% of a CPU): waiting for quiet (at most $1 s)"
		fi
		waited=$((waited + 1))
		if ((waited >= $1)); then
			return 1
		fi
	done
}

# wrk_run PORT SERVER-PID SECONDS OUTPUT: prints "rps p50-us p99-us errors foreign-%",
# foreign being the CPU that processes other than the server and wrk used meanwhile
wrk_run() {
	local port=$1 pid=$2 seconds=$3 out=$4 b0 s0 o0 b1 s1 o1 wrk_ticks foreign
	read -r b0 s0 < <(machine_ticks)
	o0=$(ticks_of "$pid")
	{
		TIMEFORMAT='%U %S'
		time taskset -c "$CLIENT_CPU" wrk -t1 -c"$CONNECTIONS" -d"${seconds}s" --latency \
			"http://$HOST:$port/plaintext" >"$out" 2>&1
	} 2>"$out.time" || true
	read -r b1 s1 < <(machine_ticks)
	o1=$(ticks_of "$pid")
	wrk_ticks=$(awk '{ printf "%d", ($1 + $2) * 100 }' "$out.time")
	foreign=$(((b1 - b0) - (o1 - o0) - wrk_ticks + (s1 - s0)))
	awk -v foreign="$foreign" -v seconds="$seconds" '
		function us(v) {
			if (v ~ /us$/) return v + 0
			if (v ~ /ms$/) return (v + 0) * 1000
			if (v ~ /s$/) return (v + 0) * 1000000
			return v + 0
		}
		/^ +50%/ { p50 = us($2) }
		/^ +99%/ { p99 = us($2) }
		/^Requests\/sec:/ { rps = $2 }
		/Non-2xx or 3xx responses:/ { errors += $NF }
		/Socket errors:/ { gsub(",", ""); errors += $4 + $6 + $8 + $10 }
		END {
			pct = foreign / seconds; if (pct < 0) pct = 0
			printf "%.0f %.0f %.0f %d %.1f\n", rps, p50, p99, errors, pct
		}' "$out"
}

median() {
	sort -g | awk '{ v[NR] = $1 } END { if (NR == 0) print 0; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2 }'
}

column_of() { # column_of FILE N
	awk -v n="$2" '{ print $n }' "$1"
}

ratio() {
	awk -v a="$1" -v b="$2" 'BEGIN { if (b == 0) print "n/a"; else printf "%.2f", a / b }'
}

# check LABEL VALUE OP LIMIT: prints one target line, counts met and missed
MET=0 MISSED=0 UNMEASURED=0
TARGET_LINES=()
check() {
	local label=$1 value=$2 op=$3 limit=$4 note=${5:-} verdict
	if [[ $value == n/a ]]; then
		verdict="NOT MEASURED"
		UNMEASURED=$((UNMEASURED + 1))
	elif awk -v v="$value" -v l="$limit" -v op="$op" \
		'BEGIN { exit !((op == ">=" && v >= l) || (op == "<=" && v <= l) || (op == "<" && v < l)) }'; then
		verdict="met"
		MET=$((MET + 1))
	else
		verdict="MISSED"
		MISSED=$((MISSED + 1))
	fi
	TARGET_LINES+=("$(printf '%-44s %8s  %-2s %-6s %-12s %s' "$label" "$value" "$op" "$limit" "$verdict" "$note")")
}

versions() {
	local jars
	jars=$(tr ':' '\n' <"$HERE/target/classpath-peers.txt")
	version_of() { basename "$(grep -m1 "/$1/" <<<"$jars")" | sed -E "s/^$1-//; s/\.jar$//"; }
	echo "date:          $(date -u '+%Y-%m-%d %H:%M UTC')"
	echo "command:       benchmarks/run.sh $MODE"
	echo "starter:       $STARTER_STATE"
	echo "machine:       $(nproc) CPUs, $(lscpu | awk -F: '/Model name/ { gsub(/^ +/, "", $2); print $2; exit }'), $(free -g | awk '/^Mem:/ { print $2 }') GiB, $(uname -r)"
	echo "java:          $("$JAVA" -version 2>&1 | head -2 | tail -1)"
	echo "spring boot:   $(version_of spring-boot)"
	echo "netty:         $(version_of netty-codec-http)"
	echo "reactor netty: $(version_of reactor-netty-http)"
	echo "vert.x:        $(version_of vertx-core)"
	echo "wrk:           $(wrk -v 2>&1 | head -1 | awk '{ print $2 }')"
	echo "pinning:       servers on CPU $SERVER_CPU, wrk -t1 -c$CONNECTIONS on CPU $CLIENT_CPU; server JVMs: ${SERVER_JVM_OPTS[*]}"
	echo "method:        warm-up ${WARMUP} s each, then $ROUNDS rounds x ${DURATION} s, contenders alternated (order rotated each round)"
	if runs tls; then
		echo "h2load:        $(h2load --version 2>&1 | awk '{ print $2; exit }') on $(openssl version | awk '{ print $1, $2 }')"
		echo "tcnative:      $(version_of netty-tcnative-boringssl-static) (OpenSSL provider); JDK provider: SunJSSE of the java above"
		echo "TLS method:    warm-up until the rate levels off (at least $TLS_WARMUP_OPENSSL s OpenSSL, $TLS_WARMUP_JDK s JDK) per variant, then $TLS_ROUNDS rounds x about ${TLS_DURATION} s, providers alternated (order swapped each round)"
	fi
	echo "parts run:     $ONLY"
}

# bind_once CPUS COUNT NAME: one timed start of the application with COUNT servers (0: with
# the starter off); writes its bind.tsv line to bind.last and the CPU, in % of one CPU,
# that other processes used meanwhile to bind.foreign
bind_once() {
	local cpus=$1 count=$2 name=$3 t0 b0 s0 b1 s1 w0=0 w1=0 elapsed line main first last ready accepted pid waiter=""
	if ((count > 0)); then
		taskset -c "$CLIENT_CPU" "$JAVA" -cp "$(classpath lean)" dev.nettybind.benchmarks.client.PortWaiter \
			"$BIND_FIRST_PORT" "$count" 60 >"$LOGS/$name.waiter" 2>&1 &
		waiter=$!
		PIDS+=("$waiter")
		until grep -q WAITING "$LOGS/$name.waiter" 2>/dev/null; do sleep 0.05; done
	fi
	read -r b0 s0 < <(machine_ticks)
	[[ -n $waiter ]] && w0=$(ticks_of "$waiter")
	t0=$(date +%s%3N)
	if ((count > 0)); then
		start_jvm "$name" "$cpus" "" lean dev.nettybind.benchmarks.starter.StarterApp many "$BIND_FIRST_PORT" "$count"
	else
		start_jvm "$name" "$cpus" "" lean dev.nettybind.benchmarks.starter.StarterApp none
	fi
	pid=${PID_OF[$name]}
	for _ in $(seq 600); do
		grep -q 'BIND-TIMING.* end$' "$LOGS/$name.log" 2>/dev/null && break
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.1
	done
	line=$(grep 'BIND-TIMING.* end$' "$LOGS/$name.log") || { cat "$LOGS/$name.log" >&2; return 1; }
	main=$(sed -E 's/.*main-ms=([0-9]+).*/\1/' <<<"$line")
	first=$(sed -E 's/.*first-bound-ms=([0-9]+).*/\1/' <<<"$line")
	last=$(sed -E 's/.*last-bound-ms=([0-9]+).*/\1/' <<<"$line")
	ready=$(sed -E 's/.*ready-ms=([0-9]+).*/\1/' <<<"$line")
	if ((count > 0)); then
		for _ in $(seq 600); do
			grep -q -E '^(ACCEPTING|TIMEOUT)' "$LOGS/$name.waiter" && break
			sleep 0.1
		done
		accepted=$(sed -nE 's/^ACCEPTING.*epoch-ms=([0-9]+).*/\1/p' "$LOGS/$name.waiter")
		[[ -n $accepted ]] || { cat "$LOGS/$name.waiter" >&2; return 1; }
		curl -sf -o /dev/null "http://$HOST:$((BIND_FIRST_PORT + count - 1))/plaintext"
	else
		accepted=$ready first=$main last=$main
	fi
	read -r b1 s1 < <(machine_ticks)
	elapsed=$(($(date +%s%3N) - t0))
	local server_ticks
	server_ticks=$(ticks_of "$pid")
	if [[ -n $waiter ]]; then
		w1=$(ticks_of "$waiter")
		kill "$waiter" 2>/dev/null || true
		wait "$waiter" 2>/dev/null || true
	fi
	kill "$pid" 2>/dev/null || true
	wait "$pid" 2>/dev/null || true
	# cpus count launch->main main->all-accepting launch->all-accepting first->last-bound
	printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$cpus" "$count" $((main - t0)) $((accepted - main)) \
		$((accepted - t0)) $((last - first)) >"$LOGS/bind.last"
	awk -v f=$(((b1 - b0) + (s1 - s0) - server_ticks - (w1 - w0))) -v ms="$elapsed" \
		'BEGIN { p = f * 1000 / ms; printf "%.1f\n", (p < 0) ? 0 : p }' >"$LOGS/bind.foreign"
}

bind_scale() {
	# Time from launching the JVM (and from entering main) until every port accepts.
	local cpus count rep attempt foreign
	: >"$LOGS/bind.tsv"
	for cpus in "$SERVER_CPU" "$SERVER_CPU,$CLIENT_CPU"; do
		for count in 0 1 10 100; do
			for rep in $(seq "$BIND_REPEATS"); do
				for attempt in $(seq 0 "$RETRIES"); do
					wait_quiet "$QUIET_MAX" || true
					bind_once "$cpus" "$count" "bind-$count-$rep-$attempt-${cpus/,/+}"
					foreign=$(cat "$LOGS/bind.foreign")
					if keep_round "$foreign" "$attempt"; then
						break
					fi
					log "   bind $count on CPU $cpus: other processes took ${foreign}% of a CPU: repeating it"
				done
				cat "$LOGS/bind.last" >>"$LOGS/bind.tsv"
			done
			log "   bind $count server(s) on CPU $cpus: main -> all accepting $(bind_median "$cpus" "$count" 4) ms"
		done
	done
}

bind_median() { # bind_median CPUS COUNT COLUMN
	awk -v c="$1" -v n="$2" -v k="$3" -F'\t' '$1 == c && $2 == n { print $k }' "$LOGS/bind.tsv" | median
}

start_contenders() {
	local i=0 entry id label cp main args port
	for entry in "${CONTENDERS[@]}"; do
		IFS='|' read -r id label cp main args <<<"$entry"
		port=$((BASE_PORT + i))
		i=$((i + 1))
		port_free "$port" || { echo "port $port is taken: stop what listens there" >&2; exit 1; }
		PORT_OF[$id]=$port
		LABEL_OF[$id]=$label
		# shellcheck disable=SC2086
		start_jvm "$id" "$SERVER_CPU" "${SERVER_JVM_OPTS[*]}" "$cp" "$main" ${args//PORT/$port}
	done
	for entry in "${CONTENDERS[@]}"; do
		IFS='|' read -r id _ <<<"$entry"
		wait_http "${PORT_OF[$id]}" "${PID_OF[$id]}" 180 || { cat "$LOGS/$id.log" >&2; exit 1; }
	done
}

stop_contenders() {
	local id
	for id in $(ids); do
		stop_jvm "$id"
	done
}

ids() {
	local entry
	for entry in "${CONTENDERS[@]}"; do
		echo "${entry%%|*}"
	done
}

throughput() {
	local id round attempt result rps p50 p99 errors foreign n order=() all
	mapfile -t all < <(ids)
	n=${#all[@]}
	log "warm-up: ${WARMUP} s per contender"
	for id in "${all[@]}"; do
		wrk_run "${PORT_OF[$id]}" "${PID_OF[$id]}" "$WARMUP" "$LOGS/$id.warmup" >/dev/null
	done
	for round in $(seq "$ROUNDS"); do
		order=()
		for i in $(seq 0 $((n - 1))); do
			order+=("${all[$(((i + round - 1) % n))]}")
		done
		log "round $round/$ROUNDS: ${order[*]}"
		for id in "${order[@]}"; do
			for attempt in $(seq 0 "$RETRIES"); do
				wait_quiet "$QUIET_MAX" || true
				result=$(wrk_run "${PORT_OF[$id]}" "${PID_OF[$id]}" "$DURATION" "$LOGS/$id.round$round")
				read -r rps p50 p99 errors foreign <<<"$result"
				if keep_round "$foreign" "$attempt"; then
					break
				fi
				log "   $id: other processes took ${foreign}% of a CPU during the run: repeating it"
			done
			echo "$result" >>"$LOGS/$id.tsv"
			log "   $(printf '%-10s %8s req/s  p50 %6s us  p99 %7s us  errors %s  foreign %s%%' "$id" "$rps" "$p50" "$p99" "$errors" "$foreign")"
		done
	done
}

stats() {
	curl -sf "http://$HOST:$STATS_PORT/stats"
}

fairness() {
	local before after out
	before=$(stats)
	taskset -c "$CLIENT_CPU" "$JAVA" -cp "$(classpath lean)" dev.nettybind.benchmarks.client.ConnectionChurn \
		"${PORT_OF[shared-4]}" "$CHURN_CONNECTIONS" 4 >"$LOGS/churn.log" 2>&1 &
	PIDS+=($!)
	wait $! || { cat "$LOGS/churn.log" >&2; return 1; }
	after=$(stats)
	out=$(LC_ALL=C join <(LC_ALL=C sort <<<"$before") <(LC_ALL=C sort <<<"$after") | awk '{ print $1, $4 - $2 }')
	echo "$out" >"$LOGS/fairness.txt"
	FAIRNESS_DETAIL=$(awk '{ printf "%s%s=%s", sep, $1, $2; sep = " " }' <<<"$out")
	FAIRNESS=$(awk 'NR == 1 || $2 > max { max = $2 } NR == 1 || $2 < min { min = $2 } END { if (min == 0) print "n/a"; else printf "%.2f", max / min }' <<<"$out")
	CHURN_RESULT=$(grep CHURN "$LOGS/churn.log")
	log "   fairness over $CHURN_CONNECTIONS new connections: $FAIRNESS_DETAIL ($CHURN_RESULT)"
}

rss_kb() {
	awk '/^VmRSS:/ { print $2 }' "/proc/$1/status"
}

heap_used_kb() {
	jcmd "$1" GC.run >/dev/null
	sleep 1
	jcmd "$1" GC.heap_info | awk '/total [0-9]+K, used [0-9]+K/ { for (i = 1; i <= NF; i++) if ($i == "used") { v = $(i + 1); sub("K,?", "", v); s += v } } END { print s + 0 }'
}

memory() {
	local id pid rss0 rss1 heap0 heap1 client open hard
	: >"$LOGS/memory.tsv"
	hard=$(ulimit -Hn)
	if [[ $hard != unlimited ]] && ((hard < IDLE_CONNECTIONS + 200)); then
		MEMORY_SKIPPED="the open-files limit is $hard, below $IDLE_CONNECTIONS connections"
		log "   memory: skipped: $MEMORY_SKIPPED"
		return
	fi
	for id in $MEMORY_CONTENDERS; do
		pid=${PID_OF[$id]}
		heap0=$(heap_used_kb "$pid")
		rss0=$(rss_kb "$pid")
		taskset -c "$CLIENT_CPU" "$JAVA" -cp "$(classpath lean)" dev.nettybind.benchmarks.client.IdleConnections \
			"${PORT_OF[$id]}" "$IDLE_CONNECTIONS" >"$LOGS/idle-$id.log" 2>&1 &
		client=$!
		PIDS+=($client)
		for _ in $(seq 1200); do
			grep -q '^IDLE' "$LOGS/idle-$id.log" 2>/dev/null && break
			kill -0 "$client" 2>/dev/null || break
			sleep 0.1
		done
		open=$(sed -nE 's/^IDLE open=([0-9]+).*/\1/p' "$LOGS/idle-$id.log")
		if [[ -z $open || $open == 0 ]]; then
			log "   memory $id: the client opened no connection: $(tail -3 "$LOGS/idle-$id.log")"
			kill "$client" 2>/dev/null || true
			continue
		fi
		sleep 2
		heap1=$(heap_used_kb "$pid")
		rss1=$(rss_kb "$pid")
		kill "$client" 2>/dev/null || true
		wait "$client" 2>/dev/null || true
		printf '%s\t%s\t%s\t%s\n' "$id" "$open" $(((rss1 - rss0) * 1024 / open)) $(((heap1 - heap0) * 1024 / open)) \
			>>"$LOGS/memory.tsv"
		log "   memory $id: $open idle connections: RSS +$(((rss1 - rss0) / 1024)) MiB, heap +$(((heap1 - heap0) / 1024)) MiB"
		sleep 3
	done
}

# --- TLS handshakes: the starter with OpenSSL against the JDK provider -------------------

declare -A TLS_COUNT TLS_ENGINE TLS_WARMED
TLS_TIMEOUT=$((10 * TLS_DURATION + 120))
# Warm-up lasts at least TLS_WARMUP_<PROVIDER> s, then ends when the rates of the last
# TLS_PLATEAU chunks (of about 2 s each) are within TLS_PLATEAU_PCT % of their median, or
# after TLS_WARMUP_MAX s. The JDK provider, whose TLS is Java code the JIT compiles, needs
# 30 to 60 s on one core, and its rate stalls for some seconds on the way (at a fifth of
# its level in a trial): hence its longer minimum.
TLS_PLATEAU=4 TLS_PLATEAU_PCT=7

tls_variant_label() {
	case "$1" in
		ec-tls13) echo "EC P-256, TLS 1.3" ;;
		rsa-tls13) echo "RSA 2048, TLS 1.3" ;;
		ec-tls12) echo "EC P-256, TLS 1.2" ;;
		rsa-tls12) echo "RSA 2048, TLS 1.2" ;;
		*) echo "$1" ;;
	esac
}

tls_provider_label() {
	case "$1" in
		openssl) echo "OpenSSL" ;;
		jdk) echo "JDK" ;;
	esac
}

# tls_port PROVIDER VARIANT: the port of the server with that provider and key
tls_port() {
	local port=${PORT_OF[tls-$1]}
	[[ $2 == rsa-* ]] && port=$((port + 1))
	echo "$port"
}

# The key store of the TLS servers: an EC P-256 key (alias ec) and an RSA 2048 key (alias
# rsa), each with a self-signed certificate for localhost and 127.0.0.1, valid 2 days. It
# lives in the run's log directory and is deleted when the script ends. Also the client's
# TLS 1.2 configuration and its preloaded library.
prepare_tls() {
	local keytool java
	java=$(readlink -f "$(command -v "$JAVA")")
	keytool="$(dirname "$java")/keytool"
	[[ -x $keytool ]] || keytool=$(command -v keytool) || { echo "keytool not found next to $java" >&2; exit 1; }
	rm -f "$TLS_KEYSTORE"
	"$keytool" -genkeypair -alias ec -keyalg EC -groupname secp256r1 -dname "CN=localhost, O=Bench EC" \
		-ext san=dns:localhost,ip:127.0.0.1 -storetype PKCS12 -keystore "$TLS_KEYSTORE" \
		-storepass "$TLS_PASSWORD" -validity 2 >>"$LOGS/keytool.log" 2>&1
	"$keytool" -genkeypair -alias rsa -keyalg RSA -keysize 2048 -dname "CN=localhost, O=Bench RSA" \
		-ext san=dns:localhost,ip:127.0.0.1 -storetype PKCS12 -keystore "$TLS_KEYSTORE" \
		-storepass "$TLS_PASSWORD" -validity 2 >>"$LOGS/keytool.log" 2>&1
	# h2load has no option for the TLS version; this OpenSSL configuration switches TLS 1.3
	# off in its client (Protocol sets SSL_OP_NO_TLSv1_3, which h2load leaves alone).
	printf '%s\n' "openssl_conf = bench_conf" "[bench_conf]" "ssl_conf = bench_ssl" "[bench_ssl]" \
		"system_default = bench_tls12" "[bench_tls12]" "Protocol = -TLSv1.3" >"$LOGS/tls12.cnf"
	cc -O2 -shared -fPIC -o "$LOGS/tls-fresh.so" "$HERE/tls-fresh-handshakes.c" -ldl
}

# Two starters, each with two secure servers of bind.servers from the key store: the EC key
# on the first port, the RSA key on the next. One runs with OpenSSL (netty-tcnative
# BoringSSL, the starter's default), the other with the JDK provider.
start_tls_servers() {
	local provider port opts i=0
	for provider in openssl jdk; do
		port=$((TLS_PORT + 2 * i))
		i=$((i + 1))
		port_closed "$port" && port_closed $((port + 1)) \
			|| { echo "port $port or $((port + 1)) is taken: stop what listens there" >&2; exit 1; }
		PORT_OF[tls-$provider]=$port
		opts="${SERVER_JVM_OPTS[*]}"
		[[ $provider == jdk ]] && opts+=" -Dio.netty.handler.ssl.noOpenSsl=true"
		start_jvm "tls-$provider" "$SERVER_CPU" "$opts" lean dev.nettybind.benchmarks.starter.StarterApp \
			single "$port" "--bind.certificate-database.location=file:$TLS_KEYSTORE" \
			"--bind.certificate-database.password=$TLS_PASSWORD" --bind.servers.plaintext.certificate-name=ec \
			--bind.servers.rsa.address=LOOPBACK_IP_V4 "--bind.servers.rsa.port=$((port + 1))" \
			--bind.servers.rsa.handler=plaintextHandler --bind.servers.rsa.certificate-name=rsa \
			--logging.level.io.netty.handler.ssl.OpenSsl=debug
	done
	for provider in openssl jdk; do
		port=${PORT_OF[tls-$provider]}
		wait_http "$port" "${PID_OF[tls-$provider]}" 180 https \
			&& wait_http $((port + 1)) "${PID_OF[tls-$provider]}" 30 https \
			|| { cat "$LOGS/tls-$provider.log" >&2; exit 1; }
	done
}

# h2load_run PORT SERVER-PID VARIANT HANDSHAKES OUTPUT: HANDSHAKES new connections, one
# request each, each with a full handshake; prints "hs/s server-cpu% client-cpu%
# hs-per-server-cpu-s handshakes errors foreign% resumed", the CPU in % of one CPU, foreign
# being what processes other than the server and h2load used meanwhile, resumed the
# handshakes that resumed a session (0, or the preloaded library did not work)
h2load_run() {
	local port=$1 pid=$2 variant=$3 count=$4 out=$5 conf=(env "LD_PRELOAD=$LOGS/tls-fresh.so") b0 s0 o0 b1 s1 o1 t0 ms
	[[ $variant == *-tls12 ]] && conf+=("OPENSSL_CONF=$LOGS/tls12.cnf")
	read -r b0 s0 < <(machine_ticks)
	o0=$(ticks_of "$pid")
	t0=$(date +%s%3N)
	{
		TIMEFORMAT='%U %S'
		time timeout -k 5 "$TLS_TIMEOUT" taskset -c "$CLIENT_CPU" "${conf[@]}" h2load --h1 -c"$TLS_CONNECTIONS" -m1 \
			-n"$count" -H 'Connection: close' "https://$HOST:$port/plaintext" >"$out" 2>&1
	} 2>"$out.time" || true
	ms=$(($(date +%s%3N) - t0))
	read -r b1 s1 < <(machine_ticks)
	o1=$(ticks_of "$pid")
	awk -v busy=$(((b1 - b0) + (s1 - s0))) -v server=$((o1 - o0)) -v ms="$ms" -v timefile="$out.time" '
		BEGIN { getline t < timefile; split(t, c, " "); client = (c[1] + c[2]) * 100 }
		/^finished in/ { rate = $4 }
		/^requests:/ { for (i = 2; i <= NF; i++) if ($(i + 1) ~ /^failed/) failed = $i }
		/^status codes:/ { for (i = 3; i <= NF; i++) if ($(i + 1) ~ /^[45]xx/) failed += $i }
		/^TLS-HANDSHAKES / { split($2, c, "="); hs = c[2]; split($3, r, "="); resumed = r[2]; seen = 1 }
		END {
			if (ms <= 0) ms = 1
			if (!seen) { hs = 0; resumed = -1 }   # the preloaded library did not report
			foreign = (busy - server - client) * 1000 / ms; if (foreign < 0) foreign = 0
			printf "%.0f %.0f %.0f %.0f %d %d %.1f %d\n", rate, server * 1000 / ms, client * 1000 / ms,
				(server > 0) ? hs * 100 / server : 0, hs, failed + 0, foreign, resumed
		}' "$out"
}

# tls_count RATE SECONDS: how many handshakes take about SECONDS at RATE per second
tls_count() {
	awk -v r="$1" -v s="$2" 'BEGIN { n = int(r * s); if (n < 1000) n = 1000; print n }'
}

# tls_engine PID: the TLS engine classes in the server's heap and how many instances (the
# histogram counts unreachable objects too, so the engines of closed connections show)
tls_engine() {
	jcmd "$1" GC.class_histogram -all 2>/dev/null | awk '
		$4 ~ /^io\.netty\.handler\.ssl\.(ReferenceCounted)?OpenSslEngine$/ || $4 == "sun.security.ssl.SSLEngineImpl" {
			n = split($4, part, "."); printf "%s%s x%s", sep, part[n], $2; sep = ", "
		}
		END { if (sep == "") printf "none found" }'
}

# tls_warm_up PORT PID VARIANT NAME MIN-SECONDS: load the server in chunks of about 2 s
# until its rate levels off (at least MIN-SECONDS, at most TLS_WARMUP_MAX s); prints the
# level (the median of the last chunks), the seconds it took and whether it levelled off
tls_warm_up() {
	local port=$1 pid=$2 variant=$3 name=$4 min=$5 start rate=0 rates=() elapsed level=""
	start=$(date +%s)
	: >"$LOGS/$name.warmup-rates"
	while true; do
		read -r rate _ < <(h2load_run "$port" "$pid" "$variant" "$(tls_count "${rate:-0}" 2)" "$LOGS/$name.warmup")
		rate=${rate:-0}
		rates+=("$rate")
		echo "$rate" >>"$LOGS/$name.warmup-rates"
		elapsed=$(($(date +%s) - start))
		if ((elapsed >= min && ${#rates[@]} >= TLS_PLATEAU)); then
			level=$(printf '%s\n' "${rates[@]: -TLS_PLATEAU}" | sort -g | awk -v pct="$TLS_PLATEAU_PCT" '
				{ v[NR] = $1 }
				END {
					n = NR; m = (n % 2) ? v[(n + 1) / 2] : (v[n / 2] + v[n / 2 + 1]) / 2
					for (i = 1; i <= n; i++) if (m <= 0 || v[i] < m * (1 - pct / 100) || v[i] > m * (1 + pct / 100)) exit 1
					printf "%.0f\n", m
				}') && break
			level=""
		fi
		((elapsed >= TLS_WARMUP_MAX)) && break
	done
	if [[ -z $level ]]; then
		level=$(printf '%s\n' "${rates[@]: -TLS_PLATEAU}" | median | awk '{ printf "%.0f", $1 }')
		echo "$level $elapsed not-levelled"
	else
		echo "$level $elapsed levelled"
	fi
}

tls_bench() {
	local variant provider port pid rate round attempt result order server client percpu hs errors foreign resumed elapsed levelled min
	log "TLS: key store, and the starter with OpenSSL and with the JDK provider on CPU $SERVER_CPU"
	prepare_tls
	start_tls_servers
	log "TLS warm-up: until the rate levels off, at least $TLS_WARMUP_OPENSSL s (OpenSSL) or $TLS_WARMUP_JDK s (JDK), at most $TLS_WARMUP_MAX s, per variant"
	for variant in $TLS_VARIANTS; do
		for provider in openssl jdk; do
			: >"$LOGS/tls-$variant-$provider.tsv"
			port=$(tls_port "$provider" "$variant")
			pid=${PID_OF[tls-$provider]}
			if [[ $provider == jdk ]]; then min=$TLS_WARMUP_JDK; else min=$TLS_WARMUP_OPENSSL; fi
			read -r rate elapsed levelled < <(tls_warm_up "$port" "$pid" "$variant" "tls-$variant-$provider" "$min")
			# The rounds are sized (in handshakes: h2load -D does not end with -H 'Connection: close')
			# to take about TLS_DURATION s at the warm-up's level.
			TLS_COUNT[$variant-$provider]=$(tls_count "$rate" "$TLS_DURATION")
			TLS_WARMED[$variant-$provider]="$elapsed s, $levelled at $rate hs/s"
			log "   $variant $provider: warm-up $elapsed s ($(paste -sd' ' "$LOGS/tls-$variant-$provider.warmup-rates")): $levelled at $rate handshakes/s; $(grep -m1 -E '^TLS Protocol' "$LOGS/tls-$variant-$provider.warmup" || echo 'no TLS protocol reported'), $(grep -m1 -E '^Cipher' "$LOGS/tls-$variant-$provider.warmup" || true)"
		done
	done
	for provider in openssl jdk; do
		TLS_ENGINE[$provider]=$(tls_engine "${PID_OF[tls-$provider]}")
		log "   engines in the $(tls_provider_label "$provider") server's heap: ${TLS_ENGINE[$provider]}"
	done
	for round in $(seq "$TLS_ROUNDS"); do
		if ((round % 2)); then order=(openssl jdk); else order=(jdk openssl); fi
		log "TLS round $round/$TLS_ROUNDS: ${order[*]}"
		for variant in $TLS_VARIANTS; do
			for provider in "${order[@]}"; do
				port=$(tls_port "$provider" "$variant")
				pid=${PID_OF[tls-$provider]}
				for attempt in $(seq 0 "$RETRIES"); do
					wait_quiet "$QUIET_MAX" || true
					result=$(h2load_run "$port" "$pid" "$variant" "${TLS_COUNT[$variant-$provider]}" \
						"$LOGS/tls-$variant-$provider.round$round")
					read -r rate server client percpu hs errors foreign resumed <<<"$result"
					if keep_round "$foreign" "$attempt"; then
						break
					fi
					log "   $variant $provider: other processes took ${foreign}% of a CPU during the run: repeating it"
				done
				echo "$result" >>"$LOGS/tls-$variant-$provider.tsv"
				log "   $(printf '%-9s %-7s %6s hs/s  server %3s%%  h2load %3s%%  %6s hs per server CPU-s  %6s full handshakes  resumed %s  errors %s  foreign %s%%' \
					"$variant" "$provider" "$rate" "$server" "$client" "$percpu" "$hs" "$resumed" "$errors" "$foreign")"
			done
		done
	done
	for provider in openssl jdk; do
		stop_jvm "tls-$provider"
	done
}

# tls_ratio VARIANT COLUMN: OpenSSL over JDK, of the medians of that column
tls_ratio() {
	ratio "$(column_of "$LOGS/tls-$1-openssl.tsv" "$2" | median)" "$(column_of "$LOGS/tls-$1-jdk.tsv" "$2" | median)"
}

# tls_round_ratio VARIANT: the median of the per-round ratios of handshakes/s
tls_round_ratio() {
	paste -d' ' "$LOGS/tls-$1-openssl.tsv" "$LOGS/tls-$1-jdk.tsv" \
		| awk '$9 > 0 { print $1 / $9 }' | median | awk '{ printf "%.2f", $1 }'
}

# tls_openssl_ok: the OpenSSL server's handshakes went through OpenSSL, the JDK server's not
tls_openssl_ok() {
	[[ ${TLS_ENGINE[openssl]} == *OpenSslEngine* && ${TLS_ENGINE[jdk]} != *OpenSslEngine* \
		&& ${TLS_ENGINE[jdk]} == *SSLEngineImpl* ]]
}

report_tls() {
	local variant provider f rate lo hi server client percpu errors noise resumed
	echo "TLS handshakes/s: the starter with OpenSSL (BoringSSL) against the JDK provider, each server on CPU $SERVER_CPU;"
	echo "a new connection with a full handshake per request (h2load --h1 -c$TLS_CONNECTIONS -m1, Connection: close, on CPU $CLIENT_CPU)"
	printf '  %-18s %-8s %9s %15s %8s %8s %12s %8s %7s %7s\n' "variant" "provider" "hs/s" "min..max" "server%" "h2load%" \
		"hs/server-s" "resumed" "errors" "noise%"
	for variant in $TLS_VARIANTS; do
		for provider in openssl jdk; do
			f="$LOGS/tls-$variant-$provider.tsv"
			rate=$(column_of "$f" 1 | median)
			lo=$(column_of "$f" 1 | sort -g | head -1)
			hi=$(column_of "$f" 1 | sort -g | tail -1)
			server=$(column_of "$f" 2 | median)
			client=$(column_of "$f" 3 | median)
			percpu=$(column_of "$f" 4 | median)
			errors=$(column_of "$f" 6 | awk '{ s += $1 } END { print s + 0 }')
			noise=$(column_of "$f" 7 | sort -g | tail -1)
			resumed=$(column_of "$f" 8 | awk '$1 < 0 { unknown = 1 } { s += $1 } END { print unknown ? "?" : s + 0 }')
			printf '  %-18s %-8s %9.0f %15s %8.0f %8.0f %12.0f %8s %7s %7s\n' "$(tls_variant_label "$variant")" \
				"$(tls_provider_label "$provider")" "$rate" "$lo..$hi" "$server" "$client" "$percpu" "$resumed" "$errors" "$noise"
		done
		printf '  %-18s %-8s %9s   (median of per-round ratios %s; per server CPU-second %s)\n' "" "OpenSSL/JDK" \
			"$(tls_ratio "$variant" 1)" "$(tls_round_ratio "$variant")" "$(tls_ratio "$variant" 4)"
	done
	echo "  (medians of $TLS_ROUNDS rounds of about ${TLS_DURATION} s; server%, h2load%: CPU used by the server JVM and by"
	echo "   h2load in % of one CPU, the one near 100 limits the rate; hs/server-s: handshakes per CPU-second of the server;"
	echo "   resumed: handshakes that resumed a session, over all rounds: must be 0)"
	echo "  TLS engines in the servers' heaps: OpenSSL server: ${TLS_ENGINE[openssl]:-?}; JDK server: ${TLS_ENGINE[jdk]:-?}"
	echo "  warm-up (until the rate levelled off):"
	for variant in $TLS_VARIANTS; do
		for provider in openssl jdk; do
			printf '    %-18s %-8s %s\n' "$(tls_variant_label "$variant")" "$(tls_provider_label "$provider")" \
				"${TLS_WARMED[$variant-$provider]:-?}"
		done
	done
}

# check_tls: the target, on EC P-256 over TLS 1.3
check_tls() {
	local value note server client
	if ! tls_openssl_ok; then
		check "OpenSSL / JDK TLS handshakes (EC, TLS 1.3)" "n/a" ">=" 1.5 \
			"the servers did not use the expected engines: ${TLS_ENGINE[openssl]:-?} / ${TLS_ENGINE[jdk]:-?}"
		return
	fi
	if ! cat "$LOGS"/tls-ec-tls13-*.tsv | awk '$8 != 0 { exit 1 }'; then
		check "OpenSSL / JDK TLS handshakes (EC, TLS 1.3)" "n/a" ">=" 1.5 \
			"some handshakes resumed a session (or were not counted): not full handshakes"
		return
	fi
	value=$(tls_ratio ec-tls13 1)
	server=$(column_of "$LOGS/tls-ec-tls13-openssl.tsv" 2 | median)
	client=$(column_of "$LOGS/tls-ec-tls13-openssl.tsv" 3 | median)
	note="(per round $(tls_round_ratio ec-tls13), per server CPU-second $(tls_ratio ec-tls13 4))"
	if awk -v s="$server" -v c="$client" 'BEGIN { exit !(s < 90 && c >= 90) }'; then
		note+="; client-bound: h2load at ${client}% of its core, the OpenSSL server at ${server}%: a lower bound"
	fi
	check "OpenSSL / JDK TLS handshakes (EC, TLS 1.3)" "$value" ">=" 1.5 "$note"
}

report() {
	local id rps p50 p99 lo hi errors noise base starter tuned vertx shared runs bytes rss skipped
	skipped="not run (ONLY=$ONLY)"
	echo
	echo "== Netty Bind Starter benchmarks ($MODE) =="
	versions
	echo
	if runs plaintext; then
		base=$(column_of "$LOGS/rn-default.tsv" 1 | median)
		echo "Plaintext, GET /plaintext, 13-byte body, HTTP/1.1 keep-alive, $CONNECTIONS connections"
		printf '%-30s %10s %21s %9s %9s %7s %7s %7s\n' "contender" "req/s" "min..max" "p50 ms" "p99 ms" "vs RN" \
			"errors" "noise%"
		for id in $(ids); do
			rps=$(column_of "$LOGS/$id.tsv" 1 | median)
			lo=$(column_of "$LOGS/$id.tsv" 1 | sort -g | head -1)
			hi=$(column_of "$LOGS/$id.tsv" 1 | sort -g | tail -1)
			p50=$(column_of "$LOGS/$id.tsv" 2 | median)
			p99=$(column_of "$LOGS/$id.tsv" 3 | median)
			errors=$(column_of "$LOGS/$id.tsv" 4 | awk '{ s += $1 } END { print s + 0 }')
			noise=$(column_of "$LOGS/$id.tsv" 5 | sort -g | tail -1)
			printf '%-30s %10.0f %21s %9.3f %9.3f %7s %7s %7s\n' "${LABEL_OF[$id]}" "$rps" "$lo..$hi" \
				"$(awk -v v="$p50" 'BEGIN { print v / 1000 }')" "$(awk -v v="$p99" 'BEGIN { print v / 1000 }')" \
				"$(ratio "$rps" "$base")" "$errors" "$noise"
		done
		echo "(medians of $ROUNDS rounds of ${DURATION} s; vs RN: over Reactor Netty with its defaults; noise%: the most"
		echo " CPU, in % of one CPU, that other processes of the machine used during a kept round of that contender)"
		echo
		echo "Shared group of $SHARED_MEMBERS, $CHURN_CONNECTIONS new connections (Connection: close):"
		echo "  connections per member: $FAIRNESS_DETAIL; max/min $FAIRNESS"
	else
		echo "Plaintext throughput, shared-group fairness, memory per idle connection: $skipped"
	fi
	echo
	if runs bind; then
		echo "Time to bind from config (ms, median of $BIND_REPEATS; 'none' is Spring Boot with the starter off):"
		printf '  %-8s %-8s %14s %20s %22s %18s\n' "CPUs" "servers" "launch->main" "main->all accepting" "launch->all accepting" "first->last bound"
		local cpus count
		for cpus in "$SERVER_CPU" "$SERVER_CPU,$CLIENT_CPU"; do
			for count in 0 1 10 100; do
				printf '  %-8s %-8s %14s %20s %22s %18s\n' "$cpus" "$( ((count == 0)) && echo none || echo "$count")" \
					"$(bind_median "$cpus" "$count" 3)" "$(bind_median "$cpus" "$count" 4)" \
					"$(bind_median "$cpus" "$count" 5)" "$(bind_median "$cpus" "$count" 6)"
			done
		done
	else
		echo "Time to bind from config: $skipped"
	fi
	echo
	if runs plaintext; then
		if [[ -n ${MEMORY_SKIPPED:-} ]]; then
			echo "Memory per idle connection: not measured: $MEMORY_SKIPPED"
		else
			echo "Memory per idle keep-alive connection ($IDLE_CONNECTIONS connections, after a full GC; heap pre-touched):"
			printf '  %-30s %12s %14s %14s %12s\n' "contender" "connections" "RSS B/conn" "heap B/conn" "total B/conn"
			while IFS=$'\t' read -r id runs rss bytes; do
				printf '  %-30s %12s %14s %14s %12s\n' "${LABEL_OF[$id]}" "$runs" "$rss" "$bytes" $((rss + bytes))
			done <"$LOGS/memory.tsv"
		fi
		echo
	fi
	if runs tls; then
		report_tls
	else
		echo "TLS handshakes/s, OpenSSL vs JDK provider: $skipped"
	fi
	echo
	if runs plaintext; then
		starter=$(column_of "$LOGS/starter.tsv" 1 | median)
		tuned=$(column_of "$LOGS/rn-tuned.tsv" 1 | median)
		vertx=$(column_of "$LOGS/vertx-1.tsv" 1 | median)
		shared=$(column_of "$LOGS/shared-4.tsv" 1 | median)
		check "starter / Vert.x 5 single instance" "$(ratio "$starter" "$vertx")" ">=" 1.00
		check "starter / bare Reactor Netty (defaults)" "$(ratio "$starter" "$base")" ">=" 1.30
		check "starter / bare Reactor Netty (tuned)" "$(ratio "$starter" "$tuned")" ">=" 0.97
		check "shared group of $SHARED_MEMBERS / single server" "$(ratio "$shared" "$starter")" ">=" 0.95
		check "fairness max/min over $CHURN_CONNECTIONS connections" "$FAIRNESS" "<=" 1.10
	else
		check "starter / Vert.x 5 single instance" "n/a" ">=" 1.00 "$skipped"
		check "starter / bare Reactor Netty (defaults)" "n/a" ">=" 1.30 "$skipped"
		check "starter / bare Reactor Netty (tuned)" "n/a" ">=" 0.97 "$skipped"
		check "shared group of $SHARED_MEMBERS / single server" "n/a" ">=" 0.95 "$skipped"
		check "fairness max/min over $CHURN_CONNECTIONS connections" "n/a" "<=" 1.10 "$skipped"
	fi
	if runs bind; then
		check "100 servers: main -> all accepting, 1 CPU (s)" \
			"$(awk -v v="$(bind_median "$SERVER_CPU" 100 4)" 'BEGIN { printf "%.2f", v / 1000 }')" "<" 2 \
			"(launch -> all accepting $(bind_median "$SERVER_CPU" 100 5) ms)"
		check "100 servers: main -> all accepting, 2 CPUs (s)" \
			"$(awk -v v="$(bind_median "$SERVER_CPU,$CLIENT_CPU" 100 4)" 'BEGIN { printf "%.2f", v / 1000 }')" "<" 2 \
			"(launch -> all accepting $(bind_median "$SERVER_CPU,$CLIENT_CPU" 100 5) ms)"
	else
		check "100 servers: main -> all accepting, 1 CPU (s)" "n/a" "<" 2 "$skipped"
		check "100 servers: main -> all accepting, 2 CPUs (s)" "n/a" "<" 2 "$skipped"
	fi
	if runs tls; then
		check_tls
	else
		check "OpenSSL / JDK TLS handshakes (EC, TLS 1.3)" "n/a" ">=" 1.5 "$skipped"
	fi
	echo "Targets:"
	printf '  %s\n' "${TARGET_LINES[@]}"
	echo
	echo "SUMMARY: $MET targets met, $MISSED missed, $UNMEASURED not measured ($MODE run$([[ $ONLY == bind,plaintext,tls ]] || echo ", ONLY=$ONLY"), $(($(date +%s) - STARTED)) s; logs in ${LOGS#"$ROOT"/})"
}

main() {
	mkdir -p "$LOGS"
	install_tools
	build
	log "logs in $LOGS (parts: $ONLY)"
	if runs bind; then
		log "time to bind 1, 10, 100 servers"
		bind_scale
	fi
	if runs plaintext; then
		log "starting ${#CONTENDERS[@]} contenders on CPU $SERVER_CPU"
		start_contenders
		throughput
		log "fairness of the shared group"
		fairness
		log "memory per idle connection"
		memory
		stop_contenders
	fi
	if runs tls; then
		tls_bench
	fi
	report | tee "$LOGS/summary.txt"
}

# On one line, so that bash has read it all before it runs: the file may change meanwhile.
main; exit $?
