#!/usr/bin/env bash
# Runs every test of lt-setup: installs what the tests use, builds, runs the Swift tests,
# then checks that the shipped binary works when copied alone. Run as root:
#   sudo scripts/run-tests.sh
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "$(id -u)" -ne 0 ]; then
    echo "run-tests.sh: run as root (sudo): the tests install packages and run nginx and apache2." >&2
    exit 1
fi
if ! command -v swift >/dev/null && [ -x /opt/swift/usr/bin/swift ]; then
    export PATH="/opt/swift/usr/bin:$PATH"
fi

# What the tests exercise for real: the proxies' own config tests, and ncurses to build.
# tmux drives terminal-demo (and the wizard) like an operator's terminal.
scripts/install-packages.sh libncurses-dev nginx apache2 openssl ca-certificates tmux

echo "== build"
swift build --build-tests

log=$(mktemp)
trap 'rm -f "$log"' EXIT

echo "== swift test"
swift test --skip-build 2>&1 | tee "$log"

echo "== the release binary, copied alone, from another folder"
bash scripts/check-static-binary.sh | tee -a "$log"

# One closing line for the whole run: the Swift tests plus every script's own count.
passed=$(sed -n 's/.*Test run with \([0-9]*\) tests\{0,1\} in .* passed after.*/\1/p' "$log" | tail -n 1)
scripts=$(sed -n 's/^.*: \([0-9]*\) passed, 0 failed$/\1/p' "$log" | awk '{ total += $1 } END { print total + 0 }')
echo "all tests: $(( ${passed:-0} + ${scripts:-0} )) passed, 0 failed"
