#!/usr/bin/env bash
# Builds the release lt-setup that runs on every system LibreTime runs on: linked against a
# Debian 11 root (glibc 2.31, GCC 10's libstdc++), with the Swift runtime, Foundation,
# libstdc++ and libgcc linked in, so it needs only libc and ncurses at run time. Then checks
# that (check-glibc.sh) and prints where the binary is.
#
#   sudo scripts/release/build-binary.sh        # prints the binary's path last
#
# The root comes from bullseye-root.sh (made once, kept outside git). The build has its own
# folder, .build-glibc231, so it never mixes with the development build in .build.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
cd "$repo"
if ! command -v swift >/dev/null && [ -x /opt/swift/usr/bin/swift ]; then
    export PATH="/opt/swift/usr/bin:$PATH"
fi

sysroot=$("$here/sysroot.sh")
toolchain=$(dirname "$(dirname "$(readlink -f "$(command -v swift)")")")
scratch=$repo/.build-glibc231
mkdir -p "$scratch/link"

# With -sdk pointing at the root, swiftc looks for the runtime inside it: the static one for
# lt-setup, the shared one for the build-time tool that embeds the templates.
ln -sfn "$toolchain/lib/swift_static" "$sysroot/usr/lib/swift_static"
ln -sfn "$toolchain/lib/swift" "$sysroot/usr/lib/swift"
# A folder with GCC 10's static libstdc++ and nothing else, searched first: -lstdc++ (from
# the static runtime's link arguments) then takes it, not the root's libstdc++.so.
ln -sfn "$sysroot/usr/lib/gcc/x86_64-linux-gnu/10/libstdc++.a" "$scratch/link/libstdc++.a"
"$toolchain/bin/clang" --sysroot="$sysroot" -O2 -fPIC -c "$here/libstdcxx-compat.c" \
    -o "$scratch/link/libstdcxx-compat.o"

# Hardening as Debian's build flags ask (lintian checks them): immediate binding, fortified
# C. No rpath: the binary is installed in /usr/bin and needs no Swift library folder. The
# source paths that C's __FILE__ (libyaml's asserts) and Swift's #filePath put in the binary
# are relative: it names no folder of the machine it was built on. No build id: it would hash
# the compiler's .swift_modhash section, MD5s of each module's LLVM IR kept for incremental
# builds, which differ from one build to the next while the code does not (build-deb.sh
# zeroes that section); no debug symbols are shipped for a build id to match.
swift build -c release --product lt-setup --scratch-path "$scratch" \
    --static-swift-stdlib --disable-local-rpath \
    -Xswiftc -sdk -Xswiftc "$sysroot" -Xcc --sysroot="$sysroot" \
    -Xlinker -L"$scratch/link" -Xlinker "$scratch/link/libstdcxx-compat.o" \
    -Xswiftc -Xclang-linker -Xswiftc -static-libgcc \
    -Xlinker -z -Xlinker now -Xlinker --build-id=none -Xcc -D_FORTIFY_SOURCE=2 -Xcc -O2 \
    -Xcc -ffile-prefix-map="$scratch=lt-setup-build" -Xcc -ffile-prefix-map="$repo=lt-setup" \
    -Xswiftc -file-prefix-map -Xswiftc "$scratch=lt-setup-build" \
    -Xswiftc -file-prefix-map -Xswiftc "$repo=lt-setup" >&2

binary=$scratch/release/lt-setup
"$here/check-glibc.sh" "$binary" >&2
echo "$binary"
