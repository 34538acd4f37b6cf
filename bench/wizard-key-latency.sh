#!/usr/bin/env bash
# Key → screen latency of the real wizard while a step floods its log pane. The target is a
# key answered within 16 ms (one frame at 60 Hz). Prints figures; never asserts.
#
#   sudo bench/wizard-key-latency.sh [keys per run, default 200] [runs, default 3]
#
# The release lt-setup runs for real in the end-to-end sandbox (tests/e2e/sandbox.sh: its own
# /etc, network and processes; this machine's files are not touched) with the real nginx and
# the fake LibreTime backend, under tmux at 80×24. It is walked to the Run screen as in
# tests/e2e/wizard-e2e.sh, then runs all. Step 4 runs `nginx -t`; a stand-in first on
# lt-setup's PATH makes that program print `yes` lines as fast as the pipe takes them
# until the benchmark is over, then runs the real `nginx -t`. Meanwhile Down and Up move
# the selection between step 4 (its log pane flooding) and step 5, and each key is timed
# until the screen shows the selection moved (bench-key-latency --attach).
# shellcheck source-path=SCRIPTDIR
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$BENCH_DIR/.." && pwd)
E2E_DIR=$REPO/tests/e2e
keys="${1:-200}"
runs="${2:-3}"

if [ "${E2E_SANDBOX:-}" != 1 ]; then
    if [ "$(id -u)" != 0 ]; then
        echo "wizard-key-latency.sh: needs root (the wizard runs for real, in the e2e sandbox): sudo $0" >&2
        exit 1
    fi
    for tool in tmux nginx curl python3; do
        command -v "$tool" >/dev/null || {
            echo "wizard-key-latency.sh: $tool is needed (scripts/install-packages.sh)" >&2
            exit 1
        }
    done
    cd "$REPO"
    echo "== building (release)"
    swift build -c release --product lt-setup 2>&1 | tail -1
    swift build -c release --product bench-key-latency 2>&1 | tail -1
    echo
    echo "== machine"
    echo "$(nproc) cores, $(uname -sr), $(tmux -V), $(swift --version 2>/dev/null | head -1)"
    # shellcheck source=../tests/e2e/sandbox.sh
    source "$E2E_DIR/sandbox.sh"
    for run in $(seq 1 "$runs"); do
        echo
        echo "== run $run of $runs: $keys keys (Down, Up, …) while step 4 floods its log pane"
        sandbox_run -- bash "$BENCH_DIR/wizard-key-latency.sh" "$keys" 1
    done
    exit 0
fi

# --- inside the sandbox: one run --------------------------------------------------------------

# shellcheck source=../tests/e2e/wait.sh
source "$E2E_DIR/wait.sh"
# shellcheck source=../tests/e2e/assert.sh
source "$E2E_DIR/assert.sh"
# shellcheck source=../tests/e2e/wizard-driver.sh
source "$E2E_DIR/wizard-driver.sh"
# shellcheck disable=SC2034 # SERVER, LT and WIZARD_PATH are read by the sourced scripts.
SERVER=nginx
# shellcheck source=../tests/e2e/servers.sh
source "$E2E_DIR/servers.sh"

# shellcheck disable=SC2034
LT=$REPO/.build/release/lt-setup
STANDIN=$E2E_WORK/flood-bin
STOP=$E2E_WORK/flood-stop
mkdir -p "$STANDIN"
cat >"$STANDIN/nginx" <<EOF
#!/bin/bash
# The benchmark's stand-in: \`nginx -t\` floods its output until the benchmark is over.
if [ "\${1:-}" = -t ]; then
    yes "nginx: a line of the benchmark's flood, as long as a real log line tends to be" &
    while [ ! -e '$STOP' ]; do sleep 0.05; done
    kill \$!
fi
exec /usr/sbin/nginx "\$@"
EOF
chmod 755 "$STANDIN/nginx"
# shellcheck disable=SC2034
WIZARD_PATH=$STANDIN:/usr/sbin:/usr/bin:/sbin:/bin
trap 'touch "$STOP"; wtmux kill-server 2>/dev/null || true' EXIT

# The walk's own checks are not the point here: only a failure is shown.
{
    require "the fake LibreTime backend answers" backend_start 8080
    require "nginx serves its default site" server_start nginx 80
    answer_questions
} >"$E2E_WORK/walk.log" 2>&1 || { cat "$E2E_WORK/walk.log"; exit 1; }

bench() {
    "$REPO/.build/release/bench-key-latency" --attach "$E2E_WORK/tmux-$(id -u)/wizard" --target main \
        --steps 4,5 --keys "$keys"
}

# The same keys on the Run screen before anything runs: the figure to compare with.
echo "idle (nothing runs yet):"
bench
{
    keys Enter
    wait_screen 30 "step 4 runs, its log pane flooding" "Step 4 of 6 is running" "nginx: a line of the benchmark" \
        || exit 1
} >"$E2E_WORK/walk.log" 2>&1 || { cat "$E2E_WORK/walk.log"; exit 1; }

log_lines() {
    cat /var/log/lt-setup/*/04-restart-proxy.log 2>/dev/null | wc -l
}
before=$(log_lines)
started=$(date +%s.%N)
echo "during the flood:"
bench
ended=$(date +%s.%N)
after=$(log_lines)
touch "$STOP"
echo "flood lines the wizard read into step 4's log meanwhile: $((after - before))" \
    "($(awk -v n=$((after - before)) -v a="$started" -v b="$ended" 'BEGIN { printf "%.0f", n / (b - a) }') lines/s)"
echo "wizard's RSS at the end: $(awk '/VmRSS/ { print $2, $3 }' "/proc/$(wizard_pid)/status")"
