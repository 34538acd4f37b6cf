#!/usr/bin/env bash
# Key → screen latency of the terminal layer (LTSetupTerminal, through terminal-demo) under
# tmux, idle and while the demo reads a `yes` flood in the same poll loop. The target is a
# key answered within 16 ms (one frame at 60 Hz). Prints figures; never asserts.
# Usage: bench/key-latency.sh [keys per run, default 200] [runs per case, default 3]
#        BENCH_BIN_DIR=DIR bench/key-latency.sh    # the products in DIR; nothing built
# shellcheck source-path=SCRIPTDIR
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=lib.sh
source bench/lib.sh
keys="${1:-200}"
runs="${2:-3}"

if ! command -v tmux >/dev/null; then
    echo "key-latency.sh: tmux is needed (apt-get install tmux)" >&2
    exit 1
fi

echo "== release products"
demo=$(bench_product terminal-demo)
bench=$(bench_product bench-key-latency)

echo
echo "== machine"
bench_machine

echo
echo "== idle: $keys Down keys, waiting for each to show ($runs runs)"
for _ in $(seq 1 "$runs"); do
    "$bench" "$demo" --keys "$keys" --bytes
done

echo
echo "== during a flood: yes | the demo's poll loop, repainting every 33 ms ($runs runs)"
for _ in $(seq 1 "$runs"); do
    "$bench" "$demo" --keys "$keys" --flood
done
