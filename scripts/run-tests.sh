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
scripts/install-packages.sh libncurses-dev nginx apache2 openssl ca-certificates

echo "== build"
swift build --build-tests

echo "== swift test"
swift test --skip-build

echo "== the release binary, copied alone, from another folder"
bash scripts/check-static-binary.sh
