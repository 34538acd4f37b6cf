#!/usr/bin/env bash
# Bytes written to the terminal per selection move: the real wizard on its Proxy screen
# against whiptail and dialog showing the same two choices (BENCH_MENU in lib.sh), at 80×24
# under tmux, in one run. Fewer bytes is less to send over a slow ssh link and less for the
# terminal to parse. Also each program's resident memory (VmRSS) once idle on that screen.
# Prints figures; never asserts.
#
#   bench/bytes-per-move.sh [moves per round, default 20] [rounds, default 5]
#   LT_SETUP_BINARY=/path/to/lt-setup bench/bytes-per-move.sh   # that binary; nothing built
#
# Each program runs in a session of its own (lt-setup as a `--root` preview of a fixture
# server, as in first-frame.sh, walked from Welcome to the Proxy screen with Enter). A
# round is MOVES keys, Down and Up in turn between the two choices, each sent only once
# the screen shows the previous one answered (so that no two keys share a frame), with
# the pane's output copied to a file meanwhile (tmux pipe-pane); bytes per move is the
# file's size over MOVES. The programs take rounds in turn. The answer a key waits for:
# lt-setup's mark `› (•)` on the other choice; whiptail's and dialog's highlight colour on
# it (captured with its escapes).
# shellcheck source-path=SCRIPTDIR
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=lib.sh
source bench/lib.sh
moves="${1:-20}"
rounds="${2:-5}"

for tool in whiptail dialog; do
    command -v "$tool" >/dev/null || [ "$(id -u)" != 0 ] || scripts/install-packages.sh "$tool" >&2
done
for tool in tmux whiptail dialog; do
    command -v "$tool" >/dev/null || { echo "bytes-per-move.sh: $tool is needed (sudo scripts/install-packages.sh $tool)" >&2; exit 1; }
done

echo "== release products"
lt=$(bench_product lt-setup)
echo
echo "== machine"
bench_machine

work=$(mktemp -d /tmp/lt-setup-bytes-per-move.XXXXXX)
trap 'bench_tmux_stop; rm -rf -- "$work"' EXIT
root="$work/root"
mkdir -p "$root/etc/libretime"
cp tests/e2e/fixtures/config.yml "$root/etc/libretime/config.yml"

bench_tmux_start bytes-per-move
subjects=(lt-setup whiptail dialog)
start_subject() {
    local command
    case $1 in
        lt-setup) command=("$lt" wizard --root "$root" --session "$work/session.json") ;;
        *) command=("$1" "${BENCH_MENU[@]}") ;;
    esac
    bench_tmux new-session -d -s "$1" -x 80 -y 24 \
        env -i TERM=xterm-256color LANG=C.UTF-8 PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/tmp "${command[@]}"
}

# on_choice NAME N: sets up the wait for NAME showing choice N (1 nginx, 2 Apache) selected.
on_choice() {
    BENCH_TARGET=$1 BENCH_CAPTURE_ESCAPES=1
    local first=(nginx "recommended by") second=(Apache "if Apache already")
    case $1 in
        lt-setup) BENCH_CAPTURE_ESCAPES=""; awaited=("› (•) $([ "$2" = 1 ] && echo nginx || echo Apache)") ;;
        whiptail) awaited=("41m$([ "$2" = 1 ] && echo "${first[0]}" || echo "${second[0]}")") ;;
        dialog) awaited=("44m$([ "$2" = 1 ] && echo "${first[1]}" || echo "${second[1]}")") ;;
    esac
}

for subject in "${subjects[@]}"; do
    start_subject "$subject"
    BENCH_TARGET=$subject BENCH_CAPTURE_ESCAPES=""
    if [ "$subject" = lt-setup ]; then
        bench_await 20 "1/7 Welcome" "› [ Start ]" || exit 1
        bench_tmux send-keys -t lt-setup Enter
    fi
    on_choice "$subject" 1
    bench_await 20 "${awaited[@]}" || exit 1
    : >"$work/$subject.bytes"
done

# round NAME: MOVES keys to NAME with its output copied; appends bytes per move.
round() {
    local name=$1 out="$work/$1.out" count
    rm -f "$out" "$out.done"
    bench_ask "pipe-pane -o -t $name 'cat > $out; touch $out.done'"
    for count in $(seq 1 "$moves"); do
        if ((count % 2)); then
            bench_tmux send-keys -t "$name" Down
            on_choice "$name" 2
        else
            bench_tmux send-keys -t "$name" Up
            on_choice "$name" 1
        fi
        bench_await 10 "${awaited[@]}" || exit 1
    done
    bench_ask "pipe-pane -t $name"
    local deadline=$((${EPOCHREALTIME/[.,]/} + 10000000))
    until [ -e "$out.done" ]; do
        ((${EPOCHREALTIME/[.,]/} < deadline)) || { echo "bytes-per-move.sh: tmux's pipe to $out did not end" >&2; exit 1; }
    done
    awk -v b="$(stat -c %s "$out")" -v m="$moves" 'BEGIN { printf "%.1f\n", b / m }' >>"$work/$name.bytes"
}

echo
echo "== $rounds rounds of $moves moves, Down and Up in turn, the programs in turn (bytes per move)"
for i in $(seq 1 "$rounds"); do
    printf 'round %2d:' "$i"
    for subject in "${subjects[@]}"; do
        round "$subject"
        printf ' %s %6s' "$subject" "$(tail -n 1 "$work/$subject.bytes")"
    done
    echo
done

echo
echo "== bytes per move (median, min–max over the rounds; ratio of medians to whiptail), and VmRSS idle on that screen"
read -r _ wt_median _ < <(bench_stats "$work/whiptail.bytes")
for subject in "${subjects[@]}"; do
    read -r _ median _ _ _ min max < <(bench_stats "$work/$subject.bytes")
    pid=$(bench_tmux display-message -p -t "$subject" '#{pane_pid}')
    rss=$(bench_kib "$pid" VmRSS)
    awk -v s="$subject" -v m="$median" -v lo="$min" -v hi="$max" -v w="$wt_median" -v r="$rss" \
        'BEGIN { printf "%-10s %7.1f   %7.1f–%-7.1f  %5.2f×   RSS %.1f MiB\n", s, m, lo, hi, m / w, r / 1024 }'
    bench_keep "bytes-per-move.$subject" "$work/$subject.bytes"
    bench_record "rss-idle.$subject" "$rss"
done
