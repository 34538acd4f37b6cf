#!/usr/bin/env bash
# Makes a Debian 11 (bullseye) root with debootstrap from Debian's registry, once, and prints
# its path. Stations run Debian 11 or Ubuntu 20.04 (both glibc 2.31): the release binary is
# linked against such a root, and the end-to-end tests run lt-setup inside one.
#
#   scripts/release/bullseye-root.sh NAME [--relative-links] [--setup SCRIPT] [PACKAGE...]
#
# The root is kept under $LT_SETUP_CACHE (default /var/cache/lt-setup-build), outside git,
# as NAME-<key>, where the key hashes this script, SCRIPT and the packages: a change to any
# of them makes a new root, and an unchanged one is reused at once; two runs that want the
# same root take turns. It is built beside its
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
# Comments do not change a root: the key leaves them out.
key=$( { grep -v '^[[:space:]]*#' "$0"; [ -z "$setup" ] || grep -v '^[[:space:]]*#' "$setup"
    echo "${packages[*]}"; } | sha256sum | cut -c1-12)
root=$cache/$name-$key
mkdir -p "$cache"
# One build of a root at a time: another run (tests in parallel) waits, then finds it made.
exec 9>"$cache/$name.lock"
flock 9
if [ -f "$root/.lt-setup-root-complete" ]; then
    echo "$root"
    exit 0
fi

building=$root.building
rm -rf --one-file-system "$building"
mirror=$("$here/debian-mirror.sh")
echo "bullseye-root: debootstrap bullseye from $mirror into $building" >&2
# debootstrap, the packages and the setup script run in a private mount namespace: the /proc
# and the files they mount vanish with it, even when the build is killed, and nothing can
# leak into this machine's mounts.
unshare --mount --propagation private -- /bin/bash -euo pipefail -c '
    root=$1 mirror=$2 log=$3 setup=$4; shift 4
    if ! debootstrap --variant=minbase bullseye "$root" "$mirror" >"$log" 2>&1; then
        tail -n 20 "$log" >&2
        echo "bullseye-root: debootstrap failed; its log is $log" >&2
        exit 1
    fi
    printf "#!/bin/sh\nexit 101\n" >"$root/usr/sbin/policy-rc.d"
    chmod 0755 "$root/usr/sbin/policy-rc.d"
    if [ -n "$setup" ]; then install -m 0755 "$setup" "$root/root/setup.sh"; fi
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
' bullseye-root "$building" "$mirror" "$cache/$name.debootstrap.log" "$setup" "${packages[@]}" >&2
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
find "$cache" -maxdepth 1 -name "$name-*" ! -name "$name-$key" -exec rm -rf --one-file-system {} + ||
    echo "bullseye-root: could not remove every older $name root from $cache" >&2
echo "$root"
