#!/usr/bin/env bash
# Runs every test of lt-setup: installs what the tests use, builds, runs the Swift tests,
# checks that the shipped binary works when copied alone and the .deb that holds it, then
# the end-to-end flows with the real nginx, Apache, certbot, pebble and Icecast in
# sandboxes, on this machine and in a Debian 11 root, and the fault checks (tests/faults).
# Run as root:
#   sudo scripts/run-tests.sh
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "$(id -u)" -ne 0 ]; then
    echo "run-tests.sh: run as root (sudo): the tests install packages and run servers in sandboxes." >&2
    exit 1
fi
if ! command -v swift >/dev/null && [ -x /opt/swift/usr/bin/swift ]; then
    export PATH="/opt/swift/usr/bin:$PATH"
fi

# What the tests exercise for real: nginx, apache2, certbot with both plugins, icecast2,
# Debian's pebble as the ACME server, tmux for the wizard, and ncurses to build.
# shellcheck disable=SC2046
scripts/install-packages.sh $(cat scripts/test-packages.txt)

counts=$(mktemp)
output=$(mktemp)
trap 'rm -f "$counts" "$output"' EXIT

# counted NAME COMMAND...: runs COMMAND, showing its output, and keeps the number of tests
# its last line reports ("N passed, N failed", or swift test's own closing line).
counted() {
    local name=$1 line
    shift
    "$@" 2>&1 | tee "$output"
    line=$(grep -E '(^|: )[0-9]+ passed, [0-9]+ failed$|Test run with [0-9]+ tests? in .* passed' "$output" | tail -n 1)
    echo "$name: $line" >>"$counts"
}

echo "== build"
swift build --build-tests

echo "== swift test"
counted "swift test" swift test --skip-build

echo "== the release binary (glibc 2.31 and newer), copied alone, from another folder"
counted "static binary" bash scripts/check-static-binary.sh

echo "== the .deb: contents, lintian, man page and completion, reproducible"
counted "deb package" bash tests/release/deb-test.sh

echo "== end to end: the harness with the real parts, by hand"
counted "harness self-test" bash tests/e2e/harness-selftest.sh

echo "== end to end: lt-setup apply, nginx and Apache"
counted "apply end to end" bash tests/e2e/apply-e2e.sh

echo "== end to end: the wizard under tmux with nginx, and resumed after SIGKILL"
counted "wizard end to end" bash tests/e2e/wizard-e2e.sh

echo "== faults: front ends at once (apply twice, other answers, undo, the wizard)"
counted "concurrency" bash tests/faults/concurrency.sh

echo "== faults: a local user's attacks (hostile listeners, a hostile environment)"
counted "attacks" bash tests/faults/attacks.sh

echo "== faults: full disks and read-only files"
counted "full disk" bash tests/faults/full-disk.sh

echo "== faults: the crash matrix's sample (SIGKILL at every step boundary, nginx; --full for all)"
counted "crash matrix" bash tests/faults/crash-matrix.sh

echo "== faults: hostile typing into every field of the wizard"
counted "hostile typing" bash tests/faults/hostile-typing.sh

echo "== faults: 2,000 random keys into the wizard, in a preview and during a run (--keys 10000 for more)"
counted "key fuzz" bash tests/faults/key-fuzz.sh

echo "== end to end on Debian 11: the .deb installed, apply with certbot 1.12 and 0.40"
counted "Debian 11 end to end" bash tests/e2e/bullseye-e2e.sh

# One closing line for the whole run.
echo "== totals"
cat "$counts"
total=$(sed -E -n 's/.*(with ([0-9]+) tests? in|: ([0-9]+) passed, 0 failed$).*/\2\3/p' "$counts" | awk '{ t += $1 } END { print t + 0 }')
echo "total: $total passed, 0 failed"
