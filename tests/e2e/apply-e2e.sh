#!/usr/bin/env bash
# lt-setup apply, end to end, for nginx and for Apache, each in its own sandbox (see
# README.md): the real nginx/apache2, certbot against pebble, icecast2, and a fake LibreTime
# backend, all on the sandbox's loopback.
#
#   sudo tests/e2e/apply-e2e.sh [--sequential] [nginx] [apache]
#
# Per proxy: preflight passes its hard checks and reports what it saw; a config test that
# fails leaves the old config live and the server serving;
# `apply` killed with SIGKILL while certbot runs, then run again, resumes and completes;
# http -> https, the proxied request with Host and X-Forwarded-Proto, a 3 MB upload; Icecast
# serves the live certificate on 8443; config.yml gets the https public_urls and nothing
# else; a forced renewal rebuilds the bundle through lt-setup's hook and Icecast serves the
# new certificate; `verify` passes after the run, and fails naming Icecast's TLS check when
# the bundle is garbage (Icecast then serves plain HTTP); a second `apply` changes no file;
# `undo` puts the server back. The Apache
# flow runs with a systemctl stand-in (fake-systemctl) to cover the systemd path; the nginx
# flow uses the init scripts. Set LT_SETUP_BINARY to test another build.
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

PACKAGES=(nginx apache2 certbot python3-certbot-nginx python3-certbot-apache icecast2 pebble
    openssl curl ca-certificates python3 iproute2)
LT=${LT_SETUP_BINARY:-$REPO/.build/debug/lt-setup}

inside() {
    # shellcheck source=pebble.sh
    source "$E2E_DIR/pebble.sh"
    # shellcheck source=servers.sh
    source "$E2E_DIR/servers.sh"
    # shellcheck source=tls.sh
    source "$E2E_DIR/tls.sh"
    # shellcheck source=checks.sh
    source "$E2E_DIR/checks.sh"
    apply_flow_setup "$1"
    echo "# $PROXY: sandbox $E2E_ROOT, pid namespace $(readlink /proc/self/ns/pid)"
    START=$(now_ms)
    trap 'on_exit $?' EXIT
    apply_flow_phases
}

if [ "${1:-}" = --inside ]; then
    inside "$2"
else
    run_flows "$E2E_DIR/apply-e2e.sh" "$@"
fi
