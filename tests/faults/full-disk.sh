#!/usr/bin/env bash
# Full disks and read-only files, in the e2e sandbox with the real nginx, certbot against
# pebble and Icecast: when lt-setup cannot write, the run stops with an error that names the
# path and says what to do, the file it was changing is left as it was, no temporary file is
# left, the session (or, when the session itself cannot be written, apply's output and the
# run's summary.log) says which step failed and why, and once the space is freed or the
# folder writable again, the same apply resumes and completes, and verify passes.
#
#   sudo tests/faults/full-disk.sh [--sequential] [http] [https]
#
# The faults come from outside lt-setup, in the sandbox's own mount namespace: a small tmpfs
# over a folder, holding what the folder held, filled up (ENOSPC), or a read-only bind mount
# (EROFS). Two sandboxes, in parallel:
# http (nginx, https off; undo between the cases):
# - /var/lib/lt-setup full before apply: nothing changes and no session is saved; apply
#   names the session file; once space is freed a new run completes;
# - /var/lib/lt-setup filled while step 4 runs: the backup of config.yml cannot be made, so
#   config.yml is not touched; the session file cannot record that either, so apply's output
#   and the run's summary.log must say which step failed and why, runner.log that the
#   session could not be saved, the last session saved stays whole, and `status` does not
#   claim that the ended run goes on; once space is freed, the run resumes;
# - /etc/nginx/sites-available full, where the operator's own site file for the domain is:
#   it stays byte for byte, and undo gives it back at the end;
# - /etc/libretime read-only: config.yml stays as it was; apply run again at once, without a
#   fix, says again what failed, even within the same second as the attempt before;
# https (certbot against pebble, Icecast's TLS socket):
# - /etc/icecast2 full: the bundle cannot be built, Icecast is not restarted; then room for
#   the bundle alone: icecast.xml cannot be replaced and stays as it was, root:icecast 0640,
#   and the bundle is root:icecast 0640 too; once space is freed, the run completes and
#   Icecast serves the certificate.
# It prints "N passed, N failed". Set LT_SETUP_BINARY to test another build.
# shellcheck source-path=SCRIPTDIR
set -euo pipefail

FAULTS_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
SELF=$FAULTS_DIR/${BASH_SOURCE[0]##*/}
# shellcheck source=fault-flow.sh
source "$FAULTS_DIR/fault-flow.sh"
# shellcheck source=../e2e/apply-phases.sh
source "$E2E_DIR/apply-phases.sh"

PACKAGES=(nginx certbot python3-certbot-nginx icecast2 pebble openssl curl ca-certificates
    python3 iproute2)
LT=${LT_SETUP_BINARY:-$REPO/.build/debug/lt-setup}
FLOWS=(http https)
# The file that fills a folder's tmpfs (not a name lt-setup or the servers read).
FILLER=.full-disk-filler

# --- the faults ---------------------------------------------------------------------------

# tmpfs_over DIR SIZE: a tmpfs of SIZE mounted over DIR, holding a copy of what DIR held
# (owners, modes and the folder's own kept).
tmpfs_over() {
    local dir=$1 copy
    copy=$E2E_WORK/before-tmpfs${1//\//-}
    rm -rf "$copy"
    cp -a "$dir" "$copy"
    mount -t tmpfs -o "size=$2,mode=$(stat -c %a "$dir")" full-disk "$dir"
    cp -a "$copy/." "$dir/"
}

# fill_up DIR: fills DIR's file system to its last block.
fill_up() {
    dd if=/dev/zero of="$1/$FILLER" bs=4096 status=none 2>/dev/null || true
    [ "$(stat -f -c %a "$1")" = 0 ]
}

# free_pages DIR N: gives N pages of the filler back.
free_pages() {
    truncate -s "-$(($2 * 4096))" "$1/$FILLER"
}

free_space() {
    rm -f "$1/$FILLER"
}

# clock_past SECOND: the clock (date +%s) has left SECOND.
clock_past() {
    [ "$(date +%s)" != "$1" ]
}

read_only() {
    mount --bind "$1" "$1" && mount -o remount,bind,ro "$1"
}

# --- what is looked at ----------------------------------------------------------------------

# file_state PATH: owner, group, mode and content hash.
file_state() {
    if [ -e "$1" ]; then
        printf '%s %s\n' "$(stat -c '%U:%G %a' "$1")" "$(sha256sum <"$1")"
    else
        echo absent
    fi
}

# server_files: what lt-setup may change on the server, to compare before and after.
server_files() {
    find /etc/nginx /etc/libretime /etc/icecast2 /etc/letsencrypt -path "*/$FILLER" -prune -o \
        -printf '%p %y %m %u:%g %l\n' | sort
    find /etc/nginx /etc/libretime /etc/icecast2 /etc/letsencrypt -type f ! -name "$FILLER" \
        -exec sha256sum {} + | sort -k 2
}

# temporaries: lt-setup's temporary files (.NAME.lt-setup-XXXXXX) left where it writes.
temporaries() {
    find /etc/nginx /etc/libretime /etc/icecast2 /etc/letsencrypt /var/lib/lt-setup \
        -name '.*.lt-setup-*' 2>/dev/null || true
}

# session_field EXPRESSION: a value of the session file (s), in Python.
session_field() {
    /usr/bin/python3 -c 'import json, sys
s = json.load(open("/var/lib/lt-setup/session.json"))
print(eval(sys.argv[1]))' "$1" 2>/dev/null || echo "<no session>"
}

# step_status ID: the step's status in the session file.
step_status() {
    session_field "next(r[\"status\"] for r in s[\"steps\"] if r[\"id\"] == \"$1\")"
}

step_detail() {
    session_field "next(r.get(\"detail\", \"\") for r in s[\"steps\"] if r[\"id\"] == \"$1\")"
}

# run_apply NAME [OPTION...]: lt-setup apply --yes with the flow's answers; its output in
# $E2E_WORK/NAME.out (OUT), its exit status in APPLIED; the lines that say what failed are
# shown.
run_apply() {
    OUT=$E2E_WORK/$1.out
    APPLIED=0
    "$LT" apply --answers "$ANSWERS" --yes "${@:2}" >"$OUT" 2>&1 || APPLIED=$?
    error_lines | sed 's/^/#   /'
}

# error_lines: what apply said went wrong (its ✖ lines and its own messages).
error_lines() {
    grep -E '✖|^lt-setup:|^error:' "$OUT" || true
}

# assert_stops_naming PATH REASON ADVICE: apply stopped (exit 1) with an error that names
# PATH, the system's REASON and what to do, and no temporary file (which is gone).
assert_stops_naming() {
    local errors
    errors=$(error_lines)
    assert_eq "apply stops (exit 1)" 1 "$APPLIED"
    assert_contains "its error names $1" "$errors" "$1"
    assert_contains "it says why: $2" "$errors" "$2"
    assert_contains "it says what to do: $3" "$errors" "$3"
    assert_eq "it names no temporary file (the operator would look for it in vain)" "" \
        "$(grep -o '[^ ]*\.lt-setup-[A-Za-z0-9]\{6\}' <<<"$errors" | sort -u || true)"
}

# assert_resumes: once the fault is gone, the same apply resumes and completes, and verify
# passes.
assert_resumes() {
    run_apply "$1"
    assert_eq "apply completes once the fault is gone" 0 "$APPLIED"
    assert_contains "it resumes the session" "$(cat "$OUT")" "Resuming session"
    assert_contains "every step is done" "$(cat "$OUT")" "All steps done"
    assert_cmd "lt-setup verify passes" "$LT" verify --answers "$ANSWERS" || true
}

# undo_run: puts the server back as it was before the case, for the next one.
undo_run() {
    require "lt-setup undo puts the server back" "$LT" undo
    assert_eq "the server's files are as before the case" "$SERVER_BEFORE" "$(server_files)"
}

# --- http: lt-setup's own state, the site's folder, config.yml -----------------------------

http_servers() {
    require "the fake LibreTime backend answers on 127.0.0.1:8080" backend_start 8080
    require "nginx serves its default site" server_start nginx 80
    printf 'proxy: nginx\ndomain: %s\nhttps: false\n' "$DOMAIN" >"$ANSWERS"
    # The operator's own site for the domain, as after following the guide by hand: the
    # original file that the site step replaces.
    printf 'server {\n    listen 80;\n    server_name %s;\n    root /var/www/html;\n}\n' "$DOMAIN" >"$SITE"
    cp "$SITE" "$E2E_WORK/site.before"
    cp /etc/libretime/config.yml "$E2E_WORK/config.yml.before"
    SERVER_BEFORE=$(server_files)
}

# The session cannot be saved at all: nothing may run, and apply says so, naming the file.
state_full_before() {
    require "a tmpfs over /var/lib/lt-setup" tmpfs_over /var/lib/lt-setup 2m
    require "/var/lib/lt-setup is full" fill_up /var/lib/lt-setup
    run_apply state-full-before
    assert_stops_naming /var/lib/lt-setup/session.json "No space left on device" "free some disk space"
    assert_eq "nothing of the server changed" "$SERVER_BEFORE" "$(server_files)"
    assert_eq "no session file was left" absent "$(file_state /var/lib/lt-setup/session.json)"
    assert_eq "no temporary file is left" "" "$(temporaries)"
    assert_contains "status says that nothing was changed" "$("$LT" status 2>&1)" "has not changed this server"
    free_space /var/lib/lt-setup
    run_apply state-freed
    assert_eq "apply completes once space is freed" 0 "$APPLIED"
    assert_contains "every step is done" "$(cat "$OUT")" "All steps done"
    assert_cmd "lt-setup verify passes" "$LT" verify --answers "$ANSWERS" || true
    undo_run
}

# The session was saved, then the disk filled while step 4 ran (its restart lasts 5 s): the
# backup of config.yml fails, and no save of the session after it succeeds.
state_full_during() {
    require "a slow service stand-in" install_slow_service 5
    "$LT" apply --answers "$ANSWERS" --yes >"$E2E_WORK/state-full-during.out" 2>&1 &
    local apply=$! session log
    require "step 4 runs" wait_until 60 "step 4 to run" restart_running_in_session
    session=$(session_field 's["id"]')
    require "/var/lib/lt-setup is full while step 4 runs" fill_up /var/lib/lt-setup
    APPLIED=0
    wait "$apply" || APPLIED=$?
    OUT=$E2E_WORK/state-full-during.out
    error_lines | sed 's/^/#   /'
    wait_until 20 "the runner to end" runner_gone || true
    rm -f /usr/local/sbin/service
    assert_stops_naming /var/lib/lt-setup "No space left on device" "free some disk space"
    assert_cmd "apply says that step 5 failed on config.yml, and why" \
        grep -Eq 'fail.*/etc/libretime/config\.yml.*No space left on device' "$OUT" || true
    assert_cmd "config.yml is as it was" cmp -s "$E2E_WORK/config.yml.before" /etc/libretime/config.yml || true
    assert_eq "no temporary file is left" "" "$(temporaries)"
    assert_eq "the last session saved is whole" "$session" "$(session_field 's["id"]')"
    log=/var/log/lt-setup/$session/summary.log
    assert_contains "the run's summary.log says which step failed" "$(cat "$log" 2>&1)" \
        "step 5 (Set LibreTime's public URLs to http://$DOMAIN) failed"
    assert_contains "and why" "$(cat "$log" 2>&1)" "No space left on device"
    assert_eq "status does not say that the ended run goes on" "" \
        "$("$LT" status 2>&1 | grep 'going on' || true)"
    # A run that nobody followed has only the runner's own log to tell it.
    assert_contains "runner.log says the session could not be saved, and why" \
        "$(cat /var/log/lt-setup/runner.log 2>&1)" "No space left on device"
    free_space /var/lib/lt-setup
    assert_resumes state-during-freed
    undo_run
}

# The site's folder is full: the operator's site file for the domain stays as it was.
site_folder_full() {
    local before
    before=$(file_state "$SITE")
    assert_cmd "the operator's site file is there, as it was" cmp -s "$E2E_WORK/site.before" "$SITE" || true
    require "a tmpfs over /etc/nginx/sites-available" tmpfs_over /etc/nginx/sites-available 256k
    require "/etc/nginx/sites-available is full" fill_up /etc/nginx/sites-available
    run_apply site-full
    assert_stops_naming "$SITE" "No space left on device" "free some disk space"
    assert_eq "the operator's site file is byte for byte as it was, owner and mode too" "$before" "$(file_state "$SITE")"
    assert_eq "no temporary file is left" "" "$(temporaries)"
    assert_eq "the session says the site step failed" failed "$(step_status site-file)"
    assert_contains "and why" "$(step_detail site-file)" "No space left on device"
    assert_contains "status says it" "$("$LT" status 2>&1)" "No space left on device"
    assert_cmd "nginx's default site is still enabled" test -L "$DEFAULT" || true
    assert_eq "nginx still serves it" 200 "$(curl -s -o /dev/null -w '%{http_code}' --max-time 10 http://127.0.0.1/ || true)"
    free_space /etc/nginx/sites-available
    assert_resumes site-freed
    undo_run
    assert_cmd "undo gave the operator's site file back" cmp -s "$E2E_WORK/site.before" "$SITE" || true
}

# config.yml's folder is read-only.
config_read_only() {
    local before
    before=$(file_state /etc/libretime/config.yml)
    require "/etc/libretime is mounted read-only" read_only /etc/libretime
    run_apply config-read-only
    assert_stops_naming /etc/libretime/config.yml "Read-only file system" "remount it read-write"
    assert_eq "config.yml is byte for byte as it was, owner and mode too" "$before" "$(file_state /etc/libretime/config.yml)"
    assert_eq "no temporary file is left" "" "$(temporaries)"
    assert_eq "the session says the config.yml step failed" failed "$(step_status libretime-config)"
    assert_contains "and why" "$(step_detail libretime-config)" "Read-only file system"
    assert_contains "status says it" "$("$LT" status 2>&1)" "Read-only file system"
    # The operator runs it again at once, without a fix: each attempt says what failed, even
    # when it fails within the same second as the one before it.
    local second attempt
    second=$(date +%s)
    wait_until 3 "the clock's next second" clock_past "$second" || true
    for attempt in 1 2; do
        run_apply "config-read-only-again-$attempt" --skip-preflight
        assert_eq "apply at once again ($attempt) stops (exit 1)" 1 "$APPLIED"
        assert_cmd "it says again that the step failed, on config.yml, and why" \
            grep -Eq 'failed.*/etc/libretime/config\.yml.*Read-only file system' "$OUT" || true
    done
    require "/etc/libretime is writable again" umount /etc/libretime
    assert_resumes config-writable
}

# --- https: Icecast's folder ----------------------------------------------------------------

icecast_folder_full() {
    local xml icecast pages
    require "a tmpfs over /etc/icecast2" tmpfs_over /etc/icecast2 1m
    require "/etc/icecast2 is full" fill_up /etc/icecast2
    xml=$(file_state /etc/icecast2/icecast.xml)
    icecast=$(server_pids icecast2)
    run_apply icecast-full
    assert_stops_naming /etc/icecast2/bundle.pem "No space left on device" "free some disk space"
    assert_eq "the certificate step was done before" "done" "$(step_status certificate)"
    assert_eq "the session says Icecast's TLS step failed" failed "$(step_status icecast-tls)"
    assert_contains "and why" "$(step_detail icecast-tls)" "No space left on device"
    assert_eq "no bundle was left" absent "$(file_state /etc/icecast2/bundle.pem)"
    assert_eq "icecast.xml is as it was" "$xml" "$(file_state /etc/icecast2/icecast.xml)"
    assert_eq "no temporary file is left" "" "$(temporaries)"
    assert_eq "Icecast was not restarted" "$icecast" "$(server_pids icecast2)"

    # Room for the bundle alone: icecast.xml is next, and cannot be written.
    pages=$(( ($(stat -L -c %s "$LIVE/fullchain.pem") + $(stat -L -c %s "$LIVE/privkey.pem") + 4095) / 4096 ))
    require "room for the bundle alone ($pages × 4 KiB)" free_pages /etc/icecast2 "$pages"
    run_apply icecast-room-for-bundle
    assert_stops_naming /etc/icecast2/icecast.xml "No space left on device" "free some disk space"
    assert_eq "icecast.xml is byte for byte as it was, owner and mode too" "$xml" "$(file_state /etc/icecast2/icecast.xml)"
    assert_eq "the bundle was built, root:icecast 0640" "root:icecast 640" "$(stat -c '%U:%G %a' /etc/icecast2/bundle.pem 2>&1)"
    assert_eq "no temporary file is left" "" "$(temporaries)"
    assert_contains "the session says why Icecast's TLS step failed" "$(step_detail icecast-tls)" \
        "write /etc/icecast2/icecast.xml (changed): could not"
    assert_eq "Icecast was not restarted" "$icecast" "$(server_pids icecast2)"

    free_space /etc/icecast2
    assert_resumes icecast-freed
    assert_contains "verify saw Icecast serve the live certificate over TLS" "$(cat "$OUT")" \
        "✔ Icecast serves the live certificate over TLS on port 8443 [icecast-tls]"
}

inside() {
    # shellcheck source=../e2e/pebble.sh
    source "$E2E_DIR/pebble.sh"
    # shellcheck source=../e2e/servers.sh
    source "$E2E_DIR/servers.sh"
    # shellcheck source=../e2e/tls.sh
    source "$E2E_DIR/tls.sh"
    apply_flow_setup nginx
    echo "# $1: sandbox $E2E_ROOT, pid namespace $(readlink /proc/self/ns/pid)"
    START=$(now_ms)
    trap 'on_exit $?' EXIT
    case "$1" in
        http)
            phase "nginx and the backend" http_servers
            phase "/var/lib/lt-setup full before apply" state_full_before
            phase "/var/lib/lt-setup filled during step 4" state_full_during
            phase "/etc/nginx/sites-available full" site_folder_full
            phase "/etc/libretime read-only" config_read_only
            ;;
        https)
            phase "servers, pebble and Icecast" start_servers
            phase "/etc/icecast2 full" icecast_folder_full
            ;;
    esac
}

if [ "${1:-}" = --inside ]; then
    inside "$2"
elif [ ! -x "$LT" ]; then
    echo "full-disk.sh: no lt-setup at $LT: run swift build first" >&2
    exit 1
else
    run_flows "$SELF" "$@"
fi
