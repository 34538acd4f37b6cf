#!/usr/bin/env bash
# Polling with a deadline, for the end-to-end harness: wait for a condition instead of
# sleeping a fixed time. Source this file; it defines functions only.

# wait_until SECONDS DESCRIPTION COMMAND [ARG...]
# Runs COMMAND every 0.1 s until it succeeds (returns 0) or SECONDS have passed (prints
# "timed out after SECONDS s waiting for DESCRIPTION" to stderr and returns 1). A COMMAND
# that returns WAIT_GIVE_UP (125) says it never will succeed (e.g. the server died): stop.
WAIT_GIVE_UP=125
wait_until() {
    local seconds=$1 description=$2 status
    shift 2
    local deadline=$((${EPOCHREALTIME//[!0-9]/} + seconds * 1000000))
    while :; do
        status=0
        "$@" || status=$?
        [ "$status" -eq 0 ] && return 0
        if [ "$status" -eq "$WAIT_GIVE_UP" ]; then
            echo "gave up waiting for ${description}" >&2
            return 1
        fi
        if [ "${EPOCHREALTIME//[!0-9]/}" -ge "$deadline" ]; then
            echo "timed out after ${seconds} s waiting for ${description}" >&2
            return 1
        fi
        sleep 0.1
    done
}

# port_open PORT [HOST]: something accepts TCP connections on HOST (default 127.0.0.1).
port_open() {
    (exec 3<>"/dev/tcp/${2:-127.0.0.1}/$1") 2>/dev/null
}

# port_closed PORT [HOST]: nothing accepts TCP connections there.
port_closed() {
    ! port_open "$@"
}

# pid_alive PID: the process exists (and is not a zombie).
pid_alive() {
    [ -n "$1" ] && [ -e "/proc/$1" ] && ! grep -q '^State:[[:space:]]*Z' "/proc/$1/status" 2>/dev/null
}

# pid_gone PID: the process no longer exists (or is a zombie waiting to be reaped).
pid_gone() {
    ! pid_alive "$1"
}

# now_ms: the wall clock in milliseconds, for timings.
now_ms() {
    local t=${EPOCHREALTIME//[!0-9]/}
    echo $((t / 1000))
}
