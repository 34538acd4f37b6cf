#!/usr/bin/env bash
# lt-setup where LibreTime runs: Debian 11 (bullseye), installed from its .deb, with that
# system's own nginx 1.18, apache2 2.4, icecast2 2.4.4, openssl 1.1.1 and curl, and with
# certbot 1.12 (Debian 11's) or 0.40.0 (Ubuntu 20.04's, from PyPI). See README.md.
#
#   sudo tests/e2e/bullseye-e2e.sh [--sequential] [nginx] [apache] [nginx-certbot-0.40] [apache-certbot-0.40]
#
# The host side builds the .deb (scripts/release/build-deb.sh) and the bullseye root
# (bullseye/root.sh), both kept between runs. Each flow gets a sandbox holding a
# copy-on-write view of that root: pebble starts from this machine in the sandbox's network,
# then the flow enters Debian 11, installs the .deb with `apt install ./lt-setup_*.deb`
# (after, for certbot 0.40, the packages that make dpkg see Ubuntu 20.04's certbot), checks
# that the installed program starts, shows its man page and draws the wizard under tmux,
# runs every phase of the apply flow (apply-phases.sh) with /usr/bin/lt-setup, then drops
# apply's terminal while dpkg installs a package (a real apt-get install from a file:
# repository): the run goes on, and dpkg finishes cleanly. Set
# LT_SETUP_DEB to test a .deb already built (it must be inside this repository).
# shellcheck source-path=SCRIPTDIR
set -euo pipefail

E2E_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$E2E_DIR/../.." && pwd)
# shellcheck source=wait.sh
source "$E2E_DIR/wait.sh"
# shellcheck source=assert.sh
source "$E2E_DIR/assert.sh"
# shellcheck source=flow.sh
source "$E2E_DIR/flow.sh"
# shellcheck source=apply-phases.sh
source "$E2E_DIR/apply-phases.sh"

FLOWS=(nginx apache nginx-certbot-0.40 apache-certbot-0.40)
PACKAGES=(pebble openssl curl ca-certificates iproute2 debootstrap)
LT=/usr/bin/lt-setup

# inside FLOW: in the sandbox, still on this machine: pebble, then the flow in Debian 11.
inside() {
    # shellcheck source=sandbox.sh
    source "$E2E_DIR/sandbox.sh"
    # shellcheck source=pebble.sh
    source "$E2E_DIR/pebble.sh"
    echo "# $1: sandbox $E2E_ROOT, pid namespace $(readlink /proc/self/ns/pid)"
    if ! pebble_start; then
        echo "not ok - pebble answers (from this machine)"
        echo "0 passed, 1 failed"
        exit 1
    fi
    sandbox_enter_system bash "$E2E_DIR/bullseye-e2e.sh" --in-system "$1"
}

# in_system FLOW: the flow itself, in Debian 11.
in_system() {
    # pebble runs already (from this machine); its helpers read its exported variables.
    # shellcheck source=pebble.sh
    source "$E2E_DIR/pebble.sh"
    # shellcheck source=servers.sh
    source "$E2E_DIR/servers.sh"
    # shellcheck source=tls.sh
    source "$E2E_DIR/tls.sh"
    # shellcheck source=checks.sh
    source "$E2E_DIR/checks.sh"
    FLOW=$1
    apply_flow_setup "${FLOW%%-*}"
    START=$(now_ms)
    trap 'on_exit $?' EXIT
    phase "the system is Debian 11" check_system
    [[ "$FLOW" != *-certbot-0.40 ]] || phase "Ubuntu 20.04's certbot 0.40.0" use_certbot_040
    phase "apt install ./lt-setup_*.deb" install_deb
    phase "the installed lt-setup runs" check_installed
    phase "the wizard under tmux" wizard_starts
    apply_flow_phases
    phase "apply's terminal drops while dpkg installs a package" apply_dropped_during_dpkg
}

# A real apt-get install, cut off from its terminal: apply's terminal hangs up while dpkg
# runs a package's maintainer script. The runner goes on; dpkg finishes cleanly (nothing for
# `dpkg --audit`), and so does the run. The package is the proxy's certbot plugin, built
# here with a postinst that takes 5 s (so that the drop lands inside dpkg) and served by a
# file: apt repository, since the sandbox has no network; the real plugin is removed first,
# so that the plan's first step must install it.
apply_dropped_during_dpkg() {
    local package=python3-certbot-$PROXY repo=$E2E_WORK/apt-repo stage=$E2E_WORK/slow-package
    local answers=$E2E_WORK/other-server-answers.yml out=$E2E_WORK/dpkg-drop.out apply status=0
    mkdir -p "$repo" "$stage/DEBIAN"
    printf '%s\n' "Package: $package" "Version: 99.0-e2e" "Architecture: all" \
        "Maintainer: lt-setup tests <tests@lt-setup.invalid>" \
        "Description: a stand-in for $package whose postinst takes 5 s (lt-setup's tests)" >"$stage/DEBIAN/control"
    printf '#!/bin/sh\nsleep 5\n' >"$stage/DEBIAN/postinst"
    chmod 0755 "$stage/DEBIAN/postinst"
    require "the stand-in package is built" dpkg-deb --root-owner-group --build "$stage" "$repo/${package}_99.0-e2e_all.deb"
    {
        dpkg-deb -f "$repo/${package}_99.0-e2e_all.deb"
        echo "Filename: ./${package}_99.0-e2e_all.deb"
        echo "Size: $(stat -c %s "$repo/${package}_99.0-e2e_all.deb")"
        echo "SHA256: $(sha256sum <"$repo/${package}_99.0-e2e_all.deb" | cut -d' ' -f1)"
        echo
    } >"$repo/Packages"
    echo "deb [trusted=yes] file:$repo ./" >/etc/apt/sources.list
    # As on a server, apt's lists are current: preflight asks apt whether the package can be had.
    require "apt reads the local repository" apt-get update -qq
    require "the real $package is removed" dpkg -r --force-depends "$package"
    "$LT" apply --answers "$answers" --yes >"$out" 2>&1 &
    apply=$!
    if wait_until 120 "dpkg to run the package's postinst" pgrep -f "$package.postinst" >/dev/null; then
        pass "dpkg runs the package's postinst under the run"
    else
        fail "dpkg runs the package's postinst under the run" "$(cat "$out")"
    fi
    local runner
    runner=$(runner_pid)
    # The terminal goes away: apply gets SIGHUP, as from a dropped ssh link.
    kill -HUP "$apply"
    wait "$apply" || status=$?
    assert_eq "apply ends at the hang-up (128 + SIGHUP)" 129 "$status"
    assert_cmd "the runner goes on" pid_alive "$runner"
    if wait_until 120 "the run to end with nobody attached" runner_gone; then
        pass "the run ends by itself"
    else
        fail "the run ends by itself" "$(cat "$out")"
    fi
    assert_eq "dpkg finished cleanly: dpkg --audit finds nothing" "" "$(dpkg --audit 2>&1)"
    assert_eq "the package is installed" "install ok installed 99.0-e2e" \
        "$(dpkg-query -W -f '${Status} ${Version}' "$package")"
    assert_eq "every step is done, already done or not applicable" "" "$(python3 -c 'import json
s = json.load(open("/var/lib/lt-setup/session.json"))
print(" ".join(r["id"] + "=" + r["status"] for r in s["steps"] if r["status"] not in ("done", "skipped")))')"
    assert_contains "the session says the run ended with nobody attached" "$("$LT" status)" "nobody was attached"
    status=0
    "$LT" verify --answers "$answers" >"$E2E_WORK/dpkg-drop-verify.out" 2>&1 || status=$?
    assert_eq "verify passes after the run" 0 "$status"
}

check_system() {
    assert_contains "/etc/os-release says Debian 11" "$(cat /etc/os-release)" 'VERSION_ID="11"'
    assert_contains "glibc is 2.31" "$(ldd --version | head -n 1)" "2.31"
    assert_contains "nginx is 1.18" "$(nginx -v 2>&1)" "nginx/1.18"
    assert_contains "apache2 is 2.4" "$(apache2 -v 2>&1)" "Apache/2.4"
    assert_contains "icecast2 is 2.4.4" "$(dpkg-query -W -f '${Version}' icecast2)" "2.4.4"
    assert_contains "openssl is 1.1.1" "$(openssl version)" "OpenSSL 1.1.1"
}

use_certbot_040() {
    require "dpkg installs Ubuntu 20.04's certbot packages" \
        dpkg -i /opt/certbot-0.40/debs/certbot_*.deb /opt/certbot-0.40/debs/python3-certbot-*.deb
    assert_eq "dpkg sees certbot 0.40.0" 0.40.0-1ubuntu0.1 "$(dpkg-query -W -f '${Version}' certbot)"
}

install_deb() {
    local deb
    deb=$LT_SETUP_DEB
    # As the README tells operators, from the .deb's folder; apt needs the ./ to take a file
    # rather than a package name. There is no network: every dependency is there already.
    require "apt installs ./$(basename "$deb")" env -C "$(dirname "$deb")" DEBIAN_FRONTEND=noninteractive \
        apt-get install -y "./$(basename "$deb")"
    assert_eq "dpkg lists lt-setup as installed" "install ok installed" \
        "$(dpkg-query -W -f '${Status}' lt-setup)"
}

check_installed() {
    local certbot_version
    certbot_version=$(certbot --version 2>&1)
    echo "# $certbot_version"
    case "$FLOW" in
        *-certbot-0.40) assert_contains "certbot is 0.40.0" "$certbot_version" "certbot 0.40.0" ;;
        *) assert_contains "certbot is 1.12" "$certbot_version" "certbot 1.12" ;;
    esac
    assert_contains "lt-setup --version runs on glibc 2.31" "$("$LT" --version)" "lt-setup "
    assert_cmd "its man page is installed" test -s /usr/share/man/man8/lt-setup.8.gz
    assert_contains "its man page describes apply" "$(zcat /usr/share/man/man8/lt-setup.8.gz)" ".It Em apply"
    assert_cmd "its bash completion is installed" \
        grep -q '_lt-setup' /usr/share/bash-completion/completions/lt-setup
    printf 'proxy: %s\ndomain: %s\nemail: admin@example.org\n' "$PROXY" "$DOMAIN" >"$E2E_WORK/plan-answers.yml"
    assert_contains "lt-setup plan prints the site for $DOMAIN" \
        "$("$LT" plan --answers "$E2E_WORK/plan-answers.yml")" "$DOMAIN"
}

# The wizard (what `sudo lt-setup` starts) draws its Welcome screen in an 80×24 tmux pane,
# and q leaves it. Nothing changes before the first answer.
wizard_starts() {
    local socket=$E2E_WORK/tmux-wizard
    tmux -S "$socket" -f /dev/null new-session -d -x 80 -y 24 \
        "env TERM=xterm-256color LANG=C.UTF-8 $LT"
    if wait_until 10 "the wizard's Welcome screen" wizard_shows "$socket" "1/7 Welcome"; then
        pass "the wizard draws its Welcome screen at 80x24"
    else
        fail "the wizard draws its Welcome screen at 80x24" "$(tmux -S "$socket" capture-pane -p)"
    fi
    tmux -S "$socket" send-keys q
    if wait_until 10 "the wizard to quit" wizard_gone "$socket"; then
        pass "q leaves the wizard"
    else
        fail "q leaves the wizard" "$(tmux -S "$socket" capture-pane -p)"
        tmux -S "$socket" kill-server 2>/dev/null || true
    fi
}

wizard_shows() {
    tmux -S "$1" capture-pane -p 2>/dev/null | grep -qF "$2"
}

wizard_gone() {
    ! tmux -S "$1" has-session 2>/dev/null
}

case "${1:-}" in
    --inside) inside "$2" ;;
    --in-system) in_system "$2" ;;
    *)
        if [ "$(id -u)" -ne 0 ]; then
            echo "bullseye-e2e.sh: run as root (sudo)" >&2
            exit 1
        fi
        LT_SETUP_DEB=$(realpath "${LT_SETUP_DEB:-$("$REPO/scripts/release/build-deb.sh" | tail -n 1)}")
        case "$LT_SETUP_DEB" in
            "$REPO"/*) export LT_SETUP_DEB ;;
            *) echo "bullseye-e2e.sh: LT_SETUP_DEB must be inside $REPO (the flows see only it)" >&2; exit 2 ;;
        esac
        SANDBOX_SYSTEM=$("$E2E_DIR/bullseye/root.sh")
        export SANDBOX_SYSTEM
        run_flows "$E2E_DIR/bullseye-e2e.sh" "$@"
        ;;
esac
