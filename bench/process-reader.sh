#!/usr/bin/env bash
# Throughput and memory of lt-setup's process runner (Sources/LTSetupRuntime/Processes),
# against the floor: the same producers read by `wc -l`, no Swift involved. The runs of the
# floor and of the runner alternate. Prints figures; never asserts.
#
#   bench/process-reader.sh [runs per case, default 3]
#   BENCH_BIN_DIR=DIR bench/process-reader.sh     # DIR/bench-process-reader; nothing built
# shellcheck source-path=SCRIPTDIR
set -euo pipefail
cd "$(dirname "$0")/.."
# shellcheck source=lib.sh
source bench/lib.sh
runs="${1:-3}"

echo "== release products"
bench=$(bench_product bench-process-reader)

echo
echo "== machine"
bench_machine

work=$(mktemp -d /tmp/lt-setup-process-reader.XXXXXX)
trap 'rm -rf -- "$work"' EXIT

# floor PRODUCER: its lines into wc -l; prints "LINES MS LINES_PER_S".
floor() {
    local start end lines ms
    start=${EPOCHREALTIME/[.,]/}
    lines=$(sh -c "$1" | wc -l)
    end=${EPOCHREALTIME/[.,]/}
    ms=$(((end - start) / 1000))
    echo "$lines $ms $((lines * 1000 / (ms > 0 ? ms : 1)))"
}

for producer in "seq 1 2000000" "yes line | head -n 5000000"; do
    name=${producer%% *}
    echo
    echo "== $producer: the floor (into wc -l) and through the runner, alternating ($runs runs)"
    for _ in $(seq 1 "$runs"); do
        read -r lines ms rate < <(floor "$producer")
        echo "floor:  $lines lines in $ms ms ($rate lines/s)"
        echo "$rate" >>"$work/floor.$name"
        "$bench" lines sh -c "$producer" | grep -E "throughput|RSS|lines:" | sed 's/^/runner: /' | tee "$work/out"
        awk '/throughput:/ { print $3 }' "$work/out" >>"$work/runner.$name"
        awk '/RSS:/ { print $(NF - 1) }' "$work/out" >>"$work/rss.$name"
    done
    bench_keep "reader-floor.$name" "$work/floor.$name"
    bench_keep "reader-runner.$name" "$work/runner.$name"
    bench_keep "rss-reader-runner.$name" "$work/rss.$name"
done

echo
echo "== with the step log file: seq 1 2000000"
"$bench" logged "$work" seq 1 2000000 | grep -E "throughput|RSS|lines:"
echo "log file: $(wc -l <"$work/bench.log") lines, mode $(stat -c %a "$work/bench.log")"

echo
echo "== paused consumer: yes floods, the reader stops for 3 s"
"$bench" paused
