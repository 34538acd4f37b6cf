#!/usr/bin/env bash
# Debian's pebble, Let's Encrypt's test ACME server, inside the sandbox. Source this file
# (after wait.sh) from a command run by sandbox.sh.
#
#   pebble_start     makes a throw-away CA and a localhost/127.0.0.1 certificate for
#                    pebble's own listener, writes its JSON config, starts it and waits
#                    until its directory answers; then exports
#                      ACME_DIRECTORY      https://127.0.0.1:14000/dir, for certbot --server
#                      REQUESTS_CA_BUNDLE  the throw-away CA, so that certbot trusts pebble
#                      PEBBLE_LISTENER_CA  the same CA, for curl --cacert
#                      PEBBLE_PID          pebble's process id
#   pebble_root FILE writes pebble's current issuing root (management API, /roots/0) to
#                    FILE, to verify the chains the servers serve. It changes at every start.
#   pebble_stop      stops pebble.
#
# Validation is real: pebble resolves the domain through /etc/hosts and fetches HTTP-01
# tokens from port 80 there. Its environment (each may be overridden by the caller):
#   PEBBLE_VA_NOSLEEP=1        no random 0-15 s pause before each validation
#   PEBBLE_WFE_NONCEREJECT=0   no deliberately rejected nonces (5 % by default), which
#                              certbot retries only once
#   PEBBLE_AUTHZREUSE=0        never reuse a valid authorization (50 % by default): every
#                              order, renewal and dry run is validated through the proxy

PEBBLE_HOME=${E2E_WORK:-/tmp}/pebble

pebble_start() {
    mkdir -p "$PEBBLE_HOME"
    pebble_make_certificates "$PEBBLE_HOME"
    cat >"$PEBBLE_HOME/config.json" <<EOF
{
  "pebble": {
    "listenAddress": "127.0.0.1:14000",
    "managementListenAddress": "127.0.0.1:15000",
    "certificate": "$PEBBLE_HOME/cert.pem",
    "privateKey": "$PEBBLE_HOME/key.pem",
    "httpPort": 80,
    "tlsPort": 5001,
    "ocspResponderURL": "",
    "externalAccountBindingRequired": false
  }
}
EOF
    PEBBLE_VA_NOSLEEP=${PEBBLE_VA_NOSLEEP:-1} \
        PEBBLE_WFE_NONCEREJECT=${PEBBLE_WFE_NONCEREJECT:-0} \
        PEBBLE_AUTHZREUSE=${PEBBLE_AUTHZREUSE:-0} \
        pebble -config "$PEBBLE_HOME/config.json" </dev/null >>"$PEBBLE_HOME/pebble.log" 2>&1 &
    PEBBLE_PID=$!
    export PEBBLE_PID
    export PEBBLE_LISTENER_CA=$PEBBLE_HOME/ca.pem
    export REQUESTS_CA_BUNDLE=$PEBBLE_LISTENER_CA
    export ACME_DIRECTORY=https://127.0.0.1:14000/dir
    if ! wait_until 30 "pebble at $ACME_DIRECTORY" pebble_answers; then
        echo "pebble.log:" >&2
        tail -n 20 "$PEBBLE_HOME/pebble.log" >&2
        return 1
    fi
}

# pebble_answers: pebble is running and its ACME directory answers over verified TLS.
pebble_answers() {
    pid_alive "$PEBBLE_PID" || return "$WAIT_GIVE_UP"
    curl -fsS -o /dev/null --max-time 2 --cacert "$PEBBLE_LISTENER_CA" "$ACME_DIRECTORY" 2>/dev/null
}

# pebble_make_certificates DIR: ca.pem (throw-away CA) and cert.pem/key.pem for
# localhost and 127.0.0.1 (subjectAltName: certbot checks names there, not in CN).
pebble_make_certificates() {
    local dir=$1
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
        -keyout "$dir/ca.key" -out "$dir/ca.pem" -days 7 \
        -subj "/CN=lt-setup e2e throw-away CA for pebble" \
        -addext "basicConstraints=critical,CA:TRUE" \
        -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
    openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes \
        -keyout "$dir/key.pem" -out "$dir/cert.csr" -subj "/CN=localhost" 2>/dev/null
    printf '%s\n' \
        "subjectAltName=DNS:localhost,IP:127.0.0.1" \
        "basicConstraints=critical,CA:FALSE" \
        "keyUsage=critical,digitalSignature" \
        "extendedKeyUsage=serverAuth" >"$dir/cert.ext"
    openssl x509 -req -in "$dir/cert.csr" -CA "$dir/ca.pem" -CAkey "$dir/ca.key" \
        -CAcreateserial -days 7 -extfile "$dir/cert.ext" -out "$dir/cert.pem" 2>/dev/null
}

# pebble_root FILE: pebble's current issuing root certificate, in PEM.
pebble_root() {
    curl -fsS --max-time 5 --cacert "$PEBBLE_LISTENER_CA" -o "$1" https://127.0.0.1:15000/roots/0
}

pebble_stop() {
    [ -n "${PEBBLE_PID:-}" ] || return 0
    kill -TERM "$PEBBLE_PID" 2>/dev/null || true
    wait_until 10 "pebble to stop" pid_gone "$PEBBLE_PID"
    PEBBLE_PID=
}
