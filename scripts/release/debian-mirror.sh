#!/usr/bin/env bash
# Prints the Debian mirror this machine's apt uses (the first `URIs:` or `deb` line that is
# not a security mirror), or Debian's own when none is configured. debootstrap takes it, so
# the roots come from the same registry as the machine's packages.
set -euo pipefail
mirror=$(cat /etc/apt/sources.list.d/*.sources 2>/dev/null |
    awk '/^URIs:/ && $2 !~ /security/ { print $2; exit }')
if [ -z "$mirror" ]; then
    mirror=$(cat /etc/apt/sources.list 2>/dev/null |
        awk '$1 == "deb" && $2 !~ /security/ { print $2; exit }')
fi
echo "${mirror:-http://deb.debian.org/debian}"
