#!/usr/bin/env bash
# Builds lt-setup's .deb from this source folder, installs it with apt (so that apt knows it,
# and `apt remove lt-setup` takes it away), and starts it. For a server, the .deb alone is
# enough (README: "Install on your server"); this is for building it yourself.
#   sudo scripts/install.sh [--no-start]
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "$(id -u)" -ne 0 ]; then
    echo "install.sh: run as root (sudo): it builds against a Debian 11 root and installs a package." >&2
    exit 1
fi
if ! command -v swift >/dev/null && [ -x /opt/swift/usr/bin/swift ]; then
    export PATH="/opt/swift/usr/bin:$PATH"
fi
if ! command -v swift >/dev/null; then
    echo "install.sh: building lt-setup needs a Swift 6.1 or newer toolchain (swift on PATH)." >&2
    echo "On a server without one, install the .deb instead (README: Install on your server)." >&2
    exit 1
fi

scripts/install-packages.sh libncurses-dev debootstrap lintian binutils
deb=$(scripts/release/build-deb.sh | tail -n 1)
DEBIAN_FRONTEND=noninteractive apt-get install -y "$(realpath "$deb")"
echo "Installed $deb: $(/usr/bin/lt-setup --version)."

if [ "${1:-}" != "--no-start" ]; then
    exec /usr/bin/lt-setup
fi
