#!/usr/bin/env bash
# Prints the path of the Debian 11 (bullseye) root the end-to-end flows run lt-setup in,
# making it first if needed (scripts/release/bullseye-root.sh keeps it outside git): bullseye's
# own nginx 1.18, apache2 2.4, certbot 1.12 with its nginx and apache plugins, icecast2 2.4.4,
# openssl 1.1.1 and curl, what the flows' helpers use (python3, procps, tmux), and, from
# certbot-0.40.sh, Ubuntu 20.04's certbot 0.40.0 in a virtualenv, ready to stand in for
# Debian's. pebble is not in it: it runs from the host, in the same network namespace.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
exec "$here/../../../scripts/release/bullseye-root.sh" e2e-bullseye --setup "$here/certbot-0.40.sh" \
    nginx apache2 certbot python3-certbot-nginx python3-certbot-apache icecast2 openssl curl \
    ca-certificates python3 procps tmux \
    python3-venv python3-pip gcc python3-dev libffi-dev libssl-dev libaugeas-dev
