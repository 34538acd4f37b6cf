#!/usr/bin/env bash
# lt-setup killed with SIGKILL at every point of a run, then resumed: the crash matrix. In
# the e2e sandbox (tests/e2e/README.md), with the real nginx or Apache, certbot against
# pebble, Icecast and the fake LibreTime backend, answers with https and secure Icecast.
#
#   sudo tests/faults/crash-matrix.sh                 the sample: nginx, every step boundary
#   sudo tests/faults/crash-matrix.sh --full          both proxies (in parallel), every point
#   sudo tests/faults/crash-matrix.sh [--full] [--sequential] [nginx] [apache]
#       [--only PATTERN]    only the cases (of the sample, or with --full of all) whose name
#                           matches the shell pattern PATTERN, to replay one:
#                           --full --only '*step 5 *' or --only '*after rename of*'
#
# Where the runner (`lt-setup runner`, the process that carries out the steps) is killed,
# for every step of the plan:
#   - at the step boundary: right after the session save that records the previous step
#     done (or skipped), before the step begins; and after the last step's save;
#   - during the step's program: while the session shows the step running with a program
#     (nginx -t, the restart, certbot, the renewal hook, the dry run), each program in turn;
#   - inside each file the step writes (site file, enabled link, icecast.xml, bundle.pem,
#     config.yml, renewal hook): after its temporary file is complete (flushed, before the
#     rename), right after the rename, and just before the session save that follows.
# The sample is every step boundary for one proxy; --full is every point for both.
#
# Each case: the server reset to its state before lt-setup; `lt-setup apply --answers …
# --yes` killed at its point; the apply front end must then exit 1 and say how to resume
# (killed after the last step's save, it must succeed: every step is done, and `status`
# says the run's end was not recorded). Before the resume, every file lt-setup manages must
# be whole: as it was, or as a complete write of lt-setup's left it (one of the versions a
# run without a crash shows at its session saves, or for bundle.pem the live fullchain and
# key); and the session must show the step where the kill landed running. Then `lt-setup
# apply` again must resume and end with exit 0, `lt-setup verify` must pass, no temporary file (`.NAME.lt-setup-XXXXXX`) may be left under /etc or
# /var/lib/lt-setup, and `lt-setup undo` must put every file back byte for byte (content,
# mode, owner; the files it created removed; the proxy's, Icecast's and LibreTime's
# folders exactly as before). Each case is one `ok - …`/`not ok - …` line, with what went
# wrong under it; the script ends with `crash matrix PROXY: P/T cases` and "N passed,
# N failed". Set LT_SETUP_BINARY to test another build. Measured on 2 busy cores: the sample
# (11 cases) about 4 min; --full (35 cases for nginx, 34 for Apache, the two sandboxes in
# parallel) about 15 min; a case takes about 20 s, most of it certbot's issuance and dry run.
#
# How, and why so:
# - No fault hook is in lt-setup. The kills come from crash-shim.c, an LD_PRELOAD library
#   this script builds in the sandbox's scratch folder: it wraps rename, fsync and write and
#   kills (or stops) `lt-setup runner` itself at the Nth matching call (see its header).
#   apply gets it in its environment and its runner inherits it; a step's programs get an
#   allow-listed environment, so certbot, nginx and Icecast never see it. A case whose kill
#   did not happen (the shim's log says nothing fired, or the run ended on its own) fails:
#   a shim that stopped working cannot pass for a robust lt-setup.
# - First, one run without a crash, traced: the shim logs every rename of the runner and
#   stops it after each session save, where this script records the session's state, the
#   program it names and the state of each managed file, then lets it go on. That run is
#   checked like a case (verify, undo), and the cases are derived from it: which steps, in
#   which order, which files each writes, which programs each runs. Nothing here knows the
#   plan by heart, so the matrix follows the plan as it changes.
# - Step boundaries and programs are reached by stopping the runner after each session
#   save from a little before the point the traced run found, and killing it when the
#   session shows that point: counting saves alone would land elsewhere if a save came or
#   went. The kill is SIGKILL from this script, the same signal a crash sends.
# - One sandbox per proxy, the cases one after another in it: before each case the server's
#   folders (the proxy's, /etc/icecast2, /etc/libretime, /etc/letsencrypt,
#   /var/lib/letsencrypt, /var/lib/lt-setup, /var/log/lt-setup) are put back from copies
#   made before the first run; the servers are restarted only after a failed case (after a
#   passing one, undo has restarted them on their old configuration). A sandbox per case
#   would cost a pebble, a backend and three servers more each time, on 2 cores.
# shellcheck source-path=SCRIPTDIR
set -euo pipefail

FAULTS_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
SELF=$FAULTS_DIR/${BASH_SOURCE[0]##*/}
# shellcheck source=fault-flow.sh
source "$FAULTS_DIR/fault-flow.sh"
# shellcheck source=../e2e/apply-phases.sh
source "$E2E_DIR/apply-phases.sh"

PACKAGES=(nginx apache2 certbot python3-certbot-nginx python3-certbot-apache icecast2 pebble
    openssl curl ca-certificates python3 iproute2 gcc libc6-dev)
LT=${LT_SETUP_BINARY:-$REPO/.build/debug/lt-setup}
SESSION_FILE=/var/lib/lt-setup/session.json

# ---- the runner, stopped and killed

# process_state PID: the state letter of a process (R, S, T, Z…), nothing when it is gone.
process_state() {
    sed 's/.*) //' "/proc/$1/stat" 2>/dev/null | cut -d' ' -f1
}

# the_runner: the pid the session's lock names (nothing before the first lock).
the_runner() {
    runner_pid 2>/dev/null
}

# runner_ended: no runner holds the session's lock.
runner_ended() {
    runner_gone 2>/dev/null
}

# runner_stopped: the runner stopped itself (SIGSTOP) at a session save.
runner_stopped() {
    local pid
    pid=$(the_runner)
    [ -n "$pid" ] && [ "$(process_state "$pid")" = T ]
}

# stopped_or_ended: the runner stopped, or the apply that started it ended.
stopped_or_ended() {
    runner_stopped || pid_gone "$APPLY_PID"
}

# state_now: the session's steps and their status, without its id.
state_now() {
    session_state | cut -d' ' -f2-
}

# session_program: the pid of the program the session says a running step runs.
session_program() {
    /usr/bin/python3 -c 'import json
s = json.load(open("/var/lib/lt-setup/session.json"))
print(" ".join(str(r["program"]["pid"]) for r in s["steps"] if r.get("program")))' 2>/dev/null || true
}

# program_name PID: a program's command line (its first words), or its name when it has
# ended and waits to be reaped.
program_name() {
    local words
    words=$(tr '\0' ' ' <"/proc/$1/cmdline" 2>/dev/null | cut -d' ' -f1-4 || true)
    words=${words% }
    if [ -n "$words" ]; then echo "$words"; else cat "/proc/$1/comm" 2>/dev/null || echo gone; fi
}

# start_apply LOG OUT [NAME=VALUE...]: `lt-setup apply --yes` in the background with the
# shim preloaded and configured by the given variables (and APPLY_OPTIONS); APPLY_PID.
APPLY_OPTIONS=()
start_apply() {
    local log=$1 out=$2
    shift 2
    : >"$log"
    env LD_PRELOAD="$SHIM" CRASH_SHIM_LOG="$log" "$@" \
        "$LT" apply --answers "$ANSWERS" --yes "${APPLY_OPTIONS[@]}" >"$out" 2>&1 &
    APPLY_PID=$!
}

# finish_apply: waits for the apply started by start_apply; APPLY_STATUS.
finish_apply() {
    APPLY_STATUS=0
    if ! wait_until 600 "apply to end" pid_gone "$APPLY_PID"; then
        kill -KILL "$APPLY_PID" 2>/dev/null || true
    fi
    wait "$APPLY_PID" || APPLY_STATUS=$?
}

# ---- files

# path_state PATH: what a managed path is: a link and its target, a file's mode, owner and
# SHA-256, or absent.
path_state() {
    if [ -L "$1" ]; then
        echo "link -> $(readlink "$1")"
    elif [ -f "$1" ]; then
        echo "file $(stat -c '%a %U:%G' "$1") $(sha256sum <"$1" | cut -c1-64)"
    elif [ -e "$1" ]; then
        stat -c %F "$1"
    else
        echo absent
    fi
}

# tree_listing DIR: every entry of a folder (type, mode, owner, link target) and each file's
# SHA-256, relative to it: to compare a folder with itself before.
tree_listing() {
    (cd "$1" && find . -printf '%p %y %m %u:%g %l\n' | sort && find . -type f -exec sha256sum {} + | sort -k 2)
}

# live_bundle_state: what bundle.pem is when it is the live certificate's fullchain and key.
live_bundle_state() {
    local live=/etc/letsencrypt/live/$DOMAIN
    [ -e "$live/fullchain.pem" ] || return 0
    echo "file $BUNDLE_MODE_OWNER $(cat "$live/fullchain.pem" "$live/privkey.pem" | sha256sum | cut -c1-64)"
}

# temporaries: lt-setup's temporary files (`.NAME.lt-setup-XXXXXX`) under /etc and its state
# folder: left only by a write that was cut off.
temporaries() {
    find /etc /var/lib/lt-setup -name '.*.lt-setup-*' 2>/dev/null | sort || true
}

# ---- the server between cases

# snapshot_server: copies of the folders a run changes, and what they hold now.
snapshot_server() {
    SNAPSHOT=$E2E_WORK/snapshot
    SNAPSHOT_FOLDERS=("$SITES" /etc/icecast2 /etc/libretime /etc/letsencrypt /var/lib/letsencrypt
        /var/lib/lt-setup /var/log/lt-setup)
    local dir
    for dir in "${SNAPSHOT_FOLDERS[@]}"; do
        mkdir -p "$SNAPSHOT$dir"
        cp -a "$dir/." "$SNAPSHOT$dir/"
    done
    # What undo must give back exactly: the folders of the proxy, Icecast and LibreTime.
    ORIGINAL_TREES=$(for dir in "$SITES" /etc/icecast2 /etc/libretime; do
        echo "== $dir"
        tree_listing "$dir"
    done)
}

trees_now() {
    local dir
    for dir in "$SITES" /etc/icecast2 /etc/libretime; do
        echo "== $dir"
        tree_listing "$dir"
    done
}

# certbot_gone: no certbot runs (one a killed run left is waited for by the resume, but
# must not outlive its case).
certbot_gone() {
    ! pgrep -x certbot >/dev/null && ! pgrep -f '/usr/bin/certbot' >/dev/null
}

# reset_server [restart]: the server as it was before lt-setup's first run, from the copies;
# with "restart", the proxy and Icecast restarted on that configuration.
reset_server() {
    if runner_stopped; then kill -KILL "$(the_runner)"; fi
    wait_until 60 "the last runner to end" runner_ended || return 1
    wait_until 600 "certbot to end" certbot_gone || return 1
    local dir
    for dir in "${SNAPSHOT_FOLDERS[@]}"; do
        find "$dir" -mindepth 1 -delete
        cp -a "$SNAPSHOT$dir/." "$dir/"
    done
    if [ "${1:-}" = restart ]; then
        server_restart "$SERVER" 80 && server_restart icecast2 8000
    fi
}

# ---- the traced run, and the cases it gives

build_shim() {
    SHIM=$E2E_WORK/crash-shim.so
    require "the crash shim builds" gcc -Wall -Wextra -Werror -O2 -shared -fPIC -o "$SHIM" "$FAULTS_DIR/crash-shim.c" -ldl
}

# managed_paths: every path the session's backups name: what lt-setup changes, its
# programs' files included (certbot's site edits, a2enmod's links).
managed_paths() {
    /usr/bin/python3 -c 'import json, sys
s = json.load(open("/var/lib/lt-setup/session.json"))
print("\n".join(b["path"] for b in s["backups"]))'
}

# record_stop K: at the traced run's Kth session save: the state, the program, and each
# managed file as it is then (those the guide's steps write, and what the backups name).
record_stop() {
    local k=$1 program name='' path
    program=$(session_program)
    [ -z "$program" ] || name=$(program_name "$program")
    echo "state $k $(state_now) | $name" >>"$TRACE"
    while IFS= read -r path; do
        echo "$path $(path_state "$path")" >>"$SEEN_VERSIONS"
    done < <({ printf '%s\n' "${WATCHED[@]}"; managed_paths; } | sort -u)
}

# The run every case is measured against: no crash, the runner stopped after each session
# save to record where it stands. Then checked like a case: verify, no temporaries, undo.
traced_run() {
    TRACE=$E2E_WORK/trace.log
    SEEN_VERSIONS=$E2E_WORK/versions.txt
    HOOK=/etc/letsencrypt/renewal-hooks/deploy/lt-setup-icecast-$DOMAIN.sh
    # Until the run names them all, the paths the guide's steps write.
    WATCHED=("$SITE" "$ENABLED" "$DEFAULT" /etc/icecast2/icecast.xml /etc/icecast2/bundle.pem
        /etc/libretime/config.yml "$HOOK")
    : >"$SEEN_VERSIONS"
    local path k=0
    start_apply "$TRACE" "$E2E_WORK/traced.out" CRASH_SHIM_TRACE=1 CRASH_SHIM_ACTION=stop \
        CRASH_SHIM_AT="rename after 1 $SESSION_FILE"
    while wait_until 600 "the runner to stop at a session save, or apply to end" stopped_or_ended && runner_stopped; do
        k=$((k + 1))
        record_stop "$k"
        kill -CONT "$(the_runner)"
    done
    finish_apply
    SAVES=$k
    echo "# the traced run: $SAVES session saves by the runner, apply exit $APPLY_STATUS"
    local problems=()
    [ "$APPLY_STATUS" -eq 0 ] || problems+=("apply ended with $APPLY_STATUS: $(tail -n 15 "$E2E_WORK/traced.out")")
    [ "$SAVES" -gt 0 ] || problems+=("the shim never stopped the runner: is lt-setup dynamically linked, and the shim preloaded?")
    if [ ${#problems[@]} -gt 0 ]; then
        fail "$PROXY without a crash: the traced run completes" "${problems[@]}"
        exit 1
    fi
    # The files lt-setup manages: what its backups name (programs' files included).
    mapfile -t MANAGED < <({ printf '%s\n' "${WATCHED[@]}"; managed_paths; } | sort -u)
    BUNDLE_MODE_OWNER=$(stat -c '%a %U:%G' /etc/icecast2/bundle.pem)
    for path in "${MANAGED[@]}"; do
        # As it was (its copy in the snapshot), and as the run left it.
        ORIGINAL[$path]=$(path_state "$SNAPSHOT$path")
        FINAL[$path]=$(path_state "$path")
        printf '%s %s\n' "$path" "${ORIGINAL[$path]}" "$path" "${FINAL[$path]}" >>"$SEEN_VERSIONS"
    done
    PROBLEMS=()
    check_after_run "$PROXY without a crash: apply, verify and undo"
    derive_cases
}

# running_in STATE: the number and id of the step a state shows running, if any.
running_in() {
    local word number=0
    for word in $1; do
        number=$((number + 1))
        case $word in
            *=running*) echo "$number ${word%%=*}"; return ;;
        esac
    done
}

# derive_cases: the cases, from the trace: one line each, "KIND|NUMBER|ID|WHAT|A|B|C", NUMBER
# and ID the step's, WHAT the rest of the case's name, and
#   boundary, end   A: the save where the traced run showed it, B: that state
#   program         A: the step's first save, B: which of its programs, C: the state
#   temp, rename, save   A: the path, B: which write of it (1 for the first)
derive_cases() {
    CASES=()
    local line k state program steps=() i id previous word n path nth running ordinal
    declare -A state_at program_at renames
    # The states, in save order.
    while IFS= read -r line; do
        case $line in
            "state "*)
                k=${line#state }
                k=${k%% *}
                state=${line#state "$k" }
                program=${state#* | }
                state=${state%% | *}
                state_at[$k]=$state
                program_at[$k]=$program
                ;;
        esac
    done <"$TRACE"
    read -ra steps <<<"${state_at[1]}"
    n=${#steps[@]}
    # Step boundaries: the first save where the steps before are done or skipped and this one
    # is pending; after the last step: the first save where every step is.
    for ((i = 0; i <= n; i++)); do
        for ((k = 1; k <= SAVES; k++)); do
            read -ra words <<<"${state_at[$k]}"
            local ready=true j
            for ((j = 0; j < n; j++)); do
                if [ "$j" -lt "$i" ]; then
                    [[ ${words[$j]} =~ =(done|skipped)$ ]] || ready=false
                elif [ "$j" -eq "$i" ]; then
                    [[ ${words[$j]} == *=pending ]] || ready=false
                fi
            done
            $ready || continue
            if [ "$i" -lt "$n" ]; then
                id=${steps[$i]%%=*}
                if [ "$i" -eq 0 ]; then
                    what="killed at the step boundary (the run's record saved, no step begun)"
                else
                    previous=${steps[$((i - 1))]%%=*}
                    what="killed at the step boundary (step $i $previous saved ${words[$((i - 1))]##*=})"
                fi
                CASES+=("boundary|$((i + 1))|$id|$what|$k|${state_at[$k]}")
            else
                id=${steps[$((n - 1))]%%=*}
                CASES+=("end|$n|$id|killed after the last step was saved ${words[$((n - 1))]##*=}, before the run's record closes|$k|${state_at[$k]}")
            fi
            break
        done
    done
    # Programs: each save where a step is running with a new program.
    declare -A programs_of first_save
    for ((k = 1; k <= SAVES; k++)); do
        running=$(running_in "${state_at[$k]}")
        [ -n "$running" ] || continue
        [ -n "${first_save[$running]:-}" ] || first_save[$running]=$k
        [[ ${state_at[$k]} == *"${running#* }=running+program"* ]] || continue
        ordinal=$((${programs_of[$running]:-0} + 1))
        programs_of[$running]=$ordinal
        CASES+=("program|${running%% *}|${running#* }|killed during its program $ordinal (${program_at[$k]})|${first_save[$running]}|$ordinal|${state_at[$k]}")
    done
    # File writes: each rename of the runner outside its own folders, in the step running then.
    k=0
    running=
    while IFS= read -r line; do
        case $line in
            "state "*)
                k=${line#state }
                k=${k%% *}
                running=$(running_in "${state_at[$k]}")
                ;;
            "rename "*)
                path=${line##* }
                case $path in /var/lib/lt-setup/* | /var/log/lt-setup/*) continue ;; esac
                nth=$((${renames[$path]:-0} + 1))
                renames[$path]=$nth
                [ -n "$running" ] || { echo "# a rename of $path outside any step: $line"; continue; }
                CASES+=("temp|${running%% *}|${running#* }|killed after the temp file of $path|$path|$nth")
                CASES+=("rename|${running%% *}|${running#* }|killed after rename of $path|$path|$nth")
                CASES+=("save|${running%% *}|${running#* }|killed before the session save after $path|$path|$nth")
                ;;
        esac
    done <"$TRACE"
    # By step, in the order of the run; the kill after the last step last.
    mapfile -t CASES < <(printf '%s\n' "${CASES[@]}" | { grep -v '^end|' || true; } | sort -s -t'|' -k2,2n
        printf '%s\n' "${CASES[@]}" | { grep '^end|' || true; })
    echo "# the traced run gives ${#CASES[@]} cases: $(printf '%s\n' "${CASES[@]}" | cut -d'|' -f1 | sort | uniq -c | tr '\n' ' ')"
}

# ---- one case

# excerpt FILE [PATTERN]: a few lines of FILE (its last ones, or those matching PATTERN) on
# one line, for a failure's details.
excerpt() {
    if [ -n "${2:-}" ]; then
        grep -E -- "$2" "$1" 2>/dev/null | head -n 6 | tr '\n' ';' || true
    else
        tail -n 6 "$1" 2>/dev/null | tr '\n' ';' || true
    fi
}

# session_complete: the session shows every step done or skipped.
session_complete() {
    local state
    state=$(state_now)
    [ -n "$state" ] && ! [[ " $state" =~ =(pending|running|failed|interrupted) ]]
}

# kill_at_save FIRST STATE [ORDINAL]: the runner stops after each session save from the
# FIRSTth on; lets it go on until the session shows STATE (and, with ORDINAL, the ORDINALth
# program of the step running in it), then kills it. Fails when the run ends first.
kill_at_save() {
    local save=$(($1 - 1)) want=$2 ordinal=${3:-} pid programs=() program
    while wait_until 600 "the runner to stop at a session save, or apply to end" stopped_or_ended && runner_stopped; do
        save=$((save + 1))
        pid=$(the_runner)
        if [ "$(state_now)" = "$want" ]; then
            if [ -z "$ordinal" ]; then
                KILLED_AT="session save $save, by SIGKILL from the test"
                kill -KILL "$pid"
                return 0
            fi
            program=$(session_program)
            [[ " ${programs[*]} " == *" $program "* ]] || programs+=("$program")
            if [ "${#programs[@]}" -eq "$ordinal" ]; then
                KILLED_AT="session save $save, by SIGKILL from the test, while process $program ($(program_name "$program")) ran"
                ORPHAN=$program
                kill -KILL "$pid"
                return 0
            fi
        fi
        kill -CONT "$pid"
    done
    return 1
}

# path_is_whole PATH: a managed path is as it was, or as a complete write of lt-setup's
# leaves it: a version the traced run showed, or for the bundle, the live certificate's.
path_is_whole() {
    local path=$1 now
    now=$(path_state "$path")
    grep -qxF "$path $now" "$SEEN_VERSIONS" && return 0
    [ "$path" = /etc/icecast2/bundle.pem ] && [ "$now" = "$(live_bundle_state)" ]
}

# check_killed KIND ID PATH OUT: right after the kill, before the resume.
check_killed() {
    local kind=$1 id=$2 path=$3 out=$4 managed
    wait_until 20 "the killed runner to be gone" runner_ended ||
        PROBLEMS+=("the runner $(the_runner) still runs after the kill")
    # A program the killed runner left goes on by itself; the files are looked at once it ended.
    if [ -n "$ORPHAN" ]; then
        wait_until 600 "the program the killed runner left ($ORPHAN) to end" pid_gone "$ORPHAN" ||
            PROBLEMS+=("the program $ORPHAN did not end")
    fi
    if session_complete; then
        # Killed after the last step was saved: the front end saw every step done, verified
        # the station and succeeded; status says the run's end was not recorded.
        [ "$APPLY_STATUS" -eq 0 ] ||
            PROBLEMS+=("apply exited $APPLY_STATUS although every step was saved done: $(excerpt "$out")")
        "$LT" status >"$E2E_WORK/case-status.out" 2>&1 || true
        grep -q "its end is not in this file" "$E2E_WORK/case-status.out" ||
            PROBLEMS+=("lt-setup status does not say that the killed run's end is unknown: $(excerpt "$E2E_WORK/case-status.out")")
    else
        # The front end sees its runner gone: it fails, and says how to go on.
        [ "$APPLY_STATUS" -eq 1 ] ||
            PROBLEMS+=("apply exited $APPLY_STATUS after its runner was killed, not 1: $(excerpt "$out")")
        grep -q "run the same command again to resume" "$out" ||
            PROBLEMS+=("apply did not say how to resume: $(excerpt "$out")")
    fi
    case $kind in
        temp | rename | save)
            [[ " $(state_now) " == *" $id=running "* ]] ||
                PROBLEMS+=("the session does not show step $id running: $(state_now)")
            ;;
    esac
    for managed in "${MANAGED[@]}"; do
        path_is_whole "$managed" ||
            PROBLEMS+=("after the kill, $managed is $(path_state "$managed"): neither as before nor a version lt-setup writes")
    done
    if [ "$kind" = temp ] && [ -z "$(temporaries)" ]; then
        PROBLEMS+=("no temporary file beside $path after a kill before its rename")
    fi
    APPLY_REPORT=$(grep -v '^ ' "$out" | tail -n 1 || true)
}

# resume: `lt-setup apply` again, as the operator is told: it resumes the session and ends
# with every step done, the station verified.
resume() {
    local complete=$1 status=0 out=$E2E_WORK/case-resume.out
    "$LT" apply --answers "$ANSWERS" --yes >"$out" 2>&1 || status=$?
    [ "$status" -eq 0 ] || PROBLEMS+=("the resuming apply exited $status: $(excerpt "$out" '✖|error')")
    if $complete; then
        # A finished session is not resumed: the next apply finds every step done.
        grep -q "All steps done (0 changed the server)" "$out" ||
            PROBLEMS+=("the next apply did not find every step done: $(excerpt "$out" '^(✔|✖|Resuming)')")
    else
        grep -q "Resuming session" "$out" ||
            PROBLEMS+=("the next apply did not resume the session: $(excerpt "$out" '^(✔|✖|Resuming|Starting)')")
    fi
}

# check_after_run NAME: after a run (killed and resumed, or not killed): verify, no
# temporaries, undo byte for byte. Records NAME as passed, or failed with PROBLEMS.
check_after_run() {
    local name=$1 status path left trees
    status=0
    "$LT" verify --answers "$ANSWERS" >"$E2E_WORK/case-verify.out" 2>&1 || status=$?
    [ "$status" -eq 0 ] || PROBLEMS+=("lt-setup verify exited $status: $(excerpt "$E2E_WORK/case-verify.out" '^✖')")
    left=$(temporaries)
    [ -z "$left" ] || PROBLEMS+=("temporary files left after the run: $(echo "$left" | tr '\n' ' ')")
    status=0
    "$LT" undo >"$E2E_WORK/case-undo.out" 2>&1 || status=$?
    [ "$status" -eq 0 ] || PROBLEMS+=("lt-setup undo exited $status: $(excerpt "$E2E_WORK/case-undo.out")")
    for path in "${MANAGED[@]}"; do
        [ "$(path_state "$path")" = "${ORIGINAL[$path]}" ] ||
            PROBLEMS+=("after undo, $path is $(path_state "$path"), not as before: ${ORIGINAL[$path]}")
    done
    trees=$(trees_now)
    [ "$trees" = "$ORIGINAL_TREES" ] ||
        PROBLEMS+=("after undo, the folders differ from before: $({ diff <(echo "$ORIGINAL_TREES") <(echo "$trees") || true; } | grep '^[<>]' | head -n 8 | tr '\n' ';' || true)")
    if [ ${#PROBLEMS[@]} -eq 0 ]; then
        pass "$name"
        CASE_FAILED=false
    else
        fail "$name" "${PROBLEMS[@]}"
        CASE_FAILED=true
    fi
}

# run_case LINE: one case of the matrix, from its line (see derive_cases).
run_case() {
    local kind number id what a b c name
    IFS='|' read -r kind number id what a b c <<<"$1"
    name="$PROXY step $number $id: $what"
    # shellcheck disable=SC2053 # the pattern is a pattern, on purpose
    if [ -n "${CRASH_MATRIX_ONLY:-}" ] && [[ $name != $CRASH_MATRIX_ONLY ]]; then
        return 0
    fi
    local case_start log=$E2E_WORK/case-shim.log out=$E2E_WORK/case-killed.out restart=''
    case_start=$(now_ms)
    PROBLEMS=()
    KILLED_AT=
    ORPHAN=
    if $CASE_FAILED; then restart=restart; fi
    if ! reset_server $restart; then
        fail "$name" "the server could not be put back as it was before the case"
        CASE_FAILED=true
        return 0
    fi
    # Stops begin one save before the traced run's, in case a save came or went.
    local killed=false first=1
    [[ $kind =~ ^(boundary|end|program)$ ]] && [ "$a" -gt 1 ] && first=$((a - 1))
    case $kind in
        boundary | end)
            start_apply "$log" "$out" CRASH_SHIM_ACTION=stop CRASH_SHIM_AT="rename after $first $SESSION_FILE"
            kill_at_save "$first" "$b" && killed=true
            ;;
        program)
            start_apply "$log" "$out" CRASH_SHIM_ACTION=stop CRASH_SHIM_AT="rename after $first $SESSION_FILE"
            kill_at_save "$first" "$c" "$b" && killed=true
            ;;
        temp)
            if [[ ${FINAL[$a]} == link* ]]; then
                # A link's temporary is whole once symlink(2) made it: nothing is flushed.
                start_apply "$log" "$out" CRASH_SHIM_AT="rename before $b $a"
            else
                start_apply "$log" "$out" CRASH_SHIM_AT="fsync after $b ${a%/*}/.${a##*/}.lt-setup-*"
            fi
            ;;
        rename)
            start_apply "$log" "$out" CRASH_SHIM_AT="rename after $b $a"
            ;;
        save)
            start_apply "$log" "$out" CRASH_SHIM_ARMED_BY="rename after $b $a" CRASH_SHIM_AT="rename before 1 $SESSION_FILE"
            ;;
    esac
    finish_apply
    if [[ $kind =~ ^(temp|rename|save)$ ]] && grep -q '^fired ' "$log"; then
        killed=true
        KILLED_AT="by the shim: $(grep -m 1 '^fired ' "$log")"
    fi
    if ! $killed; then
        fail "$name" "the runner was not killed there (apply exited $APPLY_STATUS): the point was not reached, or the shim did not fire" \
            "shim log: $(excerpt "$log")" "apply's last lines: $(excerpt "$out")"
        CASE_FAILED=true
        "$LT" undo >/dev/null 2>&1 || true
        return 0
    fi
    local complete=false
    if session_complete; then complete=true; fi
    check_killed "$kind" "$id" "$a" "$out"
    resume "$complete"
    check_after_run "$name"
    echo "#   killed at: $KILLED_AT; apply said: $APPLY_REPORT; $(($(now_ms) - case_start)) ms"
}

# crash_matrix: the cases, one after another: the step boundaries in the sample, every one
# with --full.
crash_matrix() {
    local line passed_before=$ASSERT_PASSED failed_before=$ASSERT_FAILED
    CASE_FAILED=false
    # The killed applies skip preflight, which the traced run and every resume run: the
    # kills are in the runner, which preflight comes before.
    APPLY_OPTIONS=(--skip-preflight)
    for line in "${CASES[@]}"; do
        if [ "$CRASH_MATRIX_MODE" = sample ] && [[ $line != boundary* ]]; then continue; fi
        run_case "$line"
    done
    local passed=$((ASSERT_PASSED - passed_before)) failed=$((ASSERT_FAILED - failed_before))
    echo "crash matrix $PROXY: $passed/$((passed + failed)) cases"
}

inside() {
    # shellcheck source=../e2e/pebble.sh
    source "$E2E_DIR/pebble.sh"
    # shellcheck source=../e2e/servers.sh
    source "$E2E_DIR/servers.sh"
    # shellcheck source=../e2e/tls.sh
    source "$E2E_DIR/tls.sh"
    apply_flow_setup "$1"
    declare -gA ORIGINAL FINAL
    echo "# $PROXY: sandbox $E2E_ROOT, pid namespace $(readlink /proc/self/ns/pid)"
    echo "# $PROXY: ${CRASH_MATRIX_MODE:=sample}${CRASH_MATRIX_ONLY:+, cases matching $CRASH_MATRIX_ONLY}"
    START=$(now_ms)
    trap 'on_exit $?' EXIT
    phase "servers as on a LibreTime server" start_servers
    phase "the crash shim" build_shim
    phase "the server's state before lt-setup" snapshot_server
    phase "a run without a crash, traced" traced_run
    phase "the crash matrix" crash_matrix
}

if [ "${1:-}" = --inside ]; then
    inside "$2"
elif [ ! -x "$LT" ]; then
    echo "crash-matrix.sh: no lt-setup at $LT: run swift build first" >&2
    exit 1
else
    export CRASH_MATRIX_MODE=sample
    flows=()
    while [ $# -gt 0 ]; do
        case $1 in
            --full) CRASH_MATRIX_MODE=full ;;
            --only) export CRASH_MATRIX_ONLY=${2:?--only needs a pattern}; shift ;;
            --only=*) export CRASH_MATRIX_ONLY=${1#--only=} ;;
            *) flows+=("$1") ;;
        esac
        shift
    done
    # The sample is one proxy's: nginx unless one is named.
    if [ "$CRASH_MATRIX_MODE" = sample ] && ! [[ " ${flows[*]} " =~ \ (nginx|apache)\  ]]; then
        flows+=(nginx)
    fi
    run_flows "$SELF" "${flows[@]}"
fi
