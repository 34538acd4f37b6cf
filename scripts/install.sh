#!/usr/bin/env bash
# Builds lt-setup as one self-contained binary, installs it as /usr/local/bin/lt-setup and
# starts it. Run from the source folder: sudo scripts/install.sh [--no-start]
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "$(id -u)" -ne 0 ]; then
    echo "install.sh: run as root (sudo): it installs packages and /usr/local/bin/lt-setup." >&2
    exit 1
fi
if ! command -v swift >/dev/null && [ -x /opt/swift/usr/bin/swift ]; then
    export PATH="/opt/swift/usr/bin:$PATH"
fi
if ! command -v swift >/dev/null; then
    echo "install.sh: building lt-setup needs a Swift 6.1 or newer toolchain (swift on PATH)." >&2
    echo "Build on a machine that has one, then copy .build/release/lt-setup to the server." >&2
    exit 1
fi

scripts/install-packages.sh libncurses-dev
# --static-swift-stdlib: radio servers have no Swift toolchain; the binary then needs only
# libc, libstdc++ and ncurses.
swift build -c release --static-swift-stdlib --product lt-setup
install -m 0755 .build/release/lt-setup /usr/local/bin/lt-setup
echo "Installed /usr/local/bin/lt-setup ($(/usr/local/bin/lt-setup --version))."

if [ "${1:-}" != "--no-start" ]; then
    exec /usr/local/bin/lt-setup
fi
