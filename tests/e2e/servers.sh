#!/usr/bin/env bash
# nginx, apache2, icecast2 and the fake LibreTime backend inside the sandbox, without
# systemd. Source this file (after wait.sh) from a command run by sandbox.sh.
#
#   server_start NAME [PORT...]    service NAME start, then wait until it runs and each
#                                  PORT on 127.0.0.1 accepts connections
#   server_restart NAME [PORT...]  service NAME restart, same waiting
#   server_stop NAME               SIGTERM to the server's main process, found by its PID
#                                  file (nginx, apache2) or, for icecast2, which writes
#                                  none, by its executable; waits until it is gone
#   server_pids NAME               the main process ids of a running server
#   backend_start [PORT]           the fake LibreTime backend (backend.py) on 127.0.0.1:PORT
#                                  (default 8080), waits until it answers; BACKEND_PID
#   backend_stop
# NAME is nginx, apache2 or icecast2. `service` output goes to $E2E_WORK/service.log.
#
# Without systemd a server started through `service` stays in the session and process group
# of whatever ran the command (icecast2's -b forks but does not detach), and keeps its
# inherited file descriptors: run such commands with their output in a file, never in a
# pipe that is read to its end, and never kill a process group to clean up a step. The
# sandbox's PID namespace kills whatever is left when it ends.

SERVERS_LOG=${E2E_WORK:-/tmp}/service.log

server_start() {
    server_service start "$@"
}

server_restart() {
    server_service restart "$@"
}

# server_service ACTION NAME [PORT...]: `service NAME ACTION`, its output in the log, then
# waits as server_await does.
server_service() {
    local action=$1 name=$2
    shift 2
    service "$name" "$action" </dev/null >>"$SERVERS_LOG" 2>&1 || {
        echo "service $name $action failed; $SERVERS_LOG:" >&2
        tail -n 20 "$SERVERS_LOG" >&2
        return 1
    }
    server_await "$name" "$@"
}

# server_await NAME [PORT...]: waits up to 20 s until NAME runs and listens on each PORT.
server_await() {
    local name=$1 port
    shift
    wait_until 20 "$name to run" server_running "$name" || return 1
    for port in "$@"; do
        wait_until 20 "$name to listen on port $port" port_open "$port" || return 1
    done
}

server_running() {
    [ -n "$(server_pids "$1")" ]
}

server_pids() {
    local pid_file pid
    case "$1" in
        nginx) pid_file=/run/nginx.pid ;;
        apache2) pid_file=/run/apache2/apache2.pid ;;
        icecast2) pids_of_executable /usr/bin/icecast2; return 0 ;;
        *) echo "server_pids: unknown server '$1'" >&2; return 2 ;;
    esac
    [ -s "$pid_file" ] || return 0
    read -r pid <"$pid_file" || true
    if pid_alive "$pid"; then echo "$pid"; fi
}

# pids_of_executable PATH: every process running PATH. The sandbox has its own /proc, so
# these are the sandbox's only.
pids_of_executable() {
    local proc
    for proc in /proc/[0-9]*; do
        [ "$(readlink "$proc/exe" 2>/dev/null)" = "$1" ] && echo "${proc#/proc/}"
    done
    return 0
}

server_stop() {
    local name=$1 pids pid
    pids=$(server_pids "$name")
    [ -n "$pids" ] || return 0
    # shellcheck disable=SC2086  # one word per process id
    kill -TERM $pids 2>/dev/null || true
    for pid in $pids; do
        wait_until 30 "$name ($pid) to stop" pid_gone "$pid" || return 1
    done
}

backend_start() {
    local port=${1:-8080}
    /usr/bin/python3 "$E2E_DIR/backend.py" --port "$port" \
        </dev/null >>"${E2E_WORK:-/tmp}/backend.log" 2>&1 &
    BACKEND_PID=$!
    export BACKEND_PID
    wait_until 20 "the fake backend on port $port" backend_answers "$port"
}

backend_answers() {
    pid_alive "$BACKEND_PID" || return "$WAIT_GIVE_UP"
    curl -fsS -o /dev/null --max-time 2 "http://127.0.0.1:$1/api/v2/version" 2>/dev/null
}

backend_stop() {
    [ -n "${BACKEND_PID:-}" ] || return 0
    kill -TERM "$BACKEND_PID" 2>/dev/null || true
    wait_until 10 "the fake backend to stop" pid_gone "$BACKEND_PID"
    BACKEND_PID=
}

# backend_field FILE KEY: a top-level field of the fake backend's JSON answer saved in FILE
# (e.g. method, path, body_bytes). An answer that is not the backend's JSON prints
# "<not the backend's answer: …>", which no assertion expects.
backend_field() {
    /usr/bin/python3 - "$1" "$2" <<'PY'
import json, sys
text = open(sys.argv[1], errors="replace").read()
try:
    print(json.loads(text)[sys.argv[2]])
except (ValueError, KeyError, TypeError):
    print("<not the backend's answer: %r>" % text[:200])
PY
}

# backend_header FILE NAME: the request header NAME (any case) that reached the backend,
# from its JSON answer saved in FILE; "<absent>" if the request had none.
backend_header() {
    /usr/bin/python3 - "$1" "$2" <<'PY'
import json, sys
text = open(sys.argv[1], errors="replace").read()
try:
    headers = json.loads(text)["headers"]
except (ValueError, KeyError, TypeError):
    print("<not the backend's answer: %r>" % text[:200])
else:
    print(next((v for k, v in headers.items() if k.lower() == sys.argv[2].lower()), "<absent>"))
PY
}
