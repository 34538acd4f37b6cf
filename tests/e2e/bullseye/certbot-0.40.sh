#!/bin/sh
# Runs inside the bullseye root as it is made (root.sh): Ubuntu 20.04's certbot, 0.40.0, with
# its nginx and apache plugins, from PyPI into /opt/certbot-0.40, on bullseye's Python 3.9
# (Ubuntu 20.04 has 3.8). The pins hold back what later releases of its dependencies broke:
# acme 0.40.0 itself (newer ones drop acme.magic_typing), zope.* before their Python-3-only
# majors, josepy < 1.14, pyOpenSSL < 22 (crypto.X509Req), cryptography < 37, setuptools < 70
# (pkg_resources as certbot 0.40 uses it), python-augeas < 1.2 (1.2 calls aug_preview, which
# Debian 11's libaugeas 1.12 lacks; Ubuntu 20.04's plugin used python3-augeas 0.5).
#
# Then three packages that make dpkg see what Ubuntu 20.04 has: certbot,
# python3-certbot-nginx and python3-certbot-apache at 0.40.0-1ubuntu0.1, /usr/bin/certbot
# being the virtualenv's. A flow installs them over Debian's 1.12 with
# `dpkg -i /opt/certbot-0.40/debs/*.deb`, inside its copy-on-write sandbox.
set -eu
venv=/opt/certbot-0.40
python3 -m venv "$venv"
"$venv/bin/pip" install --quiet --no-cache-dir --disable-pip-version-check \
    certbot==0.40.0 certbot-nginx==0.40.0 certbot-apache==0.40.0 acme==0.40.0 \
    'zope.component<5' 'zope.interface<6' 'zope.hookable<6' 'zope.event<5' \
    'zope.deferredimport<5' 'zope.deprecation<5' 'zope.proxy<6' \
    'josepy<1.14' 'setuptools<70' 'pyOpenSSL<22' 'cryptography<37' 'python-augeas<1.2'
"$venv/bin/certbot" --version
"$venv/bin/certbot" plugins --text 2>/dev/null | grep -q '^\* nginx' || {
    echo "certbot 0.40.0 lists no nginx plugin" >&2
    exit 1
}
# The apache plugin loads augeas only when it is used: load it now.
"$venv/bin/python" -c 'import augeas; augeas.Augeas()' || {
    echo "certbot 0.40.0's apache plugin cannot load augeas" >&2
    exit 1
}

version=0.40.0-1ubuntu0.1
mkdir -p "$venv/debs"
for package in certbot python3-certbot-nginx python3-certbot-apache; do
    stage=$(mktemp -d)
    mkdir -p "$stage/DEBIAN"
    if [ "$package" = certbot ]; then
        mkdir -p "$stage/usr/bin"
        ln -s "$venv/bin/certbot" "$stage/usr/bin/certbot"
    fi
    printf '%s\n' "Package: $package" "Version: $version" "Architecture: all" \
        "Maintainer: lt-setup tests <tests@lt-setup.invalid>" \
        "Description: Ubuntu 20.04's $package 0.40.0, from $venv (lt-setup's tests)" \
        >"$stage/DEBIAN/control"
    dpkg-deb --root-owner-group --build "$stage" "$venv/debs/${package}_${version}_all.deb" >/dev/null
    rm -rf "$stage"
done
