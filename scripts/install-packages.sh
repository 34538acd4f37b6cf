#!/usr/bin/env bash
# Installs Debian packages by name, without letting their maintainer scripts start services
# (nginx and apache2 would both grab port 80). Usage: install-packages.sh PACKAGE...
set -euo pipefail

if [ "$(id -u)" -ne 0 ]; then
    echo "install-packages.sh: run as root (sudo), since it installs Debian packages." >&2
    exit 1
fi

missing=()
for package in "$@"; do
    dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q ' ok installed' || missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0

# A policy-rc.d that exits 101 tells invoke-rc.d not to start anything; it is removed again
# unless it was already there.
policy=/usr/sbin/policy-rc.d
own_policy=false
if [ ! -e "$policy" ]; then
    printf '#!/bin/sh\nexit 101\n' > "$policy"
    chmod 0755 "$policy"
    own_policy=true
fi
trap '$own_policy && rm -f "$policy"' EXIT

export DEBIAN_FRONTEND=noninteractive
apt-get update -q
apt-get install -y -q --no-install-recommends "${missing[@]}"
