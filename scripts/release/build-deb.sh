#!/usr/bin/env bash
# Builds the package operators install: dist/lt-setup_<version>_amd64.deb.
#
#   sudo scripts/release/build-deb.sh [OUTDIR]
#
# It holds the release binary from build-binary.sh (runs on glibc 2.31 and newer), stripped;
# the man page lt-setup(8) and the bash completion, both generated from the argument
# parser's own help, so they cannot drift from the program; the copyright file and the
# changelog from packaging/deb. Depends is computed by dpkg-shlibdeps from what the binary
# links. The package is checked with lintian (no error, no warning; packaging/deb/
# lintian-overrides gives each override its reason).
#
# Reproducible: every date inside comes from SOURCE_DATE_EPOCH (default: the last commit's
# time), so two builds of the same source are byte-identical. Prints the .deb's path last.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
packaging=$repo/packaging/deb
out=$(mkdir -p "${1:-$repo/dist}" && cd "${1:-$repo/dist}" && pwd)
cd "$repo"
if ! command -v swift >/dev/null && [ -x /opt/swift/usr/bin/swift ]; then
    export PATH="/opt/swift/usr/bin:$PATH"
fi
if ! command -v lintian >/dev/null; then
    scripts/install-packages.sh lintian >&2
fi
SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || date +%s)}
export SOURCE_DATE_EPOCH

binary=$("$here/build-binary.sh" | tail -n 1)
version=$("$binary" --version | awk '{ print $2 }')
changelog_version=$(sed -n '1s/^lt-setup (\([^)]*\)).*/\1/p' "$packaging/changelog")
if [ "$version" != "$changelog_version" ]; then
    echo "build-deb: the binary says version $version, packaging/deb/changelog's last entry $changelog_version: add an entry for $version" >&2
    exit 1
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
stage=$work/lt-setup
install -D -m 0755 "$binary" "$stage/usr/bin/lt-setup"
# .swift_modhash holds the compiler's hashes for incremental builds, which differ at each build
# of the same source (see build-binary.sh) and which nothing reads at run time: zeroed, in
# place (removing a section from a linked program would break its segments).
modhash_size=$(readelf -S -W "$stage/usr/bin/lt-setup" | sed -n 's/.*\] \.swift_modhash  *[A-Z]*  *[0-9a-f]*  *[0-9a-f]*  *\([0-9a-f]*\) .*/\1/p')
if [ -n "$modhash_size" ]; then
    head -c "$((16#$modhash_size))" /dev/zero >"$work/modhash.zero"
    objcopy --update-section .swift_modhash="$work/modhash.zero" "$stage/usr/bin/lt-setup"
fi
strip --strip-unneeded --remove-section=.comment --remove-section=.note "$stage/usr/bin/lt-setup"

# The man page: swift-argument-parser's generate-manual plugin renders the same help text
# that --help prints (it builds the package to ask the program for it).
swift package plugin generate-manual --configuration debug --section 8 \
    --date "$(date -u -d "@$SOURCE_DATE_EPOCH" +%F)" >"$work/manual.log" 2>&1 ||
    { cat "$work/manual.log" >&2; exit 1; }
# A blank line between paragraphs of the help is a paragraph break: in mdoc that is .Pp (groff
# warns about empty input lines).
install -d -m 0755 "$stage/usr/share/man/man8"
sed 's/^$/.Pp/' .build/plugins/GenerateManual/outputs/lt-setup/lt-setup.8 >"$stage/usr/share/man/man8/lt-setup.8"
gzip -9n "$stage/usr/share/man/man8/lt-setup.8"

install -d -m 0755 "$stage/usr/share/bash-completion/completions"
# A completion file is sourced, not run: without the generator's #! line.
"$binary" --generate-completion-script bash | sed '1{/^#!/d}' >"$stage/usr/share/bash-completion/completions/lt-setup"
install -D -m 0644 "$packaging/copyright" "$stage/usr/share/doc/lt-setup/copyright"
gzip -9n <"$packaging/changelog" >"$stage/usr/share/doc/lt-setup/changelog.gz"
install -D -m 0644 "$packaging/lintian-overrides" "$stage/usr/share/lintian/overrides/lt-setup"

# Depends: dpkg-shlibdeps run on Debian 11 (inside the sysroot), where the binary's floor is,
# from the symbols of the libraries it was linked against. It wants a debian/control in the
# folder it runs from.
sysroot=$("$here/sysroot.sh")
shlibdeps=$sysroot/tmp/lt-setup-shlibdeps
rm -rf "$shlibdeps"
mkdir -p "$shlibdeps/debian"
printf 'Source: lt-setup\n\nPackage: lt-setup\nArchitecture: amd64\n' >"$shlibdeps/debian/control"
install -D -m 0755 "$stage/usr/bin/lt-setup" "$shlibdeps/debian/lt-setup/usr/bin/lt-setup"
depends=$(chroot "$sysroot" /bin/sh -c 'cd /tmp/lt-setup-shlibdeps && dpkg-shlibdeps -O debian/lt-setup/usr/bin/lt-setup' |
    sed -n 's/^shlibs:Depends=//p')
rm -rf "$shlibdeps"
installed_size=$(find "$stage" -type f -printf '%s\n' | awk '{ k += int(($1 + 1023) / 1024) } END { print k }')

install -d -m 0755 "$stage/DEBIAN"
sed -e "s/@VERSION@/$version/" -e "s/@DEPENDS@/$depends/" -e "s/@INSTALLED_SIZE@/$installed_size/" \
    "$packaging/control.in" >"$stage/DEBIAN/control"
(cd "$stage" && find usr -type f | LC_ALL=C sort | xargs md5sum) >"$stage/DEBIAN/md5sums"
chmod 0644 "$stage/DEBIAN/control" "$stage/DEBIAN/md5sums"
find "$stage" -type d -exec chmod 0755 {} +
find "$stage" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +

deb=$out/lt-setup_${version}_amd64.deb
# xz, not dpkg's default zstd: Debian 11's and 12's dpkg cannot read zstd members.
dpkg-deb --root-owner-group -Zxz --build "$stage" "$deb" >&2
lintian --pedantic --fail-on error,warning "$deb" >&2 || {
    echo "build-deb: lintian found problems in $deb (above)" >&2
    exit 1
}
echo "build-deb: $(du -k "$deb" | cut -f1) KiB, binary $(du -k "$stage/usr/bin/lt-setup" | cut -f1) KiB, Depends: $depends" >&2
echo "$deb"
