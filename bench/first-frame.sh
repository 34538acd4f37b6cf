#!/usr/bin/env bash
# First-frame time of the real wizard against whiptail and dialog showing a comparable menu,
# and against the floor: from the moment a program starts in a fresh 80×24 tmux pane until
# its whole first screen is visible there. All in one run, alternating; prints medians,
# p95 and ratios to whiptail. Compare ratios taken in one run, never absolute times.
# Prints figures; never asserts.
#
#   bench/first-frame.sh [runs of each, default 20]
#   LT_SETUP_BINARY=/path/to/lt-setup bench/first-frame.sh   # that binary; nothing built
#
# The programs, each timed to its whole first frame:
# - lt-setup: `lt-setup wizard --root FIXTURE --session FILE`, a preview of a fixture server
#   in a temporary folder (LibreTime's config.yml from tests/e2e/fixtures) with a session
#   file of its own: no root needed, the host's session unread, nothing changed (checked at
#   the end). Its first frame is screens/welcome-fresh-80x24.txt.
# - whiptail and dialog: lt-setup's Proxy screen as a `--menu` (BENCH_MENU in lib.sh).
# - printf, the floor: the pane's own shell writes the same Welcome text (a builtin, no
#   exec): what getting those characters onto tmux's screen costs.
# - terminal-demo --show: the same Welcome painted by lt-setup's terminal layer
#   (LTSetupTerminal, ncurses) in a program without Foundation and without the wizard's
#   start-up work: lt-setup minus this is what the rest of lt-setup costs before its frame.
# Then the start-up alone, `PROGRAM --version` from exec to exit (lt-setup, whiptail,
# dialog, /bin/true; terminal-demo without a terminal, which it leaves at once), which is
# the cost of loading the program and its libraries: lt-setup against terminal-demo, both
# linked the same way, is what Foundation and the rest of lt-setup cost before main.
# And each program's resident memory (VmRSS) when its first frame is complete.
#
# How it is timed. tmux's own clocks are too coarse: #{pane_start_time} and
# #{window_activity} are whole seconds, and a clock started before `tmux new-session`
# would add the tmux client, the server's fork and the pane's shell (several ms, the same
# for all, which dilutes the ratio). So each pane runs a tiny wrapper that writes bash's
# $EPOCHREALTIME (µs, no fork) and its pid, then execs the program: the clock starts just
# before exec. It stops when a capture of the pane first holds every text expected of the
# whole frame (its top and bottom rows; a frame reaches tmux in several writes, top to
# bottom). Captures are polled back to back, no sleep, through one tmux control-mode
# client (lib.sh); the clock stops when the matching capture returns, so a figure is late
# by at most one round trip (printed). Nothing is subtracted. The polling keeps about a
# core busy (this script and the tmux server), as any tight poll does. One untimed warm-up
# run of each comes first (page cache).
# shellcheck source-path=SCRIPTDIR
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=lib.sh
source bench/lib.sh
runs="${1:-20}"

# The yardsticks are installed from Debian when missing (as root; else named).
for tool in whiptail dialog; do
    command -v "$tool" >/dev/null || [ "$(id -u)" != 0 ] || scripts/install-packages.sh "$tool" >&2
done
for tool in tmux whiptail dialog; do
    command -v "$tool" >/dev/null || { echo "first-frame.sh: $tool is needed (sudo scripts/install-packages.sh $tool)" >&2; exit 1; }
done

echo "== release products"
lt=$(bench_product lt-setup)
demo=$(bench_product terminal-demo)

echo
echo "== machine"
bench_machine
for program in "$lt" "$demo"; do
    echo "$program: $(du -mL "$program" | cut -f1) MB, Swift runtime $(ldd "$program" | grep -q libswiftCore && echo "linked dynamically" || echo "linked in"), $(ldd "$program" | grep -c 'libFoundation') Foundation libraries linked dynamically"
done
"$lt" --version
echo "$(whiptail --version 2>&1), dialog $(dialog --version 2>&1 | sed 's/.*: //')"

work=$(mktemp -d /tmp/lt-setup-first-frame.XXXXXX)
trap 'bench_tmux_stop; rm -rf -- "$work"' EXIT

# The fixture server. The first frame reads LibreTime's config.yml (the stream mounts),
# nginx's libretime.conf (absent: the default backend), and the session file and saved
# answers (none: the fresh Welcome); the rest is read only once answers are planned.
root="$work/root"
mkdir -p "$root/etc/libretime" "$work/scratch"
cp tests/e2e/fixtures/config.yml "$root/etc/libretime/config.yml"
fixture_state() { find "$work/root" "$work/scratch" -printf '%p %s %T@ %l\n' | sort; }
fixture_before=$(fixture_state)

welcome=screens/welcome-fresh-80x24.txt
# The wrapper each pane runs: "PID START_µs" into $1, then exec the program; or, with
# --print FILE, write FILE's text itself (no exec: the floor) and wait.
cat >"$work/stamp-exec" <<'EOF'
#!/bin/bash
out=$1; shift
if [ "$1" = --print ]; then
    text=$(<"$2")
    printf '%s %s\n' "$$" "${EPOCHREALTIME/[.,]/}" >"$out"
    printf '%s' "$text"
    exec sleep infinity
fi
printf '%s %s\n' "$$" "${EPOCHREALTIME/[.,]/}" >"$out"
exec "$@"
EOF
chmod 755 "$work/stamp-exec"

bench_tmux_start first-frame

# time_first_frame NAME PROGRAM ARGS…: starts it in a fresh 80×24 session, sets $ms to the
# first-frame time (3 decimals) and $rss to the program's VmRSS then (KiB), and adds to the
# polling counters. The texts awaited are in the array expect.
polls=0 polled_us=0
time_first_frame() {
    local name=$1 stamp="$work/stamp" start now pid deadline first text
    shift
    rm -f "$stamp"
    bench_tmux new-session -d -s "$name" -x 80 -y 24 \
        env -i TERM=xterm-256color LANG=C.UTF-8 PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/tmp \
        "$work/stamp-exec" "$stamp" "$@"
    first=${EPOCHREALTIME/[.,]/}
    deadline=$((first + 10000000))
    while :; do
        bench_ask "capture-pane -p -t $name" || BENCH_REPLY=""
        now=${EPOCHREALTIME/[.,]/}
        polls=$((polls + 1))
        for text in "${expect[@]}" ""; do
            [ -n "$text" ] || break 2
            [[ $BENCH_REPLY == *"$text"* ]] || break
        done
        if ((now > deadline)); then
            printf 'first-frame.sh: no first frame of %s in 10 s; last screen:\n%s' "$name" "$BENCH_REPLY" >&2
            exit 1
        fi
    done
    polled_us=$((polled_us + now - first))
    read -r pid start <"$stamp"
    rss=$(bench_kib "$pid" VmRSS)
    ms=$(printf '%d.%03d' $(((now - start) / 1000)) $(((now - start) % 1000)))
    bench_tmux kill-session -t "$name"
    # The program is gone before the next one starts (it gets SIGHUP from tmux).
    while kill -0 "$pid" 2>/dev/null; do ((${EPOCHREALTIME/[.,]/} < deadline)) || break; done
}

# The Welcome's top and bottom rows, from its golden file.
{ read -r lt_top; read -r lt_bottom; } < <(sed -n '1p; $p' "$welcome" | sed 's/ *$//')
subjects=(lt-setup whiptail dialog printf terminal-demo)
# run_subject NAME: one timed first frame of NAME.
run_subject() {
    case $1 in
        whiptail) expect=("Which web server should" "if Apache already serves" "<Cancel>" "─┘") ;;
        # dialog draws its lines with the terminal's alternate characters: the outer box's
        # bottom row is captured as mqqq…j from the first column.
        dialog) expect=("Which web server should" "if Apache already serves" "<Cancel>" $'\nmqqq') ;;
        *) expect=("$lt_top" "$lt_bottom") ;;
    esac
    case $1 in
        lt-setup) time_first_frame lt-setup "$lt" wizard --root "$root" --session "$work/scratch/session.json" ;;
        whiptail | dialog) time_first_frame "$1" "$1" "${BENCH_MENU[@]}" ;;
        printf) time_first_frame printf --print "$PWD/$welcome" ;;
        terminal-demo) time_first_frame terminal-demo "$demo" --show "$welcome" ;;
    esac
}

echo
printf '== warm-up, not counted:'
for subject in "${subjects[@]}"; do
    run_subject "$subject"
    printf ' %s %s ms,' "$subject" "$ms"
done
echo
polls=0 polled_us=0

echo
echo "== first frame: $runs runs of each, alternating (ms; RSS at the first frame in KiB)"
for subject in "${subjects[@]}"; do : >"$work/$subject.ms"; : >"$work/$subject.rss"; done
for i in $(seq 1 "$runs"); do
    printf 'run %2d:' "$i"
    for subject in "${subjects[@]}"; do
        run_subject "$subject"
        echo "$ms" >>"$work/$subject.ms"
        [ -z "$rss" ] || [ "$subject" = printf ] || echo "$rss" >>"$work/$subject.rss"
        printf ' %s %7s' "$subject" "$ms"
    done
    echo
done

# Start-up alone: exec to exit of `PROGRAM --version`, alternating, timed by bash around
# its fork (the same for all).
echo
echo "== start-up: PROGRAM --version from exec to exit, $runs × 5 runs of each, alternating (ms)"
startups=(lt-setup terminal-demo whiptail dialog true)
for program in "${startups[@]}"; do : >"$work/startup-$program.ms"; done
for _ in $(seq 1 $((runs * 5))); do
    for program in "${startups[@]}"; do
        case $program in
            lt-setup) command=("$lt" --version) ;;
            # Without a terminal it says so and exits: the same runtime, no Foundation.
            terminal-demo) command=("$demo") ;;
            true) command=(/bin/true) ;;
            *) command=("$program" --version) ;;
        esac
        start=${EPOCHREALTIME/[.,]/}
        "${command[@]}" </dev/null >/dev/null 2>&1 || true
        now=${EPOCHREALTIME/[.,]/}
        printf '%d.%03d\n' $(((now - start) / 1000)) $(((now - start) % 1000)) >>"$work/startup-$program.ms"
    done
done

echo
echo "== first frame, 80×24 ($runs runs each; median, p95, min–max in ms; ratio of medians to whiptail)"
read -r _ wt_median _ < <(bench_stats "$work/whiptail.ms")
for subject in "${subjects[@]}"; do
    read -r _ median _ p95 _ min max < <(bench_stats "$work/$subject.ms")
    read -r _ rss_median _ < <(bench_stats "$work/$subject.rss")
    awk -v s="$subject" -v m="$median" -v p="$p95" -v lo="$min" -v hi="$max" -v w="$wt_median" -v r="$rss_median" \
        'BEGIN { printf "%-14s median %7.3f   p95 %7.3f   %7.3f–%-7.3f  %5.2f×   RSS %s\n", s, m, p, lo, hi, m / w,
                 r == "-" ? "-" : sprintf("%.1f MiB", r / 1024) }'
    bench_keep "first-frame.$subject" "$work/$subject.ms"
    [ ! -s "$work/$subject.rss" ] || bench_keep "rss-first-frame.$subject" "$work/$subject.rss"
done
echo
echo "== start-up alone (--version, exec to exit; median, min–max in ms)"
for program in "${startups[@]}"; do
    read -r _ median _ _ _ min max < <(bench_stats "$work/startup-$program.ms")
    printf '%-14s median %7.3f   %7.3f–%-7.3f\n' "$program" "$median" "$min" "$max"
    bench_keep "startup.$program" "$work/startup-$program.ms"
done
awk -v us="$polled_us" -v n="$polls" \
    'BEGIN { printf "\none capture round trip (the resolution): %.2f ms on average over %d polls\n", us / n / 1000, n }'
[ "$(fixture_state)" = "$fixture_before" ] || echo "first-frame.sh: the wizard changed the fixture folder!" >&2
