#!/usr/bin/env python3
"""A stand-in for systemd's socket activation, stdlib only.

Listens on 127.0.0.1:<port> itself (the socket unit) and runs the application as its
child with that socket as descriptor 3, as systemd passes it: LISTEN_FDS=1,
LISTEN_PID=<the child's pid>, LISTEN_FDNAMES=public. The socket belongs to this process,
so it keeps listening (and queueing connections) while children come and go.

    supervisor.py --port P --order start-first|stop-first --status FILE --log-dir DIR -- CMD...

CMD is run for each child with "{n}" replaced by the child's number (0, 1, ...) and
"{slot}" by n % 2. SIGHUP restarts once:
  start-first: start child n+1, wait until its log says it is ready, SIGTERM child n and
               wait until it has exited;
  stop-first:  SIGTERM child n, wait until it has exited, then start child n+1 and wait
               until it is ready (what `systemctl restart` does with a socket unit).
After the first child is ready and after each restart a line "ready <n> <pid> ..." is
appended to the status file. SIGTERM or SIGINT (even during a restart): every running child
is SIGTERMed and waited for, then this process exits.
"""
import argparse
import os
import signal
import socket
import sys
import time

READY_LINE = b"Netty Bind Sample is ready"


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--order", choices=["start-first", "stop-first"], required=True)
    p.add_argument("--status", required=True)
    p.add_argument("--log-dir", required=True)
    p.add_argument("--fdname", default="public")
    p.add_argument("--ready-timeout", type=float, default=120)
    p.add_argument("cmd", nargs=argparse.REMAINDER)
    a = p.parse_args()
    cmd = a.cmd[1:] if a.cmd[:1] == ["--"] else a.cmd
    if not cmd:
        p.error("no command")

    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", a.port))
    listener.listen(socket.SOMAXCONN)

    pending = {"restart": 0}
    signal.signal(signal.SIGHUP, lambda *_: pending.__setitem__("restart", pending["restart"] + 1))

    def terminate(signum, _frame):
        # At once, even in the middle of a restart: the finally below ends the children.
        raise SystemExit(128 + signum)

    signal.signal(signal.SIGTERM, terminate)
    signal.signal(signal.SIGINT, terminate)

    def status(line):
        with open(a.status, "a") as f:
            f.write(line + "\n")

    def spawn(n):
        log_path = os.path.join(a.log_dir, f"child-{n}.log")
        log = open(log_path, "wb")
        argv = [s.replace("{n}", str(n)).replace("{slot}", str(n % 2)) for s in cmd]
        pid = os.fork()
        if pid == 0:
            try:
                fd = os.dup(listener.fileno())          # above 3 whatever the listener's is
                os.dup2(log.fileno(), 1)
                os.dup2(log.fileno(), 2)
                os.dup2(fd, 3)                          # SD_LISTEN_FDS_START
                os.set_inheritable(3, True)
                env = dict(os.environ, LISTEN_PID=str(os.getpid()), LISTEN_FDS="1",
                           LISTEN_FDNAMES=a.fdname)
                os.execvpe(argv[0], argv, env)
            finally:
                os._exit(127)
        log.close()
        children.add(pid)
        return pid, log_path

    def wait_ready(pid, log_path):
        t0 = time.monotonic()
        while True:
            with open(log_path, "rb") as f:
                if READY_LINE in f.read():
                    return time.monotonic() - t0
            done, _ = os.waitpid(pid, os.WNOHANG)
            if done:
                children.discard(pid)
                raise SystemExit(f"supervisor: child {pid} exited before it was ready, see {log_path}")
            if time.monotonic() - t0 > a.ready_timeout:
                raise SystemExit(f"supervisor: child {pid} not ready after {a.ready_timeout}s")
            time.sleep(0.05)

    def stop(pid):
        t0 = time.monotonic()
        os.kill(pid, signal.SIGTERM)
        _, st = os.waitpid(pid, 0)
        children.discard(pid)
        return time.monotonic() - t0, os.waitstatus_to_exitcode(st)

    children = set()
    n = 0
    pid, log_path = spawn(n)
    try:
        status(f"ready {n} {pid} started={wait_ready(pid, log_path):.1f}s")
        while True:
            if not pending["restart"]:
                time.sleep(0.05)
                continue
            pending["restart"] -= 1
            if a.order == "start-first":
                new_pid, new_log = spawn(n + 1)
                started = wait_ready(new_pid, new_log)
                stopped, rc = stop(pid)
            else:
                stopped, rc = stop(pid)
                new_pid, new_log = spawn(n + 1)
                started = wait_ready(new_pid, new_log)
            n, pid, log_path = n + 1, new_pid, new_log
            status(f"ready {n} {pid} started={started:.1f}s old-stopped={stopped:.1f}s old-exit={rc}")
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        for child in list(children):
            try:
                stop(child)
            except (ProcessLookupError, ChildProcessError):
                pass


if __name__ == "__main__":
    sys.exit(main())
