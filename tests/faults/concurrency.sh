#!/usr/bin/env bash
# Two front ends at once, in the e2e sandbox with the real nginx (https off, so no ACME
# server is needed): the session has one owner, its runner, and nothing is damaged.
#
#   sudo tests/faults/concurrency.sh
#
# - apply, then a second apply with the same answers while the first runs: the second
#   follows the same run (it is not a second run), and both report its end;
# - apply with other answers while a run goes on: refused, naming the session, its domain
#   and the runner's pid, and changing nothing;
# - undo while a run goes on: refused, naming the process that holds the session;
# - the wizard started while apply runs: it opens attached to the run, on the Run screen;
# then nginx's configuration passes `nginx -t`, the session is complete, one session and
# one run record exist, and no temporary file is left beside the files lt-setup wrote.
# It prints "N passed, N failed". Set LT_SETUP_BINARY to test another build.
# shellcheck source-path=SCRIPTDIR
set -euo pipefail

FAULTS_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
SELF=$FAULTS_DIR/${BASH_SOURCE[0]##*/}
# shellcheck source=fault-flow.sh
source "$FAULTS_DIR/fault-flow.sh"
# shellcheck source=../e2e/wizard-driver.sh
source "$E2E_DIR/wizard-driver.sh"

PACKAGES=(nginx tmux curl python3 iproute2)
LT=${LT_SETUP_BINARY:-$REPO/.build/debug/lt-setup}
FLOWS=(concurrency)

concurrent_front_ends() {
    require "the fake LibreTime backend answers on 127.0.0.1:8080" backend_start 8080
    require "nginx serves its default site" server_start nginx 80
    # Step 4's restart lasts, so that the others come while it runs.
    require "a slow service stand-in" install_slow_service 6
    local answers=$E2E_WORK/answers.yml other=$E2E_WORK/other.yml first second status
    printf 'proxy: nginx\ndomain: %s\nhttps: false\n' "$DOMAIN" >"$answers"
    printf 'proxy: nginx\ndomain: other.example.org\nhttps: false\n' >"$other"

    "$LT" apply --answers "$answers" --yes --skip-preflight >"$E2E_WORK/first.out" 2>&1 &
    first=$!
    if ! wait_until 60 "step 4 to run under the first apply" restart_running_in_session; then
        fail "the first apply reaches step 4" "$(cat "$E2E_WORK/first.out")"
        exit 1
    fi
    local runner
    runner=$(runner_pid)

    "$LT" apply --answers "$answers" --yes --skip-preflight >"$E2E_WORK/second.out" 2>&1 &
    second=$!

    status=0
    "$LT" apply --answers "$other" --yes --skip-preflight >"$E2E_WORK/other.out" 2>&1 || status=$?
    assert_eq "apply with other answers is refused" 1 "$status"
    assert_contains "it names the session's domain and the runner" "$(cat "$E2E_WORK/other.out")" \
        "for $DOMAIN) is going on by runner process $runner"

    status=0
    "$LT" undo >"$E2E_WORK/undo.out" 2>&1 || status=$?
    assert_eq "undo during the run is refused" 1 "$status"
    assert_contains "it names who holds the session" "$(cat "$E2E_WORK/undo.out")" "another lt-setup is running (process $runner)"

    require "the wizard starts under tmux" wizard_start
    wait_screen 20 "the wizard opens attached to the run" "6/7 Run" "4. Test the nginx configuration and restart nginx" || exit 1

    status=0
    wait "$first" || status=$?
    assert_eq "the first apply completes" 0 "$status"
    status=0
    wait "$second" || status=$?
    assert_eq "the second apply, with the same answers, followed the same run to its end" 0 "$status"
    assert_contains "it said it follows the run" "$(cat "$E2E_WORK/second.out")" "This plan is running already"
    assert_contains "and saw it end" "$(cat "$E2E_WORK/second.out")" "All steps done"
    wait_screen 30 "the attached wizard sees the run end" "All steps finished." || exit 1
    wtmux kill-server 2>/dev/null || true

    assert_eq "every step is done or not applicable" "" \
        "$(session_state | cut -d ' ' -f 2- | tr ' ' '\n' | grep -Ev '=(done|skipped)$' || true)"
    assert_eq "one run of every step was recorded" 1 "$(python3 -c 'import json; print(len(json.load(open("/var/lib/lt-setup/session.json"))["runs"]))')"
    assert_eq "no other session was made" "" "$(ls /var/lib/lt-setup/sessions 2>/dev/null || true)"
    assert_cmd "nginx's configuration passes nginx -t" nginx -t -q
    assert_eq "no temporary file is left beside the files lt-setup wrote" "" \
        "$(find /etc/nginx /etc/libretime -name '*.lt-setup-*' 2>/dev/null)"
}

inside() {
    SERVER=nginx
    DOMAIN=$E2E_DOMAIN
    # shellcheck source=../e2e/servers.sh
    source "$E2E_DIR/servers.sh"
    echo "# $1: sandbox $E2E_ROOT, pid namespace $(readlink /proc/self/ns/pid)"
    START=$(now_ms)
    trap 'wtmux kill-server 2>/dev/null || true; on_exit $?' EXIT
    phase "front ends at once" concurrent_front_ends
}

if [ "${1:-}" = --inside ]; then
    inside "$2"
elif [ ! -x "$LT" ]; then
    echo "concurrency.sh: no lt-setup at $LT: run swift build first" >&2
    exit 1
else
    run_flows "$SELF" "$@"
fi
