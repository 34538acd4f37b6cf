#!/usr/bin/env bash
# The real wizard while a step floods its log pane: key → screen latency (the target: a key
# answered within 16 ms, one frame at 60 Hz), how fast the wizard takes the flood in, the
# peak memory of the wizard and of the runner, and, with --pause, what a paused terminal
# does to them. Prints figures; never asserts.
#
#   sudo bench/wizard-key-latency.sh [--lines N] [--keys K] [--runs R] [--pause SECONDS]
#
#   --lines N   the flood is N lines (default 1000000); keys are timed while the wizard is
#               still reading them; 0: a flood without end
#   --keys K    keys to time, idle before the run and then during the flood (default 200;
#               0: none)
#   --runs R    runs, each in a fresh sandbox (default 3)
#   --pause S   during a flood without end, S seconds as it flows, then S seconds with the
#               terminal paused by Ctrl-S, then Ctrl-Q (the wizard runs behind a terminal
#               that honours Ctrl-S: xoff-relay.py)
#   BENCH_RSS_CAP_MIB=M  a run stops once the wizard's RSS passes M MiB (default 2048): the
#               machine is shared; the figure is then printed as "≥ M"
#
# The release lt-setup runs for real in the end-to-end sandbox (tests/e2e/sandbox.sh: its own
# /etc, network and processes; this machine's files are not touched) with the real nginx and
# the fake LibreTime backend, under tmux at 80×24. It is walked to the Run screen as in
# tests/e2e/wizard-e2e.sh, then runs all. Step 4 runs `nginx -t`; a stand-in put first on
# the steps' PATH (/usr/local/sbin, on a tmpfs of the sandbox) makes that program print N
# numbered lines (or `yes` lines without end) as fast as the runner takes them, hold the step
# until the benchmark is over, then run the real `nginx -t`. The runner writes them to the
# step's log file; the wizard reads that file (RunFollower) into its log pane. Meanwhile Down
# and Up move the selection between step 4 (its log pane flooding) and step 5, and each key
# is timed until the screen shows the selection moved (bench-key-latency --attach).
#
# How the wizard's reading is followed: the stand-in notes the time and the wizard's read
# bytes (/proc/PID/io rchar) as it starts. The wizard has read the flood's bytes when it has
# read as many since as the step's log holds (its other reads meanwhile, the session file,
# are a few KB); the keys stop there: a key sent until then waits for what the wizard does
# with them, and keys after it would time a wizard with nothing left to do. It has taken the
# flood in when its screen shows the last line: that is the rate printed. Peak memory is
# VmHWM, reset (/proc/PID/clear_refs) as the flood starts, of the wizard and of the runner
# (`lt-setup runner`, named by the session's lock).
#
# What pauses a terminal. lt-setup puts its terminal in raw mode: Ctrl-S typed to it is a
# key, and pauses nothing. What stops its writes is a terminal that stops reading: a serial
# line or multiplexer with XON/XOFF flow control, a stalled ssh connection, a frozen
# terminal emulator. tmux never stops reading a pane (copy mode does not pause output), so
# --pause puts such a terminal in between: xoff-relay.py, whose own side of tmux's pane
# keeps IXON, so that tmux's Ctrl-S stops its output in the kernel. Its writes block, it
# stops reading lt-setup's pseudo-terminal, which fills, and lt-setup's writes block.
# shellcheck source-path=SCRIPTDIR
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$BENCH_DIR/.." && pwd)
E2E_DIR=$REPO/tests/e2e
# shellcheck source=lib.sh
source "$BENCH_DIR/lib.sh"

# --- the host side: options, products, one sandbox per run --------------------------------------

if [ "${1:-}" != --inside ]; then
    lines=1000000 keys=200 runs=3 pause=0
    while [ $# -gt 0 ]; do
        case $1 in
            --lines) lines=$2; shift 2 ;;
            --keys) keys=$2; shift 2 ;;
            --runs) runs=$2; shift 2 ;;
            --pause) pause=$2; lines=0; shift 2 ;;
            *) echo "usage: $0 [--lines N] [--keys K] [--runs R] [--pause SECONDS]" >&2; exit 2 ;;
        esac
    done
    if [ "$(id -u)" != 0 ]; then
        echo "wizard-key-latency.sh: needs root (the wizard runs for real, in the e2e sandbox): sudo $0" >&2
        exit 1
    fi
    for tool in tmux nginx curl /usr/bin/python3; do
        command -v "$tool" >/dev/null || {
            echo "wizard-key-latency.sh: $tool is needed (scripts/install-packages.sh)" >&2
            exit 1
        }
    done
    echo "== release products"
    BENCH_LT=$(bench_product lt-setup)
    BENCH_KEYS_BIN=$( ((keys == 0)) || bench_product bench-key-latency)
    export BENCH_LT BENCH_KEYS_BIN
    echo
    echo "== machine"
    bench_machine
    # shellcheck source=../tests/e2e/sandbox.sh
    source "$E2E_DIR/sandbox.sh"
    for run in $(seq 1 "$runs"); do
        echo
        echo "== run $run of $runs: $( ((lines > 0)) && echo "$lines lines" || echo "a flood without end")," \
            "$keys keys$( ((pause > 0)) && echo ", $pause s flowing then $pause s paused")"
        sandbox_run -- bash "$BENCH_DIR/wizard-key-latency.sh" --inside "$lines" "$keys" "$pause"
    done
    exit 0
fi

# --- inside the sandbox: one run ----------------------------------------------------------------

lines=$2 keys=$3 pause=$4
if ((pause > 0)); then tag=with-pause; elif ((lines > 0)); then tag=$lines; else tag=endless; fi
cap_kib=$((${BENCH_RSS_CAP_MIB:-2048} * 1024))

# shellcheck source=../tests/e2e/wait.sh
source "$E2E_DIR/wait.sh"
# shellcheck source=../tests/e2e/assert.sh
source "$E2E_DIR/assert.sh"
# shellcheck source=../tests/e2e/flow.sh
source "$E2E_DIR/flow.sh"
# shellcheck source=../tests/e2e/wizard-driver.sh
source "$E2E_DIR/wizard-driver.sh"
# shellcheck disable=SC2034 # SERVER and LT are read by the sourced scripts.
SERVER=nginx
# shellcheck source=../tests/e2e/servers.sh
source "$E2E_DIR/servers.sh"

FLOOD=$E2E_WORK/flood
mkdir -p "$FLOOD"
# The stand-in holds step 4 until a line comes through this pipe; opened both ways here, so
# that neither side's open waits for the other. Nothing is ever written to the other one:
# reading it with a timeout waits without a process.
mkfifo "$FLOOD/stop" "$FLOOD/tick"
exec {stop_fd}<>"$FLOOD/stop" {tick_fd}<>"$FLOOD/tick"
wizard=""
# A wizard still busy with the flood would answer the sandbox's SIGTERM only once done.
trap 'echo stop >&$stop_fd; [ -z "$wizard" ] || kill -KILL "$wizard" 2>/dev/null; wtmux kill-server 2>/dev/null || true' EXIT

# shellcheck disable=SC2034
LT=$BENCH_LT
if ((pause > 0)); then
    printf '#!/bin/sh\nexec /usr/bin/python3 %s %s "$@"\n' "$BENCH_DIR/xoff-relay.py" "$BENCH_LT" >"$FLOOD/lt-setup"
    chmod 755 "$FLOOD/lt-setup"
    # shellcheck disable=SC2034
    LT=$FLOOD/lt-setup
fi

# The walk's own checks are not the point here: only a failure is shown.
{
    require "the fake LibreTime backend answers" backend_start 8080
    require "nginx serves its default site" server_start nginx 80
    answer_questions
} >"$E2E_WORK/walk.log" 2>&1 || { cat "$E2E_WORK/walk.log"; exit 1; }

# The wizard's pid (behind the relay, its child).
wizard=$(wizard_pid)
if ((pause > 0)); then read -r wizard _ <"/proc/$wizard/task/$wizard/children" || true; fi

# field PID NAME: a value of /proc/PID/io (rchar) or status (VmRSS, VmHWM: KiB), no fork.
field() {
    local key value _unit file=/proc/$1/status
    [ "$2" = rchar ] && file=/proc/$1/io
    while read -r key value _unit; do
        [ "$key" = "$2:" ] && { echo "$value"; return; }
    done <"$file"
}
now_us() { echo "${EPOCHREALTIME/[.,]/}"; }
mib() { awk -v k="$1" 'BEGIN { printf "%.1f MiB", k / 1024 }'; }
step_log() { local log; for log in /var/log/lt-setup/*/04-restart-proxy.log; do echo "$log"; done; }
size_of() { stat -c %s "$1" 2>/dev/null || echo 0; }
# over_cap: the wizard's RSS has passed the cap; notes it.
over_cap() {
    (($(field "$wizard" VmRSS) > cap_kib)) || return 1
    touch "$FLOOD/capped"
}

keybench() {
    "$BENCH_KEYS_BIN" --attach "$E2E_WORK/tmux-$(id -u)/wizard" --target main --steps 4,5 "$@"
}

# The same keys on the Run screen before anything runs: the figure to compare with.
if ((keys > 0)); then
    echo "idle (nothing runs yet):"
    keybench --keys "$keys" --samples "$FLOOD/idle.ms"
    bench_keep key-latency.idle "$FLOOD/idle.ms"
fi

line="nginx: a line of the benchmark's flood, as long as a real log line tends to be"
# The N lines are numbered (8 digits), so that the screen shows when the last one is in.
numbered="nginx: line %08.0f of the benchmark's flood, as long as a real log line tends to be"
last=$(printf 'line %08d of' "$lines")
cat >"$FLOOD/nginx" <<EOF
#!/bin/bash
# The benchmark's stand-in: \`nginx -t\` floods its output, holds the step until the benchmark
# is over, then runs the real one.
if [ "\${1:-}" = -t ]; then
    while read -r key value; do [ "\$key" = rchar: ] && break; done </proc/$wizard/io
    echo "\${EPOCHREALTIME/[.,]/} \$value" >$FLOOD/started.new && mv $FLOOD/started.new $FLOOD/started
    if [ $lines -gt 0 ]; then
        seq -f "$numbered" 1 $lines
        echo "\${EPOCHREALTIME/[.,]/}" >$FLOOD/written.new && mv $FLOOD/written.new $FLOOD/written
        read -r _ <$FLOOD/stop
    else
        yes "$line" &
        read -r _ <$FLOOD/stop
        kill \$!
    fi
fi
exec /usr/sbin/nginx "\$@"
EOF
install_stand_in nginx "$FLOOD/nginx"

rss_idle=$(field "$wizard" VmRSS)
{
    keys Enter
    wait_until 30 "the flood to start" test -e "$FLOOD/started" || exit 1
} >"$E2E_WORK/walk.log" 2>&1 || { cat "$E2E_WORK/walk.log"; screen; exit 1; }
read -r started read_before <"$FLOOD/started"
runner=$(runner_pid)
for pid in "$wizard" "$runner"; do echo 5 >"/proc/$pid/clear_refs"; done
echo "RSS: wizard $(mib "$rss_idle") on the Run screen before the run; as the flood starts: wizard" \
    "$(mib "$(field "$wizard" VmRSS)"), runner $(mib "$(field "$runner" VmRSS)")"
bench_record rss-wizard.run-screen "$rss_idle"

# flood_read: the wizard has read as many bytes since the flood started as the finished
# flood's log holds, or its screen already shows the flood's last line (a wizard that skips
# to the end of a long backlog reads less).
flood_read() {
    [ -e "$FLOOD/written" ] || return 1
    (($(field "$wizard" rchar) - read_before >= $(size_of "$(step_log)"))) || screen_has "$last"
}
last_line_shown() { screen_has "$last"; }
# await CONDITION: polls it every 10 ms, up to a deadline that grows with the flood, and
# stops when the wizard passes the RSS cap (status 2); notes the time in $FLOOD/CONDITION.
await() {
    local deadline=$(($(now_us) + (lines / 2000 + 120) * 1000000))
    until "$1"; do
        ! over_cap || return 2
        (($(now_us) < deadline)) || { echo "wizard-key-latency.sh: $1: timed out" >&2; return 1; }
        read -r -t 0.01 -u "$tick_fd" _ || true
    done
    now_us >"$FLOOD/$1.new" && mv "$FLOOD/$1.new" "$FLOOD/$1"
}

if ((lines > 0)); then
    { await flood_read || touch "$FLOOD/flood_read"; } &
    watcher=$!
fi
if ((keys > 0)); then
    echo "during the flood$( ((lines > 0)) && echo ", until the wizard has read it"):"
    # A key may wait as long as the wizard takes with the whole flood: that wait is the figure.
    keybench --keys "$keys" --samples "$FLOOD/flood.ms" --timeout "$( ((lines > 0)) && echo 600 || echo 30)" \
        ${watcher:+--until "$FLOOD/flood_read"} || echo "(the keys stopped there)"
    bench_keep "key-latency.$tag" "$FLOOD/flood.ms"
fi

if ((lines > 0)); then
    wait "$watcher"
    # Step 4's log shows while step 4 is selected: Up, if the keys left step 5 selected.
    if screen | grep -q '^ › .*  5\. '; then keys Up; fi
    if [ ! -e "$FLOOD/capped" ] && await last_line_shown; then
        read -r written <"$FLOOD/written"
        read -r read_at <"$FLOOD/flood_read"
        read -r caught <"$FLOOD/last_line_shown"
        awk -v n="$lines" -v b="$(size_of "$(step_log)")" -v s="$started" -v w="$written" -v r="$read_at" -v c="$caught" 'BEGIN {
            printf "flood of %d lines (%.0f MB): the runner wrote them in %.2f s (%.0f lines/s); ", n, b / 1e6, (w - s) / 1e6, n / ((w - s) / 1e6)
            printf "the wizard had read their bytes after %.2f s, and showed the last one after %.2f s (%.0f lines/s)\n",
                (r - s) / 1e6, (c - s) / 1e6, n / ((c - s) / 1e6) }'
        bench_record "runner-write-rate.$tag" "$(awk -v n="$lines" -v s="$started" -v w="$written" 'BEGIN { printf "%.0f", n / ((w - s) / 1e6) }')"
        bench_record "wizard-read-rate.$tag" "$(awk -v n="$lines" -v s="$started" -v c="$caught" 'BEGIN { printf "%.0f", n / ((c - s) / 1e6) }')"
    elif [ -e "$FLOOD/capped" ]; then
        echo "stopped: the wizard's RSS passed $(mib "$cap_kib") after" \
            "$(awk -v s="$started" -v n="$(now_us)" 'BEGIN { printf "%.1f", (n - s) / 1e6 }') s" \
            "($((($(field "$wizard" rchar) - read_before) / 1000000)) MB of the flood read)"
        bench_record "capped.$tag" "$cap_kib"
    else
        screen
        exit 1
    fi
elif ((keys > 0)); then
    echo "flood lines the wizard read meanwhile: about $((($(field "$wizard" rchar) - read_before) / (${#line} + 1)))" \
        "in $(awk -v s="$started" -v n="$(now_us)" 'BEGIN { printf "%.1f", (n - s) / 1e6 }') s"
fi

# --- with --pause: S s flowing, S s paused by Ctrl-S, then Ctrl-Q --------------------------------
# sample_for SECONDS LABEL: a line a second (the figures are the point, not a wait for a
# condition): the wizard's RSS, what it has read, where it sleeps; the runner's RSS and its
# log. Sets growth (KiB of wizard RSS from the first sample to the last), last_rss, and
# read_during (bytes it read from the first sample on).
sample_for() {
    local second rss first_rss="" read_now first_read=""
    for second in $(seq 1 "$1"); do
        sleep 1
        rss=$(field "$wizard" VmRSS)
        read_now=$(field "$wizard" rchar)
        : "${first_rss:=$rss}" "${first_read:=$read_now}"
        printf '  %s %2d s: wizard %s, read %s MB since the flood began, %s in %s; runner %s, log %s MB\n' \
            "$2" "$second" "$(mib "$rss")" "$(((read_now - read_before) / 1000000))" \
            "$(awk '/^State/ { print $2 }' "/proc/$wizard/status")" "$(cat "/proc/$wizard/wchan")" \
            "$(mib "$(field "$runner" VmRSS)")" "$(($(size_of "$(step_log)") / 1000000))"
        over_cap && { echo "  (the RSS cap, $(mib "$cap_kib"), is passed: stopped)"; break; }
    done
    growth=$((rss - first_rss))
    last_rss=$rss
    read_during=$((read_now - first_read))
}
if ((pause > 0)); then
    echo "flowing, then paused by Ctrl-S to the terminal in between:"
    sample_for "$pause" flowing
    bench_record rss-growth.flowing "$growth"
    flowing_growth=$growth
    if [ ! -e "$FLOOD/capped" ]; then
        keys C-s
        sample_for "$pause" paused
        bench_record rss-growth.paused "$growth"
        bench_record rss-wizard.while-paused "$last_rss"
        bench_record wizard-read.paused "$read_during"
        keys C-q
        resumed=no
        wizard_has_read() { (($(field "$wizard" rchar) > $1)); }
        wait_until 10 "the wizard to read again" wizard_has_read "$(field "$wizard" rchar)" 2>/dev/null && resumed=yes
        echo "wizard RSS grew $(mib "$flowing_growth") in $pause s flowing, $(mib "$growth") in $pause s paused" \
            "(read $((read_during / 1000000)) MB while paused); Ctrl-Q: reading again: $resumed"
    fi
fi

hwm_wizard=$(field "$wizard" VmHWM)
hwm_runner=$(field "$runner" VmHWM)
echo "peak RSS since the flood started: wizard $(mib "$hwm_wizard"), runner $(mib "$hwm_runner")"
bench_record "rss-wizard.$tag" "$hwm_wizard"
bench_record "rss-runner.$tag" "$hwm_runner"
