#!/usr/bin/env bash
# What lt-setup's machinery costs over the commands it runs: the wall time of the real
# nginx flow, `lt-setup apply --answers FILE --yes`, against the same commands in a shell
# script, `lt-setup plan --answers FILE --script` run with bash. Prints figures; never
# asserts.
#
#   sudo bench/overhead.sh [pairs, default 5]
#   LT_SETUP_BINARY=/path/to/lt-setup sudo bench/overhead.sh   # that binary; nothing built
#
# Each run is a fresh end-to-end sandbox (tests/e2e/sandbox.sh), so both start from the same
# state: nginx installed and serving its default site, the fake LibreTime backend on
# 127.0.0.1:8080, LibreTime's config.yml, nothing of lt-setup's. The answers: nginx,
# libretime.example.org, https off (no ACME server is needed). The script is made in its
# sandbox before the clock starts (as an operator would have it ready); it runs the same
# steps: write the site, swap the enabled sites, `nginx -t`, `service nginx restart`, set
# config.yml's public_url, with its own backups and checksums. apply also runs its
# preflight checks first, starts the detached runner, keeps the session, backups and logs,
# and verifies the station after the last step: the breakdown times `lt-setup preflight`
# (in the script's sandboxes, untimed for the script), `lt-setup verify` (after apply) and
# `lt-setup plan --script` alone (and again with dpkg's status file cut to the stanzas of the
# packages lt-setup asks about, bind-mounted in the sandbox: what parsing the whole file
# costs a plan), and reads each step's time from apply's report. Runs alternate, lt-setup first in
# odd pairs, the script first in even ones. Each run checks its result: exit status 0, and
# nginx then proxies the domain to the backend.
# shellcheck source-path=SCRIPTDIR
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$BENCH_DIR/.." && pwd)
E2E_DIR=$REPO/tests/e2e
# shellcheck source=lib.sh
source "$BENCH_DIR/lib.sh"

ms_since() { local now=${EPOCHREALTIME/[.,]/}; awk -v a="$1" -v b="$now" 'BEGIN { printf "%.1f\n", (b - a) / 1000 }'; }

# --- inside a sandbox: one run of ARM (lt-setup or script), figures appended to DIR ---------------
if [ "${1:-}" = --inside ]; then
    arm=$2 out=$3
    # shellcheck source=../tests/e2e/wait.sh
    source "$E2E_DIR/wait.sh"
    # shellcheck source=../tests/e2e/servers.sh
    source "$E2E_DIR/servers.sh"
    # The script keeps its copies in /var/backups/lt-setup-script, which the sandbox does not
    # cover: a tmpfs of this sandbox's own goes over /var/backups, for both.
    mount -t tmpfs -o mode=0755 bench-backups /var/backups
    backend_start 8080 >/dev/null
    server_start nginx 80 >/dev/null
    answers=$E2E_WORK/answers.yml
    printf 'proxy: nginx\ndomain: %s\nhttps: false\n' "$E2E_DOMAIN" >"$answers"
    log=$E2E_WORK/$arm.log
    status=0
    # Output into a file, not a pipe: nginx, restarted, inherits it (servers.sh).
    if [ "$arm" = lt-setup ]; then
        start=${EPOCHREALTIME/[.,]/}
        "$BENCH_LT" apply --answers "$answers" --yes >"$log" 2>&1 || status=$?
        wall=$(ms_since "$start")
        start=${EPOCHREALTIME/[.,]/}
        "$BENCH_LT" verify --answers "$answers" >>"$log" 2>&1 || true
        ms_since "$start" >>"$out/verify.ms"
        # Each step's own time, "✔ done (1.2 s)", summed.
        awk '/✔ done \(/ { gsub(/[^0-9.]/, "", $3); sum += $3 } END { printf "%.1f\n", sum * 1000 }' "$log" >>"$out/steps.ms"
    else
        start=${EPOCHREALTIME/[.,]/}
        "$BENCH_LT" plan --answers "$answers" --script >"$E2E_WORK/plan.sh"
        ms_since "$start" >>"$out/plan.ms"
        # The same plan with a dpkg status that holds only the packages lt-setup asks about:
        # what parsing this machine's whole status file costs a plan.
        awk -v RS= -v ORS='\n\n' '/(^|\n)Package: (nginx|apache2|certbot|python3-certbot|icecast2|curl|openssl)/' \
            /var/lib/dpkg/status >"$E2E_WORK/dpkg-status"
        mount --bind "$E2E_WORK/dpkg-status" /var/lib/dpkg/status
        start=${EPOCHREALTIME/[.,]/}
        "$BENCH_LT" plan --answers "$answers" --script >/dev/null
        ms_since "$start" >>"$out/plan-small-dpkg.ms"
        umount /var/lib/dpkg/status
        start=${EPOCHREALTIME/[.,]/}
        "$BENCH_LT" preflight --answers "$answers" >"$E2E_WORK/preflight.log" 2>&1 || true
        ms_since "$start" >>"$out/preflight.ms"
        start=${EPOCHREALTIME/[.,]/}
        bash "$E2E_WORK/plan.sh" >"$log" 2>&1 || status=$?
        wall=$(ms_since "$start")
    fi
    proxied=no
    curl -fsS --max-time 10 -H "Host: $E2E_DOMAIN" -o "$E2E_WORK/proxied.json" http://127.0.0.1/ 2>/dev/null &&
        grep -q '"path"' "$E2E_WORK/proxied.json" && proxied=yes
    if [ "$status" != 0 ] || [ "$proxied" != yes ]; then
        echo "overhead.sh: $arm ended with status $status, nginx proxies the domain: $proxied; its output:" >&2
        cat "$log" >&2
        exit 1
    fi
    echo "$wall" >>"$out/$arm.ms"
    printf '%s %8s ms' "$arm" "$wall"
    exit 0
fi

# --- the host side ------------------------------------------------------------------------------
pairs="${1:-5}"
if [ "$(id -u)" != 0 ]; then
    echo "overhead.sh: needs root (the flows run for real, in the e2e sandbox): sudo $0" >&2
    exit 1
fi
for tool in nginx curl /usr/bin/python3; do
    command -v "$tool" >/dev/null || { echo "overhead.sh: $tool is needed (scripts/install-packages.sh)" >&2; exit 1; }
done
echo "== release products"
BENCH_LT=$(bench_product lt-setup)
export BENCH_LT
echo
echo "== machine"
bench_machine

work=$(mktemp -d /tmp/lt-setup-overhead.XXXXXX)
chmod 755 "$work"
trap 'rm -rf -- "$work"' EXIT
# shellcheck source=../tests/e2e/sandbox.sh
source "$E2E_DIR/sandbox.sh"
one() { sandbox_run -- bash "$BENCH_DIR/overhead.sh" --inside "$1" "$work"; }

echo
echo "== warm-up, not counted: $(one lt-setup), $(one script)"
rm -f "$work"/*.ms

echo
echo "== $pairs pairs, alternating (wall time of each, from start to exit)"
for i in $(seq 1 "$pairs"); do
    if ((i % 2)); then order=(lt-setup script); else order=(script lt-setup); fi
    echo "pair $i: $(one "${order[0]}"), $(one "${order[1]}")"
done

echo
echo "== overhead: median, min–max in ms over $pairs runs each"
for name in lt-setup script steps preflight verify plan plan-small-dpkg; do
    read -r _ median _ _ _ min max < <(bench_stats "$work/$name.ms")
    case $name in
        lt-setup) what="lt-setup apply --yes (preflight, steps, verification)" ;;
        script) what="bash plan.sh (lt-setup plan --script)" ;;
        steps) what="  apply's steps, as its report times them" ;;
        preflight) what="  lt-setup preflight alone" ;;
        verify) what="  lt-setup verify alone" ;;
        plan) what="  lt-setup plan --script alone (one plan, made as apply makes it)" ;;
        plan-small-dpkg) what="  the same, dpkg's status cut to the packages lt-setup asks about" ;;
    esac
    printf '%-58s %8.1f   %8.1f–%-8.1f\n' "$what" "$median" "$min" "$max"
    bench_keep "overhead.$name" "$work/$name.ms"
done
read -r _ lt_median _ < <(bench_stats "$work/lt-setup.ms")
read -r _ script_median _ < <(bench_stats "$work/script.ms")
awk -v a="$lt_median" -v b="$script_median" 'BEGIN { printf "ratio of medians, apply / script: %.2f×\n", a / b }'
