#!/usr/bin/env bash
# Prints the path of the Debian 11 sysroot the release is built against, making it first if
# needed (bullseye-root.sh): glibc 2.31's and GCC 10's headers and libraries, ncurses, and
# dpkg-dev, so that build-deb.sh asks dpkg-shlibdeps there which library versions the binary
# needs. (Asked on a newer system, it would answer from that system's libraries: on Debian
# 12, libpthread's and libutil's symbols live in libc 2.34.)
set -euo pipefail
exec "$(dirname "$0")/bullseye-root.sh" sysroot --relative-links \
    libc6-dev libstdc++-10-dev libgcc-10-dev libncurses-dev dpkg-dev
