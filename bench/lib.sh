# What the bench scripts share: the release products, statistics, the figures each script
# leaves for bench/compare.sh, and one tmux control-mode client. Source it; it defines
# functions and the yardsticks' menu only.
#
#   BENCH_BIN_DIR=DIR    take every release product (lt-setup, bench-key-latency,
#                        bench-process-reader, terminal-demo) from DIR: nothing is built
#   LT_SETUP_BINARY=FILE take lt-setup from FILE: nothing is built for it
#   BENCH_OUT=DIR        each measurement also appends its samples, one a line, to
#                        DIR/NAME (see bench_record); bench/compare.sh reads them
# shellcheck shell=bash

BENCH_REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

# bench_product NAME: the path of the release product NAME, built with `swift build -c
# release` (its output on stderr) unless BENCH_BIN_DIR or, for lt-setup, LT_SETUP_BINARY
# names one.
bench_product() {
    if [ "$1" = lt-setup ] && [ -n "${LT_SETUP_BINARY:-}" ]; then
        echo "$LT_SETUP_BINARY"
    elif [ -n "${BENCH_BIN_DIR:-}" ]; then
        echo "$BENCH_BIN_DIR/$1"
    else
        (cd "$BENCH_REPO" && swift build -c release --product "$1" 2>&1 | tail -1 >&2)
        echo "$BENCH_REPO/.build/release/$1"
    fi
}

# bench_stats FILE: "N MEDIAN P5 P95 P99 MIN MAX" of the numbers in FILE, one a line
# (percentiles by nearest rank; the median of an even count is the mean of the middle two).
bench_stats() {
    sort -g "$1" | awk '
        { v[NR] = $1 }
        function rank(p,  r) { r = int(NR * p + 0.999999); return v[r < 1 ? 1 : r] }
        END {
            if (NR == 0) { print "0 - - - - - -"; exit }
            m = int((NR + 1) / 2)
            printf "%d %s %s %s %s %s %s\n", NR, (NR % 2 ? v[m] : (v[m] + v[m + 1]) / 2),
                rank(0.05), rank(0.95), rank(0.99), v[1], v[NR]
        }'
}

# bench_record NAME VALUE...: appends each VALUE to $BENCH_OUT/NAME when BENCH_OUT is set.
bench_record() {
    local name=$1
    shift
    [ -n "${BENCH_OUT:-}" ] || return 0
    printf '%s\n' "$@" >>"$BENCH_OUT/$name"
}

# bench_keep NAME FILE: appends FILE's samples to $BENCH_OUT/NAME when BENCH_OUT is set.
bench_keep() {
    [ -z "${BENCH_OUT:-}" ] || cat "$2" >>"$BENCH_OUT/$1"
}

# bench_machine: one line on what the figures were measured on, and under what load.
bench_machine() {
    local load
    read -r load _ </proc/loadavg
    echo "$(nproc) cores, load $load (1 min), $(uname -sr), $(tmux -V 2>/dev/null || echo 'no tmux')"
}

# bench_kib PID FIELD: a field of /proc/PID/status in KiB (VmRSS, VmHWM), or nothing.
bench_kib() {
    awk -v f="$2:" '$1 == f { print $2 }' "/proc/$1/status" 2>/dev/null || true
}

# shellcheck disable=SC2034 # used by the scripts that source this file
# The yardsticks' menu for whiptail and dialog: lt-setup's Proxy screen (its title, question
# and two choices) as a --menu at nearly the whole 80×24.
BENCH_MENU=(--title "lt-setup — LibreTime behind HTTPS" --menu
    "Which web server should answer for your station on ports 80 and 443?" 20 78 2
    nginx "recommended by LibreTime's guide" Apache "if Apache already serves other sites here")

# --- one tmux server of our own, and one control-mode client on it --------------------------
# A command through the control client is a pipe round trip (0.6-1.5 ms), not a tmux
# process (2-8 ms). The server: no status line (a pane is the whole 80×24), panes kept after
# their program exits (so an early exit shows), TERM xterm-256color, and one idle session
# that the control client attaches to.

# bench_tmux ARG...: tmux on this script's own server.
bench_tmux() {
    tmux -L "$BENCH_TMUX_SOCKET" -f /dev/null "$@"
}

# bench_tmux_start NAME: starts the server (socket lt-setup-NAME-PID) and its control client.
# bench_tmux_stop ends both; call it from the caller's EXIT trap.
bench_tmux_start() {
    BENCH_TMUX_SOCKET="lt-setup-$1-$$"
    bench_tmux set-option -g status off \; set-option -g remain-on-exit on \; \
        set-option -g default-terminal xterm-256color \; new-session -d -s idle -x 80 -y 24 cat
    BENCH_TMUX_SOCKET_PATH=$(bench_tmux display-message -p '#{socket_path}')
    coproc BENCH_CONTROL { exec tmux -L "$BENCH_TMUX_SOCKET" -f /dev/null -C attach-session -t idle 2>/dev/null; }
    # A command sent before the client is attached is refused ("no current client").
    until bench_ask "display-message -p control-ready"; do :; done
}

# tmux 3.3 leaves its socket file behind after kill-server: removed here too.
bench_tmux_stop() {
    { [ -z "${BENCH_CONTROL_PID:-}" ] || kill "$BENCH_CONTROL_PID"; bench_tmux kill-server; } 2>/dev/null || true
    [ -z "${BENCH_TMUX_SOCKET_PATH:-}" ] || rm -f -- "$BENCH_TMUX_SOCKET_PATH"
}

# bench_ask COMMAND: sends it through the control client, sets BENCH_REPLY to its output;
# returns 1 on %error. A reply is the block `%begin TIME NUMBER 1` … `%end` (or `%error`);
# the attach command's own block (flags 0), which may come before or after the first
# reply, is skipped.
bench_ask() {
    local line
    printf '%s\n' "$1" >&"${BENCH_CONTROL[1]}"
    while :; do
        BENCH_REPLY=""
        while IFS= read -r -u "${BENCH_CONTROL[0]}" line; do [[ $line == %begin* ]] && break; done
        while IFS= read -r -u "${BENCH_CONTROL[0]}" line; do
            if [[ $line == %end* || $line == %error* ]]; then
                [[ $line == *" 1" ]] || continue 2
                [[ $line == %end* ]]
                return
            fi
            BENCH_REPLY+=$line$'\n'
        done
        return 1
    done
}

# bench_screen_has TEXT...: one capture of session $BENCH_TARGET (-e: with its colours when
# BENCH_CAPTURE_ESCAPES=1) holds every TEXT; the capture is left in BENCH_REPLY.
bench_screen_has() {
    local text
    bench_ask "capture-pane -p${BENCH_CAPTURE_ESCAPES:+e} -t $BENCH_TARGET" || BENCH_REPLY=""
    for text in "$@"; do
        [[ $BENCH_REPLY == *"$text"* ]] || return 1
    done
}

# bench_await SECONDS TEXT...: polls the screen back to back until bench_screen_has TEXT...;
# prints the last screen and returns 1 after SECONDS.
bench_await() {
    local deadline=$((${EPOCHREALTIME/[.,]/} + $1 * 1000000))
    shift
    until bench_screen_has "$@"; do
        if ((${EPOCHREALTIME/[.,]/} > deadline)); then
            printf 'no screen with %s in %s; the screen:\n%s' "$*" "$BENCH_TARGET" "$BENCH_REPLY" >&2
            return 1
        fi
    done
}
