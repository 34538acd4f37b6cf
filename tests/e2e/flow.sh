#!/usr/bin/env bash
# The shape every end-to-end flow shares: phases with timings, the logs that explain a
# failure, and the host side that runs one sandbox per proxy and checks that they left
# nothing behind. Source it (after wait.sh and assert.sh) from a flow script that defines
# `inside NAME` and a PACKAGES array (and FLOWS, when its flows are not the proxies), and
# ends with:
#
#   if [ "${1:-}" = --inside ]; then inside "$2"; else run_flows "$0" "$@"; fi
#
# Inside, a flow sets SERVER (nginx or apache2) and START, and calls
# `trap 'on_exit $?' EXIT` and `phase NAME FUNCTION` for each part.

# runner_pid: the process that carries out the session's run (lt-setup runner), as the
# session's lock names it.
runner_pid() {
    tr -d ' \n' </var/lib/lt-setup/session.json.lock 2>/dev/null || true
}

# runner_gone: no runner holds the session's lock (flock's holder has exited).
runner_gone() {
    local pid
    pid=$(runner_pid)
    [ -z "$pid" ] || [ ! -e "/proc/$pid/stat" ] || [ "$(sed 's/.*) //' "/proc/$pid/stat" | cut -d' ' -f1)" = Z ]
}

# install_stand_in NAME SOURCE: puts a test's stand-in for the program NAME where lt-setup
# finds programs first (/usr/local/sbin: it runs its steps with a fixed PATH), on a tmpfs
# mounted over that folder in the sandbox's own mount namespace, so that nothing of this
# machine's /usr/local/sbin is touched.
install_stand_in() {
    if ! grep -q ' /usr/local/sbin ' /proc/self/mounts; then
        mount -t tmpfs -o mode=0755 e2e-stand-ins /usr/local/sbin || return 1
    fi
    install -m 0755 "$2" "/usr/local/sbin/$1"
}

# install_slow_service SECONDS: a `service` that waits SECONDS before doing its work, so
# that a step's restart lasts while a test drops a link or starts another front end.
install_slow_service() {
    printf '#!/bin/sh\n# Slow on purpose: a step must last while the test acts.\nsleep %s\nexec /usr/sbin/service "$@"\n' "$1" \
        >"$E2E_WORK/slow-service"
    install_stand_in service "$E2E_WORK/slow-service"
}

# session_state: "ID STEP=STATUS…" from the session file: its id, then each step's status
# (with "+program" while a program of it is recorded).
session_state() {
    /usr/bin/python3 -c 'import json
s = json.load(open("/var/lib/lt-setup/session.json"))
print(s["id"], " ".join(r["id"] + "=" + r["status"] + ("+program" if r.get("program") else "") for r in s["steps"]))' \
        2>/dev/null || true
}

# restart_running_in_session: the session shows the proxy's restart step running.
restart_running_in_session() {
    [[ "$(session_state)" == *"restart-proxy=running"* ]]
}

# phase NAME FUNCTION [ARG...]: runs one part of the flow and records how long it took.
TIMINGS=()
PHASE=
phase() {
    PHASE=$1
    PHASE_START=$(now_ms)
    echo "# -- $PHASE"
    "${@:2}"
    TIMINGS+=("$PHASE $(($(now_ms) - PHASE_START))")
    PHASE=
}

# on_exit STATUS: timings, the logs that explain a failure, the summary.
# shellcheck disable=SC2153 # START and SERVER are set by the flow.
on_exit() {
    local status=$1 entry
    trap - EXIT
    printf '# timings (%s):' "$SERVER"
    for entry in "${TIMINGS[@]}"; do
        printf ' %s %s ms,' "${entry% *}" "${entry##* }"
    done
    [ -z "$PHASE" ] || printf ' %s (stopped) %s ms,' "$PHASE" "$(($(now_ms) - PHASE_START))"
    printf ' total %s ms\n' "$(($(now_ms) - START))"
    # A flow cut short by an error in the script itself has failed, even when every
    # check it reached passed: its summary must say so.
    if [ "$status" -ne 0 ] && [ "$ASSERT_FAILED" -eq 0 ]; then
        fail "the flow ran to its end" "it stopped with status $status${PHASE:+ in phase \"$PHASE\"}"
    fi
    if [ "$ASSERT_FAILED" -gt 0 ] || [ "$status" -ne 0 ]; then
        show_logs
    fi
    if ! assert_summary; then exit 1; fi
    exit "$status"
}

show_logs() {
    local log
    for log in /var/log/letsencrypt/letsencrypt.log /var/log/nginx/error.log \
        /var/log/apache2/error.log /var/log/icecast2/error.log "$E2E_WORK/service.log" \
        "$E2E_WORK/backend.log" "$E2E_WORK/pebble/pebble.log"; do
        [ -s "$log" ] || continue
        echo "# ---- last lines of $log"
        tail -n 25 "$log" | sed 's/^/#   /'
    done
}

# host_state: a listing (type, mode, owner, size, mtime, link target, content hash) of what
# the sandboxes cover, to compare before and after.
host_state() {
    local path
    for path in /etc/nginx /etc/apache2 /etc/icecast2 /etc/letsencrypt /etc/libretime \
        /etc/hosts /var/lib/letsencrypt /var/lib/lt-setup /var/lib/nginx /var/log/nginx \
        /var/log/apache2 /var/log/icecast2 /var/log/letsencrypt /var/log/lt-setup; do
        if [ -e "$path" ] || [ -L "$path" ]; then
            find "$path" -printf '%p %y %m %u:%g %s %T@ %l\n' | sort
            find "$path" -type f -exec sha256sum {} + | sort -k 2
        else
            echo "$path absent"
        fi
    done
}

# run_sandbox SCRIPT NAME: `SCRIPT --inside NAME` in a fresh sandbox; with SANDBOX_SYSTEM
# set (another system's root), in a sandbox that also holds that system's view.
run_sandbox() {
    "$E2E_DIR/sandbox.sh" run ${SANDBOX_SYSTEM:+--system "$SANDBOX_SYSTEM"} -- bash "$1" --inside "$2"
}

# check_sandbox_gone PROXY LOG: no process of that sandbox's PID namespace is left and its
# temporary folder was removed.
# namespace_processes NAMESPACE: the pids of the processes still in that PID namespace.
namespace_processes() {
    local proc left=
    for proc in /proc/[0-9]*; do
        [ "$(readlink "$proc/ns/pid" 2>/dev/null)" = "$1" ] && left="$left ${proc#/proc/}"
    done
    echo "$left"
}

sandbox_processes_gone() {
    [ -z "$(namespace_processes "$1")" ]
}

check_sandbox_gone() {
    local line namespace root left
    line=$(grep -m 1 "^# $1: sandbox " "$2" || true)
    root=${line#*sandbox }
    root=${root%%,*}
    namespace=${line##* }
    if [ -z "$line" ]; then
        fail "the $1 sandbox left nothing behind" "its log names no sandbox"
        return
    fi
    # When the sandbox's first process ends, the kernel kills the rest of its PID namespace;
    # they may take a moment to be gone (Icecast takes about a second), so wait for that.
    wait_until 10 "the $1 sandbox's processes to end" sandbox_processes_gone "$namespace" || true
    left=$(namespace_processes "$namespace")
    assert_eq "no process of the $1 sandbox survived" "" "$left"
    if [ "${E2E_KEEP:-0}" = 1 ]; then
        echo "# the $1 sandbox's folder is kept (E2E_KEEP=1): $root"
    else
        assert_eq "the $1 sandbox's folder was removed" absent \
            "$([ -e "$root" ] && echo present || echo absent)"
    fi
}

# run_flows SCRIPT ARGS...: the host side of a flow script. ARGS are [--sequential] and
# names from FLOWS (an array the script may set; the proxies nginx and apache by default);
# PACKAGES (an array set by the script) are installed first. Each named flow runs
# `bash SCRIPT --inside NAME` in its own sandbox (in parallel unless --sequential), then
# this checks that the sandboxes left nothing behind and sums their counts.
run_flows() {
    local script=$1
    shift
    local known=("${FLOWS[@]:-nginx apache}")
    # shellcheck disable=SC2206
    known=(${known[*]})
    local sequential=false proxies=() proxy
    for arg in "$@"; do
        if [ "$arg" = --sequential ]; then
            sequential=true
        elif [[ " ${known[*]} " == *" $arg "* ]]; then
            proxies+=("$arg")
        else
            echo "usage: $script [--sequential] [${known[*]}]" >&2
            exit 2
        fi
    done
    [ ${#proxies[@]} -gt 0 ] || proxies=("${known[@]}")
    if [ "$(id -u)" -ne 0 ]; then
        echo "${script##*/}: run as root (sudo)" >&2
        exit 1
    fi
    "$REPO/scripts/install-packages.sh" "${PACKAGES[@]}"

    local logs before after start
    logs=$(mktemp -d)
    before=$(host_state)
    start=$(now_ms)
    for proxy in "${proxies[@]}"; do
        if $sequential; then
            run_sandbox "$script" "$proxy" 2>&1 | tee "$logs/$proxy.log" || true
        else
            run_sandbox "$script" "$proxy" >"$logs/$proxy.log" 2>&1 &
        fi
    done
    wait
    local total=$(($(now_ms) - start))
    $sequential || for proxy in "${proxies[@]}"; do cat "$logs/$proxy.log"; done

    echo "# -- after the sandboxes"
    local passed=0 failed=0 counts
    for proxy in "${proxies[@]}"; do
        counts=$(grep -E '^[0-9]+ passed, [0-9]+ failed$' "$logs/$proxy.log" | tail -n 1 || true)
        if [ -z "$counts" ]; then
            fail "the $proxy sandbox ended with a summary"
        else
            passed=$((passed + ${counts%% *}))
            counts=${counts#*, }
            failed=$((failed + ${counts%% *}))
        fi
        check_sandbox_gone "$proxy" "$logs/$proxy.log"
    done
    after=$(host_state)
    if [ "$before" = "$after" ]; then
        pass "the host's files are untouched"
    else
        fail "the host's files are untouched" "$(diff <(echo "$before") <(echo "$after") | head -n 20)"
    fi
    rm -rf "$logs"
    echo "# all sandboxes: $total ms ($(if $sequential; then echo sequential; else echo parallel; fi))"
    ASSERT_PASSED=$((ASSERT_PASSED + passed))
    ASSERT_FAILED=$((ASSERT_FAILED + failed))
    assert_summary
}
