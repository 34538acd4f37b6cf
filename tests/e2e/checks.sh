#!/usr/bin/env bash
# Checks of a finished https set-up, shared by the flows. Source after assert.sh, wait.sh,
# servers.sh and tls.sh; they read DOMAIN, LIVE (certbot's live folder for it) and ROOT_CA
# (pebble's issuing root) and write in E2E_WORK.

check_https() {
    local redirect
    redirect=$(curl -sS --max-time 10 -o /dev/null -w '%{http_code} %{redirect_url}' \
        "http://$DOMAIN/some/page?x=1" || true)
    assert_eq "http answers 301 to the same https URL" \
        "301 https://$DOMAIN/some/page?x=1" "$redirect"

    local answer=$E2E_WORK/https.json
    assert_cmd "https://$DOMAIN/ verifies against pebble's root and answers" \
        curl -fsS --max-time 10 --cacert "$ROOT_CA" -o "$answer" "https://$DOMAIN/api/status?x=1"
    assert_eq "the backend gets the path" /api/status?x=1 "$(backend_field "$answer" path)"
    assert_eq "the backend sees Host: $DOMAIN" "$DOMAIN" "$(backend_header "$answer" Host)"
    assert_eq "the backend sees X-Forwarded-Proto: https" https \
        "$(backend_header "$answer" X-Forwarded-Proto)"

    local upload=$E2E_WORK/upload.bin status
    head -c 3145728 /dev/urandom >"$upload"
    answer=$E2E_WORK/upload.json
    status=$(curl -sS --max-time 60 --cacert "$ROOT_CA" -o "$answer" -w '%{http_code}' \
        -H 'Content-Type: application/octet-stream' --data-binary "@$upload" \
        "https://$DOMAIN/rest/media" || true)
    assert_eq "a 3 MB upload is accepted (HTTP status)" 200 "$status"
    assert_eq "the backend receives all 3145728 bytes" 3145728 \
        "$(backend_field "$answer" body_bytes)"
}

# Icecast's bundle is the live certificate and key, served on 8443; the renewal hook is in
# place.
# shellcheck disable=SC2153 # LIVE is set by the flow that sources this file.
check_icecast() {
    assert_eq "the bundle is root:icecast 0640" "root:icecast 640" "$(stat -c '%U:%G %a' /etc/icecast2/bundle.pem)"
    assert_eq "the bundle is fullchain then private key" \
        "$(cat "$LIVE/fullchain.pem" "$LIVE/privkey.pem" | sha256sum)" "$(sha256sum </etc/icecast2/bundle.pem)"
    local live
    live=$(cert_fingerprint "$LIVE/cert.pem")
    # The last steps restart Icecast; it listens again a moment later.
    assert_icecast_serves "Icecast serves the live certificate on 8443" "$live"
    assert_cmd "the renewal hook is installed and executable" \
        test -x "/etc/letsencrypt/renewal-hooks/deploy/lt-setup-icecast-$DOMAIN.sh"
}

# assert_icecast_serves DESCRIPTION FINGERPRINT: Icecast's TLS socket on 8443 serves the
# certificate with FINGERPRINT within 20 s (it may be restarting); on a failure, what it
# served instead.
assert_icecast_serves() {
    if wait_until 20 "$1" icecast_serves "$2"; then
        pass "$1"
    else
        fail "$1" "expected: $2" "served:   $(served_fingerprint 8443 "$DOMAIN" "$ROOT_CA" || echo '(no TLS)')"
    fi
}

icecast_serves() {
    [ "$(served_fingerprint 8443 "$DOMAIN" "$ROOT_CA" || true)" = "$1" ]
}
