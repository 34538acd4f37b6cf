#!/usr/bin/env bash
# Fails when a binary cannot start on the oldest system stations run (Debian 11, Ubuntu
# 20.04: glibc 2.31): when it needs a GLIBC_ symbol version above 2.31, any GLIBCXX_ or
# CXXABI_ version (libstdc++ must be linked in, not needed at run time), or a shared library
# other than libc's own and ncurses'.
#
#   scripts/release/check-glibc.sh BINARY
#
# Prints the highest GLIBC version and the libraries needed, and ends with the plain
# "N passed, N failed" line.
set -euo pipefail
binary=${1:?usage: check-glibc.sh BINARY}
floor=2.31
allowed='^(libc|libm|libpthread|libdl|librt|libutil|libncursesw|libtinfo|ld-linux-x86-64)\.so'

passed=0 failed=0
check() { # NAME OK(true|false) DETAIL
    if "$2"; then
        passed=$((passed + 1)); echo "ok - $1"
    else
        failed=$((failed + 1)); echo "not ok - $1: $3"
    fi
}

versions=$(objdump -T "$binary" | grep -o 'GLIBC_[0-9][0-9.]*' | sed 's/GLIBC_//' | sort -uV)
highest=$(tail -n 1 <<<"$versions")
newer=$(printf '%s\n%s\n' "$versions" "$floor" | sort -uV | sed -n "/^$floor\$/,\$p" | grep -vx "$floor" || true)
cxx=$(objdump -T "$binary" | grep -o -E '(GLIBCXX|CXXABI)_[0-9.]+' | sort -uV | tr '\n' ' ' || true)
needed=$(objdump -p "$binary" | awk '$1 == "NEEDED" { print $2 }')
foreign=$(grep -v -E "$allowed" <<<"$needed" || true)

check "needs no GLIBC version above $floor (highest: GLIBC_$highest)" \
    "$([ -z "$newer" ] && echo true || echo false)" "needs $(echo "$newer" | sed 's/^/GLIBC_/' | tr '\n' ' ')"
check "needs no GLIBCXX or CXXABI version (libstdc++ is linked in)" \
    "$([ -z "$cxx" ] && echo true || echo false)" "needs $cxx"
check "needs only libc's libraries and ncurses ($(echo "$needed" | tr '\n' ' '))" \
    "$([ -z "$foreign" ] && echo true || echo false)" "also needs $(echo "$foreign" | tr '\n' ' ')"
echo "glibc check: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
