#!/usr/bin/env bash
# Proves the end-to-end harness with the real parts: does by hand, in a sandbox, what
# lt-setup automates, following LibreTime's guide "Reverse proxy" and FACTS.md, for nginx
# and for Apache, each in its own fresh sandbox (run in parallel: each sandbox has its own
# network, so both can have ports 80 and 443).
#
#   sudo tests/e2e/harness-selftest.sh [--sequential] [nginx] [apache]
#
# Installs the Debian packages it needs, then per proxy: pebble and the fake backend; the
# guide's site file, enabled, tested and served; certbot --nginx/--apache against pebble;
# http -> https, the proxied request and a 3 MB upload checked; Icecast's TLS socket with
# the bundle checked by fingerprint; a forced renewal whose deploy hook must give Icecast
# the new certificate; a dry run. Then checks that the host's files are untouched and that
# no process of the sandboxes survived. Ends with "N passed, N failed".
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
# shellcheck source=checks.sh
source "$E2E_DIR/checks.sh"

PACKAGES=(nginx apache2 certbot python3-certbot-nginx python3-certbot-apache icecast2 pebble
    openssl curl ca-certificates python3 iproute2)

# --- inside a sandbox: one proxy's whole flow ----------------------------------------

inside() {
    PROXY=$1
    # shellcheck source=pebble.sh
    source "$E2E_DIR/pebble.sh"
    # shellcheck source=servers.sh
    source "$E2E_DIR/servers.sh"
    # shellcheck source=tls.sh
    source "$E2E_DIR/tls.sh"
    DOMAIN=$E2E_DOMAIN
    LIVE=/etc/letsencrypt/live/$DOMAIN
    ROOT_CA=$E2E_WORK/pebble-root.pem
    case "$PROXY" in
        nginx) SERVER=nginx ;;
        apache) SERVER=apache2 ;;
        *) echo "unknown proxy '$PROXY'" >&2; exit 2 ;;
    esac
    echo "# $PROXY: sandbox $E2E_ROOT, pid namespace $(readlink /proc/self/ns/pid)"
    START=$(now_ms)
    trap 'on_exit $?' EXIT

    phase "pebble and backend" start_pebble_and_backend
    phase "$PROXY site" set_up_site
    phase "certbot --$PROXY" obtain_certificate
    phase "https checks" check_https
    phase "icecast tls" set_up_icecast
    phase "forced renewal" renew_with_hook
    phase "dry run" dry_run
}

start_pebble_and_backend() {
    require "pebble answers at https://127.0.0.1:14000/dir" pebble_start
    require "pebble's issuing root is served at :15000/roots/0" pebble_root "$ROOT_CA"
    require "the fake LibreTime backend answers on 127.0.0.1:8080" backend_start 8080
}

# The guide's "Install a reverse proxy" section, by hand.
set_up_site() {
    if [ "$PROXY" = nginx ]; then
        write_nginx_site
        rm -f /etc/nginx/sites-enabled/default
        ln -s "/etc/nginx/sites-available/$DOMAIN.conf" /etc/nginx/sites-enabled/
        require "nginx -t accepts the guide's site" nginx -t
    else
        write_apache_site
        rm -f /etc/apache2/sites-enabled/000-default.conf
        require "a2enmod proxy proxy_http headers" a2enmod proxy proxy_http headers
        require "a2ensite $DOMAIN" a2ensite "$DOMAIN"
        require "apache2ctl configtest accepts the guide's vhost" apache2ctl configtest
    fi
    require "$SERVER starts and listens on port 80" server_start "$SERVER" 80

    local answer=$E2E_WORK/http.json
    curl -sS --max-time 10 -o "$answer" "http://$DOMAIN/before-certbot" || true
    assert_eq "http://$DOMAIN/ reaches the backend before certbot" \
        /before-certbot "$(backend_field "$answer" path)"
    assert_eq "the backend sees Host: $DOMAIN" "$DOMAIN" "$(backend_header "$answer" Host)"
}

write_nginx_site() {
    cat >"/etc/nginx/sites-available/$DOMAIN.conf" <<EOF
server {
    listen 80;
    server_name $DOMAIN;

    client_max_body_size 512M;
    client_body_timeout 300s;

    location / {
        proxy_set_header Host              \$host;
        proxy_set_header X-Real-IP         \$remote_addr;
        proxy_set_header X-Forwarded-For   \$proxy_add_x_forwarded_for;
        proxy_set_header X-Forwarded-Proto \$scheme;
        proxy_set_header X-Forwarded-Host  \$host;
        proxy_set_header X-Forwarded-Port  \$server_port;

        proxy_pass http://localhost:8080/;
    }
}
EOF
}

# The guide's vhost, plus the original Host and the scheme for the backend (FACTS: Apache).
write_apache_site() {
    cat >"/etc/apache2/sites-available/$DOMAIN.conf" <<EOF
<VirtualHost *:80>
    ServerName $DOMAIN

    ProxyPreserveHost On
    RequestHeader set X-Forwarded-Proto "expr=%{REQUEST_SCHEME}"

    <Location />
        ProxyPass           http://localhost:8080/
        ProxyPassReverse    http://localhost:8080/
    </Location>
</VirtualHost>
EOF
}

obtain_certificate() {
    require "certbot --$PROXY obtains a certificate from pebble and redirects http" \
        certbot "--$PROXY" --non-interactive --agree-tos -m admin@example.org --redirect \
        --cert-name "$DOMAIN" -d "$DOMAIN" --server "$ACME_DIRECTORY" --keep-until-expiring
    require "the certificate is in $LIVE" test -s "$LIVE/cert.pem" -a -s "$LIVE/privkey.pem"
}


# The guide's "Securing the Icecast output streams", by hand.
set_up_icecast() {
    require "the bundle is built with the guide's install command" bash -c \
        "install --group=icecast --mode=640 <(cat $LIVE/{fullchain,privkey}.pem) /etc/icecast2/bundle.pem"
    assert_eq "the bundle is root:icecast 0640" "root:icecast 640" \
        "$(stat -c '%U:%G %a' /etc/icecast2/bundle.pem)"
    require "icecast.xml gets the 8443 TLS socket and the bundle" enable_icecast_tls
    assert_eq "icecast.xml is still root:icecast 0640" "root:icecast 640" \
        "$(stat -c '%U:%G %a' /etc/icecast2/icecast.xml)"
    require "icecast2 starts and listens on 8000 and 8443" server_start icecast2 8000 8443

    local served expected
    expected=$(cert_fingerprint "$LIVE/cert.pem")
    served=$(served_fingerprint 8443 "$DOMAIN" "$ROOT_CA" || true)
    assert_ne "Icecast completes a verified TLS handshake on 8443" "" "$served"
    assert_eq "Icecast serves live/$DOMAIN/cert.pem" "$expected" "$served"
    FIRST_FINGERPRINT=$expected
}

# Uncomments the 8443 <listen-socket> with <ssl>1</ssl> and adds <ssl-certificate> at the
# end of <paths>, then checks the result by parsing it. Only the harness' self-test does
# this by text; lt-setup edits by structure.
enable_icecast_tls() {
    /usr/bin/python3 - /etc/icecast2/icecast.xml <<'PY'
import re, sys
import xml.etree.ElementTree as ET
path = sys.argv[1]
text = open(path).read()
text, sockets = re.subn(
    r"<!--\s*(<listen-socket>\s*<port>8443</port>\s*<ssl>1</ssl>\s*</listen-socket>)\s*-->",
    r"\1", text)
text, paths = re.subn(
    r"(\n[ \t]*)</paths>",
    r"\1    <ssl-certificate>/etc/icecast2/bundle.pem</ssl-certificate>\1</paths>", text, count=1)
assert sockets == 1 and paths == 1, (sockets, paths)
root = ET.fromstring(text)
assert any(s.findtext("port") == "8443" and s.findtext("ssl") == "1"
           for s in root.iter("listen-socket"))
assert root.find("paths").findtext("ssl-certificate") == "/etc/icecast2/bundle.pem"
with open(path, "w") as f:  # in place: owner, group and mode stay
    f.write(text)
PY
}

renew_with_hook() {
    local hook=/etc/letsencrypt/renewal-hooks/deploy/icecast-bundle.sh
    mkdir -p "${hook%/*}"
    cat >"$hook" <<EOF
#!/bin/sh
# Rebuilds Icecast's TLS bundle from the renewed certificate and restarts Icecast.
set -eu
[ "\${RENEWED_LINEAGE:-}" = "$LIVE" ] || exit 0
tmp=\$(mktemp /etc/icecast2/bundle.pem.XXXXXX)
trap 'rm -f "\$tmp"' EXIT
cat "\$RENEWED_LINEAGE/fullchain.pem" "\$RENEWED_LINEAGE/privkey.pem" >"\$tmp"
chown root:icecast "\$tmp"
chmod 0640 "\$tmp"
mv -f "\$tmp" /etc/icecast2/bundle.pem
trap - EXIT
if [ -d /run/systemd/system ]; then
    systemctl restart icecast2
else
    service icecast2 restart
fi
EOF
    chmod 0755 "$hook"

    local icecast_before
    icecast_before=$(server_pids icecast2)
    require "certbot renew --force-renewal succeeds" \
        certbot renew --force-renewal --cert-name "$DOMAIN" --server "$ACME_DIRECTORY" \
        --no-random-sleep-on-renew
    assert_cmd "certbot ran the deploy hook" \
        grep -q "Running deploy-hook command: $hook" /var/log/letsencrypt/letsencrypt.log
    local renewed
    renewed=$(cert_fingerprint "$LIVE/cert.pem")
    assert_ne "the renewal gave a new certificate" "$FIRST_FINGERPRINT" "$renewed"
    assert_ne "Icecast was restarted (new process)" "$icecast_before" "$(server_pids icecast2)"
    assert_eq "the rebuilt bundle is root:icecast 0640" "root:icecast 640" \
        "$(stat -c '%U:%G %a' /etc/icecast2/bundle.pem)"
    RENEWED_FINGERPRINT=$renewed
    assert_icecast_serves "Icecast serves the renewed certificate" "$renewed"
}

dry_run() {
    assert_cmd "certbot renew --dry-run succeeds" \
        certbot renew --dry-run --cert-name "$DOMAIN" --server "$ACME_DIRECTORY" \
        --no-random-sleep-on-renew
    assert_eq "the dry run left the live certificate alone" "$RENEWED_FINGERPRINT" \
        "$(cert_fingerprint "$LIVE/cert.pem")"
    assert_cmd "after the dry run, https still answers" \
        curl -fsS --max-time 10 --cacert "$ROOT_CA" -o /dev/null "https://$DOMAIN/"
}

# The harness itself: a flow cut short by an error in its script fails, even when every
# check it reached passed (run_flows adds up the flows' summaries, not their exit statuses).
check_a_cut_short_flow_fails() {
    local output scratch
    scratch=$(mktemp -d)
    # shellcheck disable=SC2016 # the snippet is expanded by the inner bash
    output=$(E2E_WORK=$scratch bash -c '
        set -euo pipefail
        source "$1/wait.sh"; source "$1/assert.sh"; source "$1/flow.sh"
        show_logs() { :; }
        SERVER=selftest START=$(now_ms)
        trap "on_exit \$?" EXIT
        phase "passes" pass "a check"
        phase "stops" false' _ "$E2E_DIR" 2>&1 || true)
    rm -rf "$scratch"
    assert_contains "a flow cut short by an error says so" "$output" 'not ok - the flow ran to its end'
    assert_contains "and its summary counts it as failed" "$output" '1 passed, 1 failed'
}

if [ "${1:-}" = --inside ]; then
    inside "$2"
else
    check_a_cut_short_flow_fails
    run_flows "$E2E_DIR/harness-selftest.sh" "$@"
fi
