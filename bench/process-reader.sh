#!/usr/bin/env bash
# Throughput and memory of lt-setup's process runner (Sources/LTSetupRuntime/Processes).
# Prints figures; never asserts. Usage: bench/process-reader.sh [runs per case, default 3]
set -euo pipefail
cd "$(dirname "$0")/.."
runs="${1:-3}"

echo "== building (release)"
swift build -c release --product bench-process-reader 2>&1 | tail -1
bench=.build/release/bench-process-reader

echo
echo "== machine"
echo "$(nproc) cores, $(uname -sr), $(swift --version 2>/dev/null | head -1)"

echo
echo "== floor: the producers alone, into wc -l (no Swift involved)"
for producer in "seq 1 2000000" "yes line | head -n 5000000"; do
    start=$(date +%s%N)
    lines=$(sh -c "$producer" | wc -l)
    end=$(date +%s%N)
    ms=$(( (end - start) / 1000000 ))
    echo "$producer: $lines lines in $ms ms ($(( lines * 1000 / (ms > 0 ? ms : 1) )) lines/s)"
done

for producer in "seq 1 2000000" "yes line | head -n 5000000"; do
    echo
    echo "== through the runner: $producer ($runs runs)"
    for _ in $(seq 1 "$runs"); do
        "$bench" lines sh -c "$producer" | grep -E "throughput|RSS|lines:"
    done
done

echo
echo "== with the step log file: seq 1 2000000"
logdir=$(mktemp -d)
"$bench" logged "$logdir" seq 1 2000000 | grep -E "throughput|RSS|lines:"
echo "log file: $(wc -l < "$logdir/bench.log") lines, mode $(stat -c %a "$logdir/bench.log")"
rm -rf -- "$logdir"

echo
echo "== paused consumer: yes floods, the reader stops for 3 s"
"$bench" paused
