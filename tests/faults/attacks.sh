#!/usr/bin/env bash
# What a local user tries against a root-run lt-setup, reproduced for real in the e2e sandbox
# (the attacks on lt-setup's own state files run in the apply flows, phase "attacks on
# lt-setup's own files are refused", in apply-e2e.sh and bullseye-e2e.sh):
#
#   sudo tests/faults/attacks.sh
#
# - hostile listeners: a user (nobody, allowed low ports in the sandbox's own network)
#   listens on 443 under a process name that holds a shell command and an escape sequence,
#   and on Icecast's 8443 under the name icecast2. Preflight must refuse both ports, show
#   the name with its escape written out (no ESC byte reaches the terminal), never paste the
#   name into a suggested command, and see through the impostor's name to its program and
#   user;
# - a hostile environment: apply (https off) run with LD_PRELOAD, PATH, PERL5OPT and
#   OPENSSL_CONF pointing at a user's files (stand-ins for nginx, service, systemctl, curl and
#   openssl that leave a mark; a library that records every program it is loaded into). The
#   run must complete with the real programs, and no program lt-setup starts may load the
#   library or run a stand-in.
# It prints "N passed, N failed". Set LT_SETUP_BINARY to test another build.
# shellcheck source-path=SCRIPTDIR
set -euo pipefail

FAULTS_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
SELF=$FAULTS_DIR/${BASH_SOURCE[0]##*/}
# shellcheck source=fault-flow.sh
source "$FAULTS_DIR/fault-flow.sh"

PACKAGES=(nginx curl python3 iproute2 gcc libc6-dev)
LT=${LT_SETUP_BINARY:-$REPO/.build/debug/lt-setup}
FLOWS=(attacks)

# listen_as_nobody PORT NAME: a process of user nobody that listens on PORT and calls itself
# NAME (its /proc/PID/comm, which any user chooses, at most 15 bytes).
listen_as_nobody() {
    setpriv --reuid=nobody --regid=nogroup --clear-groups /usr/bin/python3 -c '
import ctypes, socket, sys
ctypes.CDLL("libc.so.6").prctl(15, sys.argv[2].encode(), 0, 0, 0)
s = socket.socket(socket.AF_INET6)
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind(("::", int(sys.argv[1])))
s.listen()
while True:
    s.accept()[0].close()' "$1" "$2" >/dev/null 2>&1 &
    wait_until 10 "a listener on port $1" port_open "$1"
}

hostile_listeners() {
    # Ports below 1024 for every user, in this sandbox's network namespace only.
    require "users may listen on low ports in the sandbox" sysctl -q -w net.ipv4.ip_unprivileged_port_start=0
    local evil=$'a;sh\e[2J' out=$E2E_WORK/preflight.out status=0
    require "a user's listener on 443 named after a command and an escape" listen_as_nobody 443 "$evil"
    require "a user's listener on 8443 named icecast2" listen_as_nobody 8443 icecast2
    printf 'proxy: nginx\ndomain: %s\nemail: admin@example.org\n' "$DOMAIN" >"$E2E_WORK/answers.yml"
    LC_ALL=C.UTF-8 COLUMNS=400 "$LT" preflight --answers "$E2E_WORK/answers.yml" >"$out" 2>&1 || status=$?
    sed 's/^/#   /' "$out" | tr -d '\033'
    assert_eq "preflight refuses to go on" 1 "$status"
    assert_eq "no escape byte reached the terminal" 0 "$(tr -cd '\033' <"$out" | wc -c)"
    assert_contains "the name is shown with its escape written out" "$(cat "$out")" 'a;sh\x1b[2J (pid'
    assert_eq "the name is in no suggested command" "" "$(grep -F 'a;sh' "$out" | grep -E 'sudo|systemctl|kill' || true)"
    assert_contains "port 443 is refused" "$(grep -F '[port-443]' "$out")" "✖"
    assert_contains "the impostor on 8443 is refused" "$(grep -F '[port-icecast]' "$out")" "✖"
    assert_contains "it is seen as the user's program, not Icecast" "$(cat "$out")" "as nobody"
}

# An environment that would hijack a child of root: every program lt-setup starts must get
# the allow-listed one, with the system's PATH.
hostile_environment() {
    local trap_dir=$E2E_WORK/trap marks=$E2E_WORK/marks status=0 name
    mkdir -p "$trap_dir/bin" "$marks"
    chmod 0777 "$marks"
    for name in nginx service systemctl curl openssl; do
        printf '#!/bin/sh\necho "%s" >>%s/stand-ins\nexit 1\n' "$name" "$marks" >"$trap_dir/bin/$name"
        chmod 0755 "$trap_dir/bin/$name"
    done
    cat >"$trap_dir/preload.c" <<EOF
#include <stdio.h>
#include <unistd.h>
/* Records, in the marks folder, every program this library is loaded into. */
__attribute__((constructor)) static void mark(void) {
    char exe[512] = {0};
    if (readlink("/proc/self/exe", exe, sizeof exe - 1) < 0) return;
    FILE *out = fopen("$marks/preloaded", "a");
    if (out) { fprintf(out, "%s\n", exe); fclose(out); }
}
EOF
    require "the preloaded library builds" gcc -shared -fPIC -o "$trap_dir/preload.so" "$trap_dir/preload.c"
    printf 'openssl_conf = trap\n[trap]\n.include %s/missing.cnf\n' "$trap_dir" >"$trap_dir/openssl.cnf"
    printf 'proxy: nginx\ndomain: %s\nhttps: false\n' "$DOMAIN" >"$E2E_WORK/plain.yml"
    env LD_PRELOAD="$trap_dir/preload.so" PATH="$trap_dir/bin:$PATH" \
        PERL5OPT="-Mwarnings=FATAL" OPENSSL_CONF="$trap_dir/openssl.cnf" \
        "$LT" apply --answers "$E2E_WORK/plain.yml" --yes --skip-preflight >"$E2E_WORK/apply.out" 2>&1 || status=$?
    assert_eq "apply completes with the real programs" 0 "$status"
    [ "$status" -eq 0 ] || sed 's/^/#   /' "$E2E_WORK/apply.out"
    assert_eq "no stand-in on the caller's PATH was run" "" "$(cat "$marks/stand-ins" 2>/dev/null || true)"
    assert_contains "the library was loaded where the caller put it: lt-setup itself" \
        "$(cat "$marks/preloaded" 2>/dev/null || true)" "lt-setup"
    assert_eq "and into nothing lt-setup started" "" \
        "$(grep -v -x -F "$(readlink -f "$LT")" "$marks/preloaded" 2>/dev/null | grep -v -x '/usr/bin/env' || true)"
    assert_cmd "nginx's configuration passes nginx -t" nginx -t -q
}

servers_for_a_run() {
    require "the fake LibreTime backend answers on 127.0.0.1:8080" backend_start 8080
    require "nginx serves its default site" server_start nginx 80
}

inside() {
    SERVER=nginx
    DOMAIN=$E2E_DOMAIN
    # shellcheck source=../e2e/servers.sh
    source "$E2E_DIR/servers.sh"
    echo "# $1: sandbox $E2E_ROOT, pid namespace $(readlink /proc/self/ns/pid)"
    START=$(now_ms)
    trap 'on_exit $?' EXIT
    phase "hostile listeners" hostile_listeners
    phase "the servers for a run" servers_for_a_run
    phase "a hostile environment" hostile_environment
}

if [ "${1:-}" = --inside ]; then
    inside "$2"
elif [ ! -x "$LT" ]; then
    echo "attacks.sh: no lt-setup at $LT: run swift build first" >&2
    exit 1
else
    run_flows "$SELF" "$@"
fi
