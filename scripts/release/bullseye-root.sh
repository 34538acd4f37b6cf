#!/usr/bin/env bash
# Makes a Debian 11 (bullseye) root with debootstrap from Debian's registry, once, and prints
# its path. Stations run Debian 11 or Ubuntu 20.04 (both glibc 2.31): the release binary is
# linked against such a root, and the end-to-end tests run lt-setup inside one.
#
#   scripts/release/bullseye-root.sh NAME [--relative-links] [--setup SCRIPT] [PACKAGE...]
#
# The root is kept under $LT_SETUP_CACHE (default /var/cache/lt-setup-build), outside git,
# as NAME-<key>, where the key hashes this script, SCRIPT and the packages: a change to any
# of them makes a new root, and an unchanged one is reused at once. It is built beside its
# final place and renamed there only when complete, so an interrupted build leaves no root
# that looks finished.
#   --relative-links  absolute symlinks become relative (libm.so -> /lib/..., ld-linux...):
#                     a linker given the root as --sysroot must not follow them into the host
#   --setup SCRIPT    run inside the root (chroot, /proc mounted) after the packages, with
#                     this machine's CA bundle, for pip
# Needs root, debootstrap and unshare. Services never start while packages install
# (policy-rc.d answers 101).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)

name=${1:?usage: bullseye-root.sh NAME [--relative-links] [--setup SCRIPT] [PACKAGE...]}
shift
relative=false setup=
while [ $# -gt 0 ]; do
    case "$1" in
        --relative-links) relative=true; shift ;;
        --setup) setup=$2; shift 2 ;;
        *) break ;;
    esac
done
packages=("$@")

if [ "$(id -u)" -ne 0 ]; then
    echo "bullseye-root.sh: run as root (debootstrap and chroot need it)" >&2
    exit 1
fi
if ! command -v debootstrap >/dev/null; then
    "$here/../install-packages.sh" debootstrap >&2
fi

cache=${LT_SETUP_CACHE:-/var/cache/lt-setup-build}
key=$( { cat "$0"; [ -z "$setup" ] || cat "$setup"; echo "${packages[*]}"; } | sha256sum | cut -c1-12)
root=$cache/$name-$key
if [ -f "$root/.lt-setup-root-complete" ]; then
    echo "$root"
    exit 0
fi

mkdir -p "$cache"
building=$root.building
rm -rf --one-file-system "$building"
mirror=$("$here/debian-mirror.sh")
echo "bullseye-root: debootstrap bullseye from $mirror into $building" >&2
debootstrap --variant=minbase bullseye "$building" "$mirror" >"$cache/$name.debootstrap.log" 2>&1 || {
    tail -n 20 "$cache/$name.debootstrap.log" >&2
    echo "bullseye-root: debootstrap failed; its log is $cache/$name.debootstrap.log" >&2
    exit 1
}

# Packages and the setup script run in a private mount namespace: its /proc and the bound
# resolver and CA files vanish with it, and nothing can leak into the host's mounts.
printf '#!/bin/sh\nexit 101\n' >"$building/usr/sbin/policy-rc.d"
chmod 0755 "$building/usr/sbin/policy-rc.d"
if [ -n "$setup" ]; then install -m 0755 "$setup" "$building/root/setup.sh"; fi
unshare --mount --propagation private -- /bin/bash -euo pipefail -c '
    root=$1; shift
    mount -t proc proc "$root/proc"
    cp /etc/resolv.conf "$root/etc/resolv.conf"
    export DEBIAN_FRONTEND=noninteractive LC_ALL=C PATH=/usr/sbin:/usr/bin:/sbin:/bin
    if [ $# -gt 0 ]; then
        chroot "$root" apt-get update -qq
        chroot "$root" apt-get install -y -qq --no-install-recommends "$@" >/dev/null
        chroot "$root" apt-get clean
    fi
    if [ -f "$root/root/setup.sh" ]; then
        # The setup script reaches PyPI through the CA bundle of this machine (this network
        # may pass https through its own CA), lent over the root'"'"'s own only while it runs.
        if [ -f /etc/ssl/certs/ca-certificates.crt ]; then
            mkdir -p "$root/etc/ssl/certs"
            touch "$root/etc/ssl/certs/ca-certificates.crt"
            mount --bind /etc/ssl/certs/ca-certificates.crt "$root/etc/ssl/certs/ca-certificates.crt"
        fi
        chroot "$root" /usr/bin/env -u PIP_FIND_LINKS PIP_CERT=/etc/ssl/certs/ca-certificates.crt /root/setup.sh
    fi
' bullseye-root "$building" "${packages[@]}" >&2
rm -f "$building/root/setup.sh"
rm -rf "$building/var/lib/apt/lists/"* "$building/var/cache/apt/"*.bin

if $relative; then
    # Every absolute link becomes relative to its own folder, inside the root.
    find "$building" -xdev -type l -lname '/*' -print0 |
        while IFS= read -r -d '' link; do
            target=$(readlink "$link")
            ln -sfn "$(realpath -m --relative-to="$(dirname "$link")" "$building$target")" "$link"
        done
fi

touch "$building/.lt-setup-root-complete"
rm -rf --one-file-system "$root"
mv "$building" "$root"
# Older roots of the same name are of no further use.
find "$cache" -maxdepth 1 -name "$name-*" ! -name "$name-$key" ! -name '*.log' -exec rm -rf --one-file-system {} +
echo "$root"
