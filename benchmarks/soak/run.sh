#!/usr/bin/env bash
# Soak and leak test, issue 18 item 6: the sample application (and one more member of
# its shared worker socket, closed and bound again every 30 s: SoakApplication.java)
# under 10 minutes of mixed load on loopback only, with Netty's leak detector at
# paranoid. Reports leak reports, failed well-formed requests, RSS and used heap after
# a full GC each minute, and open file descriptors at the start and at the end.
#
# Memory is sampled with the load paused: near the end of each minute every load
# generator (each its own process group) gets SIGSTOP, the server is left QUIET seconds
# to finish what is in flight, then two full GCs (jcmd GC.run), the used heap
# (GC.heap_info), RSS and descriptors are read, and the load goes on (SIGCONT). The heap
# is fixed (-Xms = -Xmx, pre-touched), so RSS does not follow what G1 commits.
#
# Not part of any build or test run. Needs: the sample's jar (mvn -B -q package
# -DskipTests from the repository root), a JDK (javac, jcmd), wrk, h2load
# (nghttp2-client), curl, python3:
#   apt-get install -y wrk nghttp2-client curl openssl python3
#   bash benchmarks/soak/run.sh            # DURATION=600 by default, in seconds
# Every target is 127.0.0.1; every loop stops by itself at the end of DURATION. The
# default ports are below the ephemeral range (set PUBLIC_PORT, PARTNER_PORT, OPS_PORT,
# WORKERS_PORT to change them). REBIND_MILLIS (30000) is the re-bind period.
set -euo pipefail
# Job control: each background job is a process group of its own, that the samples
# stop and continue as a whole (a curl loop with its curl).
set -m
cd "$(dirname "$0")/../.."
ROOT=$(pwd)
DURATION=${DURATION:-600}
QUIET=${QUIET:-2}
HEAP=${HEAP:-512m}
REBIND_MILLIS=${REBIND_MILLIS:-30000}
# More JVM options, for a diagnostic run (e.g. -XX:SoftRefLRUPolicyMSPerMB=0).
JAVA_OPTS=${JAVA_OPTS:-}
WORK=${WORK:-$(mktemp -d /tmp/nettybind-soak.XXXXXX)}
JAR=$ROOT/sample-app/target/netty-bind-sample-app.jar
PUBLIC=${PUBLIC_PORT:-22080}
PARTNER=${PARTNER_PORT:-22443}
OPS=${OPS_PORT:-22190}
WORKERS=${WORKERS_PORT:-22090}
[ -f "$JAR" ] || { echo "No $JAR: run 'mvn -B -q package -DskipTests' first" >&2; exit 1; }
echo "soak: work directory $WORK, $DURATION s"

# The sample's libraries and classes, and SoakApplication compiled against them.
mkdir -p "$WORK/lib" "$WORK/classes" "$WORK/certs"
(cd "$WORK/lib" && unzip -q -o "$JAR" 'BOOT-INF/lib/*')
CP="$WORK/classes:$ROOT/sample-app/target/classes:$WORK/lib/BOOT-INF/lib/*"
javac -d "$WORK/classes" -cp "$CP" "$ROOT/benchmarks/soak/SoakApplication.java"

# shellcheck disable=SC2086
java -Dio.netty.leakDetection.level=paranoid -Xms$HEAP -Xmx$HEAP -XX:+AlwaysPreTouch $JAVA_OPTS \
	-Dsoak.rebind-millis=$REBIND_MILLIS -cp "$CP" dev.nettybind.soak.SoakApplication \
	--bind.certificate-database.location="file:$WORK/certs/certs.p12" \
	--bind.servers.public.address=LOOPBACK_IP_V4 --bind.servers.public.port=$PUBLIC \
	--bind.servers.public.protocols=http11,h2c --bind.servers.public.access-log.enabled=false \
	--bind.servers.partner-http.address=LOOPBACK_IP_V4 --bind.servers.partner-http.port=0 \
	--bind.servers.partner.address=LOOPBACK_IP_V4 --bind.servers.partner.port=$PARTNER \
	--bind.servers.ops.port=$OPS \
	--bind.servers.worker-1.port=$WORKERS --bind.servers.worker-2.port=$WORKERS \
	> "$WORK/app.log" 2>&1 &
APP=$!
LOADS=()
cleanup() {
	# A stopped process acts on SIGTERM only once continued.
	for group in "${LOADS[@]}"; do
		kill -TERM -- "-$group" 2>/dev/null || true
		kill -CONT -- "-$group" 2>/dev/null || true
	done
	kill "$APP" 2>/dev/null || true
	wait "$APP" 2>/dev/null || true
}
trap cleanup EXIT
trap 'exit 130' INT TERM
for _ in $(seq 60); do
	curl -sf -o /dev/null "http://127.0.0.1:$OPS/actuator/health" && break
	sleep 1
done
curl -sf -o /dev/null "http://127.0.0.1:$PUBLIC/hello"
fds() { ls "/proc/$APP/fd" | wc -l; }
# What each descriptor is (socket:[inode] numbered anew for each socket, so by kind).
fd_kinds() { find "/proc/$APP/fd" -mindepth 1 -printf '%l\n' 2>/dev/null | sed 's/:\[[0-9]*\]$//' | sort | uniq -c; }
rss() { awk '/VmRSS/ { print $2 }' "/proc/$APP/status"; }
heap() {
	jcmd $APP GC.run > /dev/null
	jcmd $APP GC.run > /dev/null
	# "garbage-first heap   total 65536K, used 23456K": the used figure, in KB.
	jcmd $APP GC.heap_info | sed -n 's/.*total [0-9]*K, used \([0-9]*\)K.*/\1/p' | head -1
}
pause() { for group in "${LOADS[@]}"; do kill -STOP -- "-$group" 2>/dev/null || true; done; }
resume() { for group in "${LOADS[@]}"; do kill -CONT -- "-$group" 2>/dev/null || true; done; }
# One sample: minute, RSS, used heap after two full GCs, descriptors, how long the load
# was paused (s).
sample() {
	local paused_at used
	paused_at=$(date +%s.%N)
	pause
	sleep "$QUIET"
	used=$(heap)
	echo "$1 $(rss) $used $(fds) $(awk -v a="$paused_at" -v b="$(date +%s.%N)" 'BEGIN { printf "%.1f", b - a }')"
	resume
}
echo "minute rss_kb heap_used_after_gc_kb fds paused_s" > "$WORK/samples.txt"
# Before any load (the warm-up requests above aside).
sample 0 >> "$WORK/samples.txt"
# The baseline after the first jcmd: the JVM's attach listener keeps a socket open from
# then on, and the warm-up connections have closed.
FD_START=$(fds)
fd_kinds > "$WORK/fds-start.txt"
echo "soak: pid $APP, $FD_START file descriptors at the start"

END=$(( $(date +%s) + DURATION ))
remaining() { echo $(( END - $(date +%s) )); }
CA=$WORK/certs/ca.crt

# Keep-alive, Connection: close churn, h2c, and the shared workers (whose third member
# is closed and bound again every 30 s).
# The timeouts are longer than a pause for a sample (QUIET plus two full GCs).
wrk --timeout 30s -t1 -c16 -d"${DURATION}s" "http://127.0.0.1:$PUBLIC/hello" > "$WORK/wrk-keepalive.txt" 2>&1 &
LOADS+=($!)
wrk --timeout 30s -t1 -c4 -d"${DURATION}s" -H 'Connection: close' "http://127.0.0.1:$PUBLIC/hello" > "$WORK/wrk-close.txt" 2>&1 &
LOADS+=($!)
wrk --timeout 30s -t1 -c8 -d"${DURATION}s" "http://127.0.0.1:$WORKERS/" > "$WORK/wrk-workers.txt" 2>&1 &
LOADS+=($!)
h2load -c4 -m8 -D "$DURATION" "http://127.0.0.1:$PUBLIC/hello" > "$WORK/h2load.txt" 2>&1 &
LOADS+=($!)

# TLS, HTTP/1.1 and h2, with and without the partner's client certificate: a new
# connection (a full handshake) per request; a status other than 200 is a failure.
tls_loop() {
	local name=$1
	shift
	local ok=0 failed=0
	while [ "$(remaining)" -gt 0 ]; do
		code=$(curl -s -o /dev/null -w '%{http_code}' --max-time 30 --cacert "$CA" "$@" "https://localhost:$PARTNER/" || true)
		if [ "$code" = 200 ]; then ok=$((ok + 1)); else failed=$((failed + 1)); fi
	done
	echo "$name ok=$ok failed=$failed" > "$WORK/tls-$name.txt"
}
tls_loop h1-anonymous --http1.1 &
LOADS+=($!)
tls_loop h2-anonymous --http2 &
LOADS+=($!)
tls_loop h2-client-cert --http2 --cert "$WORK/certs/partner.crt" --key "$WORK/certs/partner.key" &
LOADS+=($!)

# Slowloris, the hostile corpus and random bytes, against the public and the TLS port.
python3 - "$PUBLIC" "$PARTNER" "$DURATION" > "$WORK/hostile.txt" 2>&1 <<'PY' &
import os, random, socket, sys, threading, time
public, partner, duration = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
end = time.time() + duration
CORPUS = [b"GARBAGE\r\n\r\n", b"GET / HTTP/9.9\r\nHost: x\r\n\r\n", b"GET /\x1b[31m HTTP/1.1\r\nHost: x\r\n\r\n",
	b"FOO\x01 /x HTTP/1.1\r\nHost: x\r\n\r\n", b"GET\t/x HTTP/1.1\r\nHost: x\r\n\r\n",
	b"GET / HTTP/1.1\r\nHost: x\r\nBad Header: v\r\n\r\n",
	b"POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n",
	b"POST /notes HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\nzz\r\n",
	b"POST /notes HTTP/1.1\r\nHost: x\r\nContent-Length: 104857600\r\n\r\n",
	b"GET /" + b"a" * 9000 + b" HTTP/1.1\r\nHost: x\r\n\r\n", b"PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n\x00\x00\x00\x04",
	b"\x16\x03\x01\x00\xa5\x01\x00\x00\xa1\x03\x03"]
counts = {"hostile": 0, "random": 0, "slowloris": 0}
def send(port, data):
	try:
		with socket.create_connection(("127.0.0.1", port), timeout=5) as s:
			s.sendall(data)
			while s.recv(4096):
				pass
	except OSError:
		pass
def hostile():
	rnd = random.Random(18)
	while time.time() < end:
		send(public, rnd.choice(CORPUS)); counts["hostile"] += 1
		send(rnd.choice((public, partner)), os.urandom(rnd.randrange(1, 512))); counts["random"] += 1
def slowloris():
	while time.time() < end:
		held = []
		for _ in range(20):
			try:
				s = socket.create_connection(("127.0.0.1", public), timeout=5)
				s.sendall(b"GET / HTTP/1.1\r\nHost: x\r\n")
				held.append(s)
			except OSError:
				pass
		for _ in range(10):
			if time.time() >= end:
				break
			for s in held:
				try:
					s.sendall(b"X-a: b\r\n")
				except OSError:
					pass
			time.sleep(3)
		counts["slowloris"] += len(held)
		for s in held:
			s.close()
threads = [threading.Thread(target=hostile), threading.Thread(target=hostile), threading.Thread(target=slowloris)]
for t in threads: t.start()
for t in threads: t.join()
print(" ".join(f"{k}={v}" for k, v in counts.items()))
PY
LOADS+=($!)

# Each minute, 10 s before its end (so the last one still has the load to pause): RSS,
# used heap after full GCs, file descriptors, the load paused meanwhile.
for minute in $(seq 1 $((DURATION / 60))); do
	wait_for=$(( END - DURATION + minute * 60 - 10 - $(date +%s) ))
	[ "$wait_for" -gt 0 ] && sleep "$wait_for"
	sample "$minute" >> "$WORK/samples.txt"
done
for group in "${LOADS[@]}"; do
	wait "$group" 2>/dev/null || true
done

# The load has stopped: connections close (slowloris ones by header-timeout), so wait
# for the descriptors to come back, up to 60 s.
for _ in $(seq 60); do
	[ "$(fds)" -le "$FD_START" ] && break
	sleep 1
done
FD_END=$(fds)
fd_kinds > "$WORK/fds-end.txt"
echo "end $(rss) $(heap) $FD_END 0" >> "$WORK/samples.txt"
LEAKS=$(grep -c 'LEAK' "$WORK/app.log" || true)
ERRORS=$(grep -c ' ERROR ' "$WORK/app.log" || true)
REBINDS=$(grep -c 'SOAK rebound' "$WORK/app.log" || true)
REBIND_FAILURES=$(grep -c 'SOAK rebind failed' "$WORK/app.log" || true)
{
	echo "commit $(git -C "$ROOT" describe --always --dirty --abbrev=7), $DURATION s, leak detection paranoid, heap $HEAP fixed and pre-touched, load paused $QUIET s before each sample, re-bind every $REBIND_MILLIS ms${JAVA_OPTS:+, $JAVA_OPTS}"
	echo "leak reports: $LEAKS; ERROR lines: $ERRORS; rebinds: $REBINDS (failed: $REBIND_FAILURES)"
	echo "file descriptors: $FD_START at the start, $FD_END at the end"
	diff "$WORK/fds-start.txt" "$WORK/fds-end.txt" | sed -n 's/^[<>]/  fds &/p' || true
	cat "$WORK/samples.txt"
	# Flat: every minute from 2 to the last within 5% of minute 2.
	awk 'NR > 1 && $1 ~ /^[0-9]+$/ && $1 >= 2 { r[$1] = $2; h[$1] = $3; last = $1 }
		END {
			if (!(2 in r)) { print "memory: fewer than 2 minutes sampled"; exit }
			for (i = 2; i <= last; i++) {
				dr = (r[i] - r[2]) * 100 / r[2]; dh = (h[i] - h[2]) * 100 / h[2]
				if (dr > maxr) maxr = dr; if (dr < minr) minr = dr
				if (dh > maxh) maxh = dh; if (dh < minh) minh = dh
			}
			printf "rss: minute %d vs 2: %+.1f%%; minutes 2-%d between %+.1f%% and %+.1f%% of minute 2: %s\n", last, (r[last] - r[2]) * 100 / r[2], last, minr, maxr, (minr >= -5 && maxr <= 5) ? "flat within 5%" : "NOT flat within 5%"
			printf "heap after GC: minute %d vs 2: %+.1f%%; minutes 2-%d between %+.1f%% and %+.1f%% of minute 2: %s\n", last, (h[last] - h[2]) * 100 / h[2], last, minh, maxh, (minh >= -5 && maxh <= 5) ? "flat within 5%" : "NOT flat within 5%"
		}' "$WORK/samples.txt"
	for f in wrk-keepalive wrk-close wrk-workers; do
		echo "$f: $(grep -E 'requests in' "$WORK/$f.txt" | xargs); $(grep -E 'Socket errors|Non-2xx' "$WORK/$f.txt" | xargs)"
	done
	echo "h2load: $(grep -E '^requests:' "$WORK/h2load.txt")"
	cat "$WORK"/tls-*.txt
	echo "hostile: $(cat "$WORK/hostile.txt")"
	echo "log: $(wc -c < "$WORK/app.log") bytes"
} | tee "$WORK/summary.txt"
