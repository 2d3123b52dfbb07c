#!/usr/bin/env bash
# Starts (execs) one sample application process for the restart benchmarks, every port of
# it on 127.0.0.1 and none of the sample's fixed ports, so that two run at once.
#
#   instance.sh <n> <slot> [more --args]
#
# n: the instance number (its Unix socket is $RUN_DIR/<n>.sock); slot: 0 or 1, which of two
# port sets (OPS_PORT_<slot>, WORKER_PORT_<slot>) it takes: two processes that run at the
# same time have different slots. The public server's port is PUBLIC_PORT_<slot>, or
# PUBLIC_PORT for both. The access log of 'public' is off (it would log every request of
# the load), unless ACCESS_LOG=1. exec keeps the process id: a parent that set
# LISTEN_PID to its child's pid before exec'ing this script keeps it right for the JVM.
set -euo pipefail
n=$1 slot=$2
shift 2
ops_var=OPS_PORT_$slot worker_var=WORKER_PORT_$slot public_var=PUBLIC_PORT_$slot
public_port=${!public_var:-${PUBLIC_PORT:?PUBLIC_PORT or PUBLIC_PORT_<slot>}}
access_log=false
[[ ${ACCESS_LOG:-0} == 1 ]] && access_log=true
# shellcheck disable=SC2086 # JVM_OPTS is a list of options
exec ${JAVA:-java} ${JVM_OPTS:--Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1} -jar "${JAR:?}" \
	--bind.servers.public.address=127.0.0.1 --bind.servers.public.port="$public_port" \
	--bind.servers.public.access-log.enabled=$access_log \
	--bind.servers.local.address="unix:${RUN_DIR:?}/$n.sock" \
	--bind.servers.partner-http.address=127.0.0.1 --bind.servers.partner-http.port=0 \
	--bind.servers.partner.address=127.0.0.1 --bind.servers.partner.port=0 \
	--bind.servers.worker-1.port="${!worker_var}" --bind.servers.worker-2.port="${!worker_var}" \
	--bind.servers.admin.port=0 \
	--bind.servers.ops.port="${!ops_var}" \
	--management.endpoint.health.probes.enabled=true \
	"$@"
