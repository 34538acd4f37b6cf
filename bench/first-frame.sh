#!/usr/bin/env bash
# First-frame time of the real wizard against whiptail: from the moment the program starts
# in a fresh 80×24 tmux pane until its whole first screen is visible there. Both in one
# run, alternating; prints median and p95 in ms and their ratio. Compare ratios taken in
# one run, never absolute times. Prints figures; never asserts.
#
#   bench/first-frame.sh [runs of each, default 20]
#   LT_SETUP_BINARY=/path/to/lt-setup bench/first-frame.sh   # that binary; nothing built
#
# lt-setup runs as `lt-setup wizard --root FIXTURE --session FILE`: a preview of a fixture
# server in a temporary folder (LibreTime's config.yml from tests/e2e/fixtures) with a
# session file of its own: no root needed, the host's session unread, nothing changed
# (checked at the end). Its first frame is screens/welcome-fresh-80x24.txt. whiptail shows
# a 3-item menu (`whiptail --menu … 20 70 3`).
#
# How it is timed. tmux's own clocks are too coarse: #{pane_start_time} and
# #{window_activity} are whole seconds, and a clock started before `tmux new-session`
# would add the tmux client, the server's fork and the pane's shell (several ms, the same
# for both, which dilutes the ratio). So each pane runs a tiny wrapper that writes bash's
# $EPOCHREALTIME (µs, no fork) and its pid, then execs the program: the clock starts just
# before exec. It stops when a capture of the pane first holds both the top and the bottom
# row of the expected frame (a frame reaches tmux in several writes, top to bottom).
# Captures are polled back to back, no sleep, through one tmux control-mode client (a pipe
# round trip, 0.6-1.5 ms, not a tmux process per poll, 2-8 ms); the clock stops when the
# matching capture returns, so a figure is late by at most one round trip (printed).
# Nothing is subtracted. The polling keeps about a core busy (this script and the tmux
# server), as any tight poll does. One untimed warm-up run of each comes first (page cache).
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-20}"

# whiptail, the yardstick, is installed from Debian when missing (as root; else named).
command -v whiptail >/dev/null || [ "$(id -u)" != 0 ] || scripts/install-packages.sh whiptail >&2
for tool in tmux whiptail; do
    command -v "$tool" >/dev/null || { echo "first-frame.sh: $tool is needed (sudo scripts/install-packages.sh $tool)" >&2; exit 1; }
done

if [ -z "${LT_SETUP_BINARY:-}" ]; then
    echo "== building (release)"
    swift build -c release --product lt-setup 2>&1 | tail -1
fi
lt="${LT_SETUP_BINARY:-$PWD/.build/release/lt-setup}"

echo
echo "== machine"
echo "$(nproc) cores, $(uname -sr), $(tmux -V), $(whiptail --version 2>&1), $("$lt" --version)"

work=$(mktemp -d /tmp/lt-setup-first-frame.XXXXXX)
socket="lt-setup-first-frame-$$"
tmux_() { tmux -L "$socket" -f /dev/null "$@"; }
control_pid="" socket_path=""
# tmux 3.3 leaves its socket file behind after kill-server: removed here too.
trap '{ [ -z "$control_pid" ] || kill "$control_pid"; tmux_ kill-server; } 2>/dev/null || true
    rm -rf -- "$work" ${socket_path:+"$socket_path"}' EXIT

# The fixture server. The first frame reads LibreTime's config.yml (the stream mounts),
# nginx's libretime.conf (absent: the default backend), and the session file and saved
# answers (none: the fresh Welcome); the rest is read only once answers are planned.
root="$work/root"
mkdir -p "$root/etc/libretime" "$work/scratch"
cp tests/e2e/fixtures/config.yml "$root/etc/libretime/config.yml"
fixture_state() { find "$work/root" "$work/scratch" -printf '%p %s %T@ %l\n' | sort; }
fixture_before=$(fixture_state)

# The wrapper each pane runs: "PID START_µs" into $1, then exec the program.
cat >"$work/stamp-exec" <<'EOF'
#!/bin/bash
out=$1; shift
printf '%s %s\n' "$$" "${EPOCHREALTIME/[.,]/}" >"$out"
exec "$@"
EOF
chmod 755 "$work/stamp-exec"

# Our own tmux server: no status line (the pane is the whole 80×24), panes kept after
# their program exits (so an early exit shows), one idle session for the control client.
tmux_ set-option -g status off \; set-option -g remain-on-exit on \; \
    set-option -g default-terminal xterm-256color \; new-session -d -s idle -x 80 -y 24 cat
socket_path=$(tmux_ display-message -p '#{socket_path}')
coproc CONTROL { exec tmux -L "$socket" -f /dev/null -C attach-session -t idle 2>/dev/null; }
control_pid=$CONTROL_PID
# ask COMMAND: sends it, sets $reply to its output (the next %begin … %end block); 1 on %error.
ask() {
    local line
    printf '%s\n' "$1" >&"${CONTROL[1]}"
    reply=""
    while IFS= read -r -u "${CONTROL[0]}" line; do [[ $line == %begin* ]] && break; done
    while IFS= read -r -u "${CONTROL[0]}" line; do
        [[ $line == %end* ]] && return 0
        [[ $line == %error* ]] && return 1
        reply+=$line$'\n'
    done
    return 1
}
# The attach's own block comes first or after the first reply: skip until ours.
until ask "display-message -p control-ready" && [[ $reply == control-ready* ]]; do :; done

# time_first_frame NAME TOP BOTTOM PROGRAM ARGS…: starts it in a fresh 80×24 session, sets
# $ms to the first-frame time (3 decimals) and adds to the polling counters.
polls=0 polled_us=0
time_first_frame() {
    local name=$1 top=$2 bottom=$3 stamp="$work/stamp" start now pid deadline first
    shift 3
    rm -f "$stamp"
    tmux_ new-session -d -s "$name" -x 80 -y 24 \
        env -i TERM=xterm-256color LANG=C.UTF-8 PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/tmp \
        "$work/stamp-exec" "$stamp" "$@"
    first=${EPOCHREALTIME/[.,]/}
    deadline=$((first + 10000000))
    while :; do
        ask "capture-pane -p -t $name" || reply=""
        now=${EPOCHREALTIME/[.,]/}
        polls=$((polls + 1))
        [[ $reply == *"$top"* && $reply == *"$bottom"* ]] && break
        if ((now > deadline)); then
            printf 'first-frame.sh: no first frame of %s in 10 s; last screen:\n%s' "$1" "$reply" >&2
            exit 1
        fi
    done
    polled_us=$((polled_us + now - first))
    read -r pid start <"$stamp"
    ms=$(printf '%d.%03d' $(((now - start) / 1000)) $(((now - start) % 1000)))
    tmux_ kill-session -t "$name"
    # The program is gone before the next one starts (it gets SIGHUP from tmux).
    while kill -0 "$pid" 2>/dev/null; do ((${EPOCHREALTIME/[.,]/} < deadline)) || break; done
}

# The Welcome's top and bottom rows, from its golden file.
{ read -r lt_top; read -r lt_bottom; } < <(sed -n '1p; $p' screens/welcome-fresh-80x24.txt | sed 's/ *$//')
lt_run() { time_first_frame lt "$lt_top" "$lt_bottom" "$lt" wizard --root "$root" --session "$work/scratch/session.json"; }
wt_run() { time_first_frame wt "Choose the web server" "─┘" whiptail --title lt-setup \
    --menu "Choose the web server in front of LibreTime" 20 70 3 a A b B c C; }

echo
lt_run; warm=$ms; wt_run
echo "== warm-up, not counted: lt-setup $warm ms, whiptail $ms ms"
polls=0 polled_us=0

echo
echo "== $runs runs of each, alternating"
: >"$work/lt.ms"; : >"$work/wt.ms"
for i in $(seq 1 "$runs"); do
    lt_run; echo "$ms" >>"$work/lt.ms"; lt_ms=$ms
    wt_run; echo "$ms" >>"$work/wt.ms"
    printf 'run %2d: lt-setup %7s ms   whiptail %7s ms\n' "$i" "$lt_ms" "$ms"
done

# stats FILE: "median p95" (nearest rank).
stats() { sort -n "$1" | awk '{ v[NR] = $1 } END { m = int((NR + 1) / 2); p = int(NR * 0.95 + 0.999999)
    printf "%s %s\n", (NR % 2 ? v[m] : (v[m] + v[m + 1]) / 2), v[p] }'; }
read -r lt_median lt_p95 < <(stats "$work/lt.ms")
read -r wt_median wt_p95 < <(stats "$work/wt.ms")
echo
echo "== first frame, 80×24 ($runs runs each)"
printf '%-10s median %8.3f ms   p95 %8.3f ms\n' lt-setup "$lt_median" "$lt_p95" whiptail "$wt_median" "$wt_p95"
awk -v a="$lt_median" -v b="$wt_median" -v c="$lt_p95" -v d="$wt_p95" \
    'BEGIN { printf "ratio lt-setup / whiptail: %.2f× (median), %.2f× (p95)\n", a / b, c / d }'
awk -v us="$polled_us" -v n="$polls" \
    'BEGIN { printf "one capture round trip (the resolution): %.2f ms on average over %d polls\n", us / n / 1000, n }'
[ "$(fixture_state)" = "$fixture_before" ] || echo "first-frame.sh: the wizard changed the fixture folder!" >&2
