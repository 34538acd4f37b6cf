#!/bin/sh
# {{MARKER}}
# certbot runs every executable file in this folder after it renews a certificate. This one
# rebuilds Icecast's TLS bundle from the renewed certificate of {{DOMAIN}} and restarts
# Icecast, which reads its certificate only at start.
#
# It replaces the guide's `deploy_hook =` line in renewal/{{DOMAIN}}.conf: certbot before 5.3
# ignores that key and drops it at the next renewal, leaving Icecast with an expired
# certificate.
set -eu

lineage='{{LINEAGE}}'
bundle='{{BUNDLE}}'

# certbot calls deploy hooks for every certificate it renews; act only for ours.
[ "${RENEWED_LINEAGE:-}" = "$lineage" ] || exit 0

# mktemp creates the file readable by root only, so the private key is never exposed, even
# for an instant; it gets its final group and mode before it replaces the old bundle.
tmp=$(mktemp "$bundle.XXXXXX")
trap 'rm -f "$tmp"' EXIT
cat "$lineage/fullchain.pem" "$lineage/privkey.pem" > "$tmp"
chown root:{{GROUP}} "$tmp"
chmod 0640 "$tmp"
sync "$tmp"
mv -f "$tmp" "$bundle"
trap - EXIT

if [ -d /run/systemd/system ]; then
    systemctl restart icecast2
else
    service icecast2 restart
fi
