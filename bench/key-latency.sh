#!/usr/bin/env bash
# Key → screen latency of the terminal layer (LTSetupTerminal, through terminal-demo) under
# tmux, idle and while the demo reads a `yes` flood in the same poll loop. The target is a
# key answered within 16 ms (one frame at 60 Hz). Prints figures; never asserts.
# Usage: bench/key-latency.sh [keys per run, default 200] [runs per case, default 3]
set -euo pipefail
cd "$(dirname "$0")/.."
keys="${1:-200}"
runs="${2:-3}"

if ! command -v tmux >/dev/null; then
    echo "key-latency.sh: tmux is needed (apt-get install tmux)" >&2
    exit 1
fi

echo "== building (release)"
swift build -c release --product terminal-demo 2>&1 | tail -1
swift build -c release --product bench-key-latency 2>&1 | tail -1
demo="$PWD/.build/release/terminal-demo"
bench=.build/release/bench-key-latency

echo
echo "== machine"
echo "$(nproc) cores, $(uname -sr), $(tmux -V), $(swift --version 2>/dev/null | head -1)"

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
