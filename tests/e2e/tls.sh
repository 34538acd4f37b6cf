#!/usr/bin/env bash
# Certificate checks for the end-to-end tests. Source this file.
#
#   cert_fingerprint FILE
#       SHA-256 fingerprint of the (first) certificate in a PEM file, as AA:BB:…
#   served_fingerprint PORT NAME CAFILE
#       connects to 127.0.0.1:PORT with SNI NAME, completes a TLS handshake that must
#       verify against CAFILE for NAME, and prints the served leaf's SHA-256 fingerprint.
#       Fails (prints nothing) when there is no TLS, no valid chain or no such name: a
#       socket configured for TLS that could not load its certificate serves plain HTTP,
#       so an open port proves nothing.

cert_fingerprint() {
    openssl x509 -in "$1" -noout -fingerprint -sha256 | sed 's/^.*=//'
}

served_fingerprint() {
    local port=$1 name=$2 ca=$3 leaf
    leaf=$(timeout 10 openssl s_client -connect "127.0.0.1:$port" -servername "$name" \
        -CAfile "$ca" -verify_hostname "$name" -verify_return_error </dev/null 2>/dev/null |
        sed -n '/-----BEGIN CERTIFICATE-----/,/-----END CERTIFICATE-----/p') || return 1
    [ -n "$leaf" ] || return 1
    printf '%s\n' "$leaf" | openssl x509 -noout -fingerprint -sha256 | sed 's/^.*=//'
}
