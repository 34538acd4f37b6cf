#!/usr/bin/env bash
# Builds the release binary as the .deb holds it (scripts/release/build-binary.sh, which also
# checks its glibc floor), copies it alone into an empty folder and runs `plan` from there:
# the templates must be inside the binary, not in a bundle beside it.
set -euo pipefail
cd "$(dirname "$0")/.."

binary=$(scripts/release/build-binary.sh | tail -n 1)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$binary" "$work/lt-setup"
printf 'domain: libretime.example.org\nemail: admin@example.org\nsecure_icecast: false\n' > "$work/answers.yml"
(cd / && "$work/lt-setup" plan --answers "$work/answers.yml" --root "$work" > "$work/plan.sh")
grep -q 'server_name libretime.example.org;' "$work/plan.sh"
if ldd "$work/lt-setup" | grep -q -i swift; then
    echo "check-static-binary: the binary still links a Swift runtime library:" >&2
    ldd "$work/lt-setup" >&2
    exit 1
fi
echo "static binary: $(du -h "$work/lt-setup" | cut -f1), libraries: $(ldd "$work/lt-setup" | awk '{print $1}' | tr '\n' ' ')"
echo "static binary check: 1 passed, 0 failed"
