#!/usr/bin/env bash
# Assertions for the end-to-end tests. Source this file. Each assertion prints
# "ok - DESCRIPTION" or "not ok - DESCRIPTION" followed by "    # " details, counts the
# result and returns 0 (assert_cmd: the command's status), so that one run reports every
# failure; assert_summary prints "N passed, N failed" alone on a line and returns 1 when
# anything failed. `require` is for preconditions: when it fails, the script exits.

ASSERT_PASSED=0
ASSERT_FAILED=0

# pass DESCRIPTION / fail DESCRIPTION [DETAIL...]: record a result decided by the caller.
pass() {
    ASSERT_PASSED=$((ASSERT_PASSED + 1))
    printf 'ok - %s\n' "$1"
}

fail() {
    ASSERT_FAILED=$((ASSERT_FAILED + 1))
    printf 'not ok - %s\n' "$1"
    shift
    local detail
    for detail in "$@"; do
        [ -n "$detail" ] || continue
        printf '%s\n' "$detail" | sed 's/^/    # /'
    done
}

# assert_eq DESCRIPTION EXPECTED ACTUAL
assert_eq() {
    if [ "$2" = "$3" ]; then
        pass "$1"
    else
        fail "$1" "expected: $2" "actual:   $3"
    fi
}

# assert_ne DESCRIPTION UNEXPECTED ACTUAL
assert_ne() {
    if [ "$2" != "$3" ]; then
        pass "$1"
    else
        fail "$1" "expected anything but: $2"
    fi
}

# assert_contains DESCRIPTION HAYSTACK NEEDLE
assert_contains() {
    case "$2" in
        *"$3"*) pass "$1" ;;
        *) fail "$1" "expected to contain: $3" "actual: $2" ;;
    esac
}

# assert_cmd DESCRIPTION COMMAND [ARG...]: COMMAND exits 0. Its output is shown on failure.
# Returns COMMAND's status, so callers may skip what depends on it.
# The output goes to a file, not a pipe: a server (re)started by COMMAND inherits it and
# would hold a pipe open, so that reading it to the end would wait for the server to exit.
assert_cmd() {
    local description=$1 output status=0
    shift
    output=$(mktemp)
    "$@" >"$output" 2>&1 </dev/null || status=$?
    if [ "$status" -eq 0 ]; then
        pass "$description"
    else
        fail "$description" "command: $*" "exit status: $status" "$(tail -n 40 "$output")"
    fi
    rm -f "$output"
    return "$status"
}

# require DESCRIPTION COMMAND [ARG...]: like assert_cmd, but a failure ends the script with
# status 1: for steps everything after them depends on. Install `trap assert_exit EXIT`
# (or call assert_summary from your own EXIT trap) so that the summary is still printed.
require() {
    assert_cmd "$@" || exit 1
}

# assert_summary: "N passed, N failed" on a line of its own; returns 1 if anything failed
# (or nothing was checked at all).
assert_summary() {
    printf '%d passed, %d failed\n' "$ASSERT_PASSED" "$ASSERT_FAILED"
    [ "$ASSERT_FAILED" -eq 0 ] && [ "$ASSERT_PASSED" -gt 0 ]
}

# assert_exit: an EXIT trap that prints the summary and exits 1 if an assertion failed,
# else with the script's own status.
assert_exit() {
    local status=$?
    trap - EXIT
    assert_summary || exit 1
    exit "$status"
}
