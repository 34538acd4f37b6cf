#!/usr/bin/env bash
# The package operators install, checked as built by scripts/release/build-deb.sh:
# - what it holds: /usr/bin/lt-setup (0755, stripped), lt-setup(8), the bash completion, the
#   copyright file and the changelog, lintian's overrides, md5sums; its control fields
#   (Depends from dpkg-shlibdeps on Debian 11, Recommends);
# - the binary needs nothing newer than glibc 2.31 and no libstdc++ (check-glibc.sh);
# - the man page and the completion come from the program's own help;
# - lintian --pedantic finds no error and no warning;
# - two builds with the same SOURCE_DATE_EPOCH, the second compiled from nothing, are
#   byte-identical.
# Installing it on Debian 11 is tests/e2e/bullseye-e2e.sh's part. Ends with "N passed, N failed".
#
#   sudo tests/release/deb-test.sh
# shellcheck source-path=SCRIPTDIR
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
# shellcheck source=../e2e/assert.sh
source "$repo/tests/e2e/assert.sh"
trap assert_exit EXIT

work=$(mktemp -d)
trap 'rm -rf "$work"; assert_exit' EXIT
export SOURCE_DATE_EPOCH
SOURCE_DATE_EPOCH=$(git -C "$repo" log -1 --format=%ct 2>/dev/null || date +%s)

echo "# build, SOURCE_DATE_EPOCH=$SOURCE_DATE_EPOCH"
deb=$("$repo/scripts/release/build-deb.sh" "$work/first" | tail -n 1)
require "build-deb.sh makes lt-setup_<version>_amd64.deb" test -f "$deb"
echo "# $(basename "$deb"): $(du -k "$deb" | cut -f1) KiB"

contents=$(dpkg-deb -c "$deb" | awk '{ print $1, $2, $6 }')
for entry in "-rwxr-xr-x root/root ./usr/bin/lt-setup" \
    "-rw-r--r-- root/root ./usr/share/man/man8/lt-setup.8.gz" \
    "-rw-r--r-- root/root ./usr/share/bash-completion/completions/lt-setup" \
    "-rw-r--r-- root/root ./usr/share/doc/lt-setup/copyright" \
    "-rw-r--r-- root/root ./usr/share/doc/lt-setup/changelog.gz" \
    "-rw-r--r-- root/root ./usr/share/lintian/overrides/lt-setup"; do
    assert_contains "it holds ${entry##* }, owned and moded as Debian wants" "$contents" "$entry"
done
assert_eq "nothing goes to /etc (a completion there is obsolete)" "" "$(grep ' ./etc/' <<<"$contents" || true)"
assert_contains "Depends is what dpkg-shlibdeps found on Debian 11" "$(dpkg-deb -f "$deb" Depends)" "libc6 (>= 2."
assert_eq "it recommends a proxy, certbot and its plugin, and what verify uses" \
    "nginx | apache2, certbot, python3-certbot-nginx | python3-certbot-apache, curl, openssl" \
    "$(dpkg-deb -f "$deb" Recommends)"
assert_contains "its members are xz (Debian 11's dpkg reads no zstd)" "$(ar t "$deb")" "data.tar.xz"

dpkg-deb -x "$deb" "$work/root"
binary=$work/root/usr/bin/lt-setup
assert_cmd "the binary runs on glibc 2.31 and needs no libstdc++" "$repo/scripts/release/check-glibc.sh" "$binary"
assert_contains "the binary is stripped" "$(file "$binary")" "stripped"
assert_eq "the binary names no folder of the machine it was built on" "" \
    "$(strings -n 6 "$binary" | grep -F "$repo" | head -n 3 || true)"
assert_eq "the binary's version is the package's" "$(dpkg-deb -f "$deb" Version)" "$("$binary" --version | awk '{ print $2 }')"
echo "# binary: $(du -k "$binary" | cut -f1) KiB stripped"

manual=$(MANWIDTH=200 man -l "$work/root/usr/share/man/man8/lt-setup.8.gz" 2>/dev/null | col -b)
for command in wizard plan render preflight apply verify status undo; do
    abstract=$("$binary" "$command" --help | sed -n 's/^OVERVIEW: //p')
    assert_contains "the man page has '$command' as --help describes it" "$(tr -s ' \n' ' ' <<<"$manual")" "$abstract"
done
assert_contains "the man page is section 8" "$(zcat "$work/root/usr/share/man/man8/lt-setup.8.gz")" ".Dt LT-SETUP 8"
assert_contains "bash completes lt-setup's commands" \
    "$(bash -c "source '$work/root/usr/share/bash-completion/completions/lt-setup'; COMP_WORDS=(lt-setup pre); COMP_CWORD=1; _lt-setup; echo \"\${COMPREPLY[*]}\"")" \
    preflight

assert_cmd "lintian --pedantic finds no error and no warning" \
    lintian --pedantic --fail-on error,warning "$deb"

# In the same build folder: the Swift compiler's module hashes (.swift_modhash), and with
# them the build id, depend on it.
echo "# the same source again, compiled from nothing"
rm -rf "$repo/.build-glibc231"
second=$("$repo/scripts/release/build-deb.sh" "$work/second" | tail -n 1)
assert_cmd "two builds with the same SOURCE_DATE_EPOCH are byte-identical" cmp "$deb" "$second"
