#!/usr/bin/env bash
# The wizard end to end: the real lt-setup, without --root, under tmux at 80×24 in a
# sandbox (see README.md) with the real nginx and the fake LibreTime backend, driven by keys
# as an operator drives it. HTTPS is turned off, so no certificate (and no pebble) is needed.
#
#   sudo tests/e2e/wizard-e2e.sh [--sequential] [walk] [resume] [draft] [https] [hangup] [ssh] [plain]
#
# walk:   Welcome, nginx, the domain typed, the backend kept, HTTPS off, the preflight passes
#         (warnings allowed), the preview lists the new site file, run all, the Done screen
#         with the verification (nothing failed); nginx then proxies the domain to the
#         backend, the session file is complete; the runner, idle on Done, uses no CPU;
#         Enter leaves with status 0 and the terminal restored, and the runner ends.
# resume: the same answers, the run started, its runner then lt-setup killed with SIGKILL while step 4
#         restarts nginx; started again, the Welcome screen offers to resume that session;
#         Resume: step 4 shows as stopped; r runs it and the rest, Done, and nginx proxies
#         the domain.
# draft:  the same answers up to the Run screen, lt-setup killed with SIGKILL before any
#         step; started again, the Welcome screen offers the saved answers; Resume checks
#         the server again and shows the same preview; run all to Done.
# https:  the whole job: HTTPS on, pebble's directory as a custom ACME server, secure
#         Icecast; run all (certbot, Icecast's TLS socket, the renewal hook and its run,
#         config.yml, the dry run) to Done with a clean verification; then http → https, the backend
#         behind https, a 3 MB upload, and Icecast serving the live certificate on 8443;
#         no private key in the bytes the wizard sent its terminal nor in the scrollback.
# hangup: over ssh -t, run all, the ssh client killed while a slowed step 4 restarts
#         nginx: the wizard behind sshd ends at once, its runner goes on. Reconnected at
#         once (within 1 s), the wizard opens attached to the run, step 4's lines so far
#         shown once each; that wizard killed with SIGKILL, the run ends by itself; started
#         again, the wizard opens on Done, verified.
# ssh:    the https job over a real `ssh -t root@127.0.0.1 lt-setup` (Debian's sshd on the
#         sandbox's loopback): the ssh client killed while certbot runs; the wizard behind
#         sshd ends, the runner finishes every step with nobody attached (sleeping while
#         certbot works), and `ssh -t lt-setup` again opens on Done with a clean
#         verification; https and Icecast's TLS then work.
# plain:  `ssh root@127.0.0.1 lt-setup` without -t: the line-by-line wizard answered on
#         its input (the confirmation too), each step's progress shown as it happens, the
#         ssh client killed mid-step; the run ends by itself, `lt-setup attach` says so, and
#         nginx proxies the domain.
#
# Every wait polls the screen (capture-pane) with a deadline and prints the screen when it
# runs out; there are no fixed sleeps. Set LT_SETUP_BINARY to test another build.
# shellcheck source-path=SCRIPTDIR
set -euo pipefail

E2E_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$E2E_DIR/../.." && pwd)
SELF=$E2E_DIR/${BASH_SOURCE[0]##*/}
# shellcheck source=wait.sh
source "$E2E_DIR/wait.sh"
# shellcheck source=assert.sh
source "$E2E_DIR/assert.sh"
# shellcheck source=flow.sh
source "$E2E_DIR/flow.sh"
# shellcheck source=wizard-driver.sh
source "$E2E_DIR/wizard-driver.sh"

PACKAGES=(nginx tmux curl python3 iproute2 certbot python3-certbot-nginx icecast2 pebble openssl ca-certificates
    openssh-server openssh-client)
LT=${LT_SETUP_BINARY:-$REPO/.build/debug/lt-setup}

# --- what the flows check -----------------------------------------------------------------

start_servers() {
    require "the fake LibreTime backend answers on 127.0.0.1:8080" backend_start 8080
    require "nginx serves its default site" server_start nginx 80
}

# The verification under the summary: its results come, and none failed.
verification() {
    if ! wait_until 60 "the verification results" verification_settled 2>/dev/null; then
        fail "the verification results come on the Done screen" "$(screen_shot)"
        exit 1
    fi
    local summary
    summary=$(screen)
    if sed -n '/Verification/,/Backups/p' <<<"$summary" | grep -q "✖"; then
        fail "no verification check fails" "$(screen_shot)"
    else
        pass "the verification under the summary: nothing failed"
    fi
}

verification_settled() {
    screen_has "7/7 Done" "Verification" && ! screen_has "Checking…"
}

# Run all from the Run screen, to the Done screen.
run_to_done() {
    wait_screen 60 "the run finishes" "All steps finished. Enter shows the summary." || exit 1
    local steps
    steps=$(screen)
    assert_eq "every step is done, already done or skipped (LibreTime's restart, without systemd)" \
        "✔ ✔ ✔ ✔ ✔ ↷" "$(grep -Eo '^ (›| ) (✔|↷|✖|·)' <<<"$steps" | awk '{ print $NF }' | paste -sd ' ')"
    # Each step's time is its own (they take about a second here), not the time since
    # lt-setup started, which the first step of a run used to show.
    assert_eq "no step shows more than 4 s" "" \
        "$(grep -Eo 'done [0-9]+s' <<<"$steps" | awk '{ if ($2 + 0 > 4) print }')"
    keys Enter
    wait_screen 10 "Enter: the Done screen" "7/7 Done" "LibreTime now answers at http://$DOMAIN/" \
        "Enter finish" || exit 1
    verification
}

# Enter on Done: lt-setup exits with 0 and gives the terminal back.
finish() {
    keys Enter
    if wait_until 10 "lt-setup to exit" wizard_exited 2>/dev/null; then
        assert_eq "Enter on Done leaves lt-setup with status 0" 0 "$(wizard_exit_status)"
    else
        fail "Enter on Done leaves lt-setup" "$(screen_shot)"
    fi
    assert_eq "the terminal is back on its normal screen" 0 \
        "$(wtmux display-message -p -t main '#{alternate_on}')"
    # What the Done screen said stays in the shell's scrollback.
    assert_contains "the station's address is printed to the shell" "$(scrollback)" "LibreTime now answers at http"
    assert_contains "and how to undo" "$(scrollback)" "To undo      sudo lt-setup undo"
}

# nginx proxies the domain to the backend, with the guide's headers.
check_proxied() {
    local answer=$E2E_WORK/proxied.json
    assert_cmd "curl -H 'Host: $DOMAIN' http://127.0.0.1/ answers" \
        curl -fsS --max-time 10 -H "Host: $DOMAIN" -o "$answer" "http://127.0.0.1/station/?x=1"
    assert_eq "the backend gets the path" "/station/?x=1" "$(backend_field "$answer" path)"
    assert_eq "the backend sees Host: $DOMAIN" "$DOMAIN" "$(backend_header "$answer" Host)"
    assert_eq "the backend sees X-Forwarded-Proto: http" http "$(backend_header "$answer" X-Forwarded-Proto)"
    assert_contains "config.yml's public_url is http://$DOMAIN" \
        "$(grep -E '^  public_url:' /etc/libretime/config.yml)" "public_url: http://$DOMAIN"
}

check_session_complete() {
    local state
    state=$(session_state)
    assert_eq "the session file says every step is done (LibreTime's restart skipped)" \
        "packages=done site-file=done enable-site=done restart-proxy=done libretime-config=done restart-libretime=skipped" \
        "${state#* }"
    local status
    status=$("$LT" status 2>&1 || true)
    assert_contains "lt-setup status says the session finished" "$status" ", finished "
    case "$status" in
        *"to resume"*) fail "lt-setup status offers nothing to resume" "$status" ;;
        *) pass "lt-setup status offers nothing to resume" ;;
    esac
}

# --- the flows ------------------------------------------------------------------------------

flow_walk() {
    phase "servers" start_servers
    phase "questions to the run screen" answer_questions
    # The run starts when lt-setup has been up a while, so that a step timed from
    # lt-setup's start instead of its own would show it.
    wait_until 20 "lt-setup to be up 6 s" wizard_up_for 6
    keys Enter
    phase "run all to Done" run_to_done
    phase "nginx proxies the domain" check_proxied
    phase "the session is complete" check_session_complete
    phase "the runner, idle on Done, uses no CPU" idle_runner
    phase "Enter leaves" finish
    phase "the runner ends with the wizard" runner_ends
}

# On Done the wizard is still attached: the runner waits for a request, asleep in poll.
idle_runner() {
    local runner ticks
    runner=$(runner_pid)
    require "the runner is still there, waiting" pid_alive "$runner"
    ticks=$(ticks_in_2s "$runner")
    echo "# CPU ticks of the runner in 2 s, idle with the wizard attached: $ticks (of $(getconf CLK_TCK) a second)"
    assert_cmd "an idle runner uses no CPU: at most 1 tick in 2 s" test "$ticks" -le 1
}

runner_ends() {
    if wait_until 10 "the runner to end once the wizard left" runner_gone; then
        pass "the runner ends once nothing runs and nobody is attached"
    else
        fail "the runner ends once nothing runs and nobody is attached"
    fi
}

# wizard_up_for SECONDS: lt-setup's process has run for at least that long.
wizard_up_for() {
    [ "$(ps -o etimes= -p "$(wizard_pid)" 2>/dev/null | tr -d ' ')" -ge "$1" ] 2>/dev/null
}

# Step 4 (test the config, restart nginx) is running, its program recorded in the session.
restart_running() {
    [[ "$(session_state)" == *"restart-proxy=running+program"* ]] \
        && screen_has "4. Test the nginx configuration and restart nginx" "Step 4 of 6 is running"
}

kill_during_restart() {
    keys Enter
    if ! wait_until 30 "step 4 to run" restart_running 2>/dev/null; then
        fail "step 4 runs" "session: $(session_state)" "$(screen_shot)"
        exit 1
    fi
    SESSION_ID=$(session_state)
    SESSION_ID=${SESSION_ID%% *}
    # The run is its runner's: the runner dies first (killing the wizard alone would not
    # stop the run), then the wizard.
    local runner
    runner=$(runner_pid)
    require "the runner ($runner) is killed with SIGKILL while step 4 runs" kill -KILL "$runner"
    wait_until 10 "the runner to die" runner_gone || true
    kill_wizard "while step 4 runs"
    assert_contains "the session still shows step 4 running" "$(session_state)" "restart-proxy=running+program"
}

resume() {
    require "lt-setup starts again under tmux" wizard_start
    wait_screen 20 "the Welcome screen offers to resume the session" \
        "An unfinished session was found." "(session $SESSION_ID)" "Domain     $DOMAIN" \
        "Next step  Test the nginx configuration and restart nginx" "› Resume" || exit 1
    keys Enter
    # Step 4 was cut off by the dead run: it shows as stopped, and r runs it and the rest.
    wait_screen 10 "Resume: the Run screen, three steps done, step 4 stopped" "6/7 Run" \
        "Step 4 was stopped before it finished." "r retry" || exit 1
    keys r
    run_to_done
    assert_eq "the same session was carried on" "$SESSION_ID" "$(session_state | cut -d ' ' -f 1)"
}

flow_resume() {
    phase "servers" start_servers
    phase "questions to the run screen" answer_questions
    phase "killed while step 4 runs" kill_during_restart
    phase "started again, resumed to Done" resume
    phase "nginx proxies the domain" check_proxied
    phase "the session is complete" check_session_complete
    phase "Enter leaves" finish
}

# Over ssh, the link drops while step 4 runs (run all): the ssh client dies, sshd hangs
# the wizard's terminal up, the wizard ends at once, and its runner goes on.
# `service` is made slow by a stand-in in /usr/local/sbin, so that step 4 lasts.
drop_during_restart() {
    # `service`, slowed: step 4 must last while the link drops and comes back. Installed
    # now, after the servers started, so that only the run's restart is slow.
    require "a slow service stand-in" install_slow_service 8
    keys Enter
    if ! wait_until 30 "step 4 to run" restart_running 2>/dev/null; then
        fail "step 4 runs" "session: $(session_state)" "$(screen_shot)"
        exit 1
    fi
    drop_ssh_link
}

# Reconnected at once, while step 4 still runs: the Run screen opens attached to the run,
# its log pane holding step 4's lines so far, once each.
reconnect_attached() {
    local again=$(($(now_ms) - DROPPED))
    assert_cmd "ssh -t lt-setup again within 1 s of the drop ($again ms)" test "$again" -lt 1000
    require "ssh -t lt-setup again" wizard_start
    wait_screen 10 "the Run screen opens attached to the run, step 4 running" \
        "6/7 Run" "Step 4 of 6 is running" "4. Test the nginx configuration and restart nginx" || exit 1
    echo "# from the dropped link to the attached Run screen over a new ssh: $(($(now_ms) - DROPPED)) ms (reconnected after $again ms)"
    local shown
    shown=$(screen)
    assert_eq "the log pane shows nginx's test once" 1 "$(grep -c 'syntax is ok' <<<"$shown")"
    assert_eq "and the restart's command once" 1 "$(grep -c 'service nginx restart' <<<"$shown")"
}

# The attached wizard is killed with SIGKILL while step 4 runs: the run does not notice,
# and ends with nobody attached.
client_killed() {
    assert_contains "step 4 still runs" "$(session_state)" "restart-proxy=running"
    local wizard
    wizard=$(remote_wizard_pid)
    require "the attached wizard ($wizard) is killed with SIGKILL" kill -KILL "$wizard"
    if wait_until 60 "the run to end with nobody attached" runner_gone; then
        pass "the runner finishes the run by itself"
    else
        fail "the runner finishes the run by itself" "session: $(session_state)"
        exit 1
    fi
    assert_eq "no step is left to do" "" "$(session_state | tr ' ' '\n' | grep -E '=(pending|running|failed|interrupted)' || true)"
    assert_contains "the session records a run of every step, done" "$(last_run)" "all done:"
    assert_contains "nobody watched it end" "$(last_run)" "unwatched"
}

# Started again: the finished run opens on Done, verified.
finished_opens_on_done() {
    require "ssh -t lt-setup again" wizard_start
    wait_screen 20 "the finished run opens on Done" "7/7 Done" "LibreTime now answers at http://$DOMAIN/" || exit 1
    verification
    assert_eq "the session now says its end was shown" "" "$(last_run | grep -o unwatched || true)"
    finish
}

# last_run: "MODE ENDING" of the session's last run, and "unwatched" when it ended so.
last_run() {
    /usr/bin/python3 -c 'import json
r = json.load(open("/var/lib/lt-setup/session.json"))["runs"][-1]
print(r["mode"], r.get("ending") or "", "unwatched" if r.get("endedUnwatched") else "")' 2>/dev/null || true
}

# --- ssh: the link drops while certbot runs ---------------------------------------------------

SSH_PORT=2222

# Debian's openssh-server on the sandbox's loopback, letting root in with a key made here
# (its authorized_keys in the scratch folder: nothing of this machine's root is touched).
start_sshd() {
    require "a key for root" ssh-keygen -q -t ed25519 -N '' -f "$E2E_WORK/ssh-key"
    cp "$E2E_WORK/ssh-key.pub" "$E2E_WORK/authorized_keys"
    require "host keys" ssh-keygen -A
    mkdir -p /run/sshd
    require "sshd listens on 127.0.0.1:$SSH_PORT" /usr/sbin/sshd -p "$SSH_PORT" -o ListenAddress=127.0.0.1 \
        -o AuthorizedKeysFile="$E2E_WORK/authorized_keys" -o StrictModes=no -o UsePAM=no \
        -o PermitRootLogin=prohibit-password -o PidFile="$E2E_WORK/sshd.pid"
    # sshd returns once it has forked, not once it listens.
    require "sshd accepts connections" wait_until 10 "sshd to listen on $SSH_PORT" port_open "$SSH_PORT"
    WIZARD_SSH="ssh -t -i $E2E_WORK/ssh-key -p $SSH_PORT -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR root@127.0.0.1"
    assert_eq "root logs in over ssh" ok "$($WIZARD_SSH -T true 2>&1 && echo ok)"
}

# drop_ssh_link: the link drops (the ssh client dies without a word): the wizard behind
# sshd must end at once, its runner (RUNNER) go on.
drop_ssh_link() {
    local client wizard
    client=$(wizard_pid)
    wizard=$(remote_wizard_pid)
    RUNNER=$(runner_pid)
    require "the ssh client, the wizard behind sshd and the runner are known" test -n "$client" -a -n "$wizard" -a -n "$RUNNER"
    DROPPED=$(now_ms)
    require "the ssh client is killed" kill -KILL "$client"
    if wait_until 10 "the wizard behind sshd to end" pid_gone "$wizard"; then
        pass "the wizard ends at once when sshd hangs its terminal up"
    else
        fail "the wizard ends at once when sshd hangs its terminal up"
    fi
    require "the runner goes on after the hang-up" pid_alive "$RUNNER"
}

# ticks_in_2s PID: the CPU clock ticks PID uses in the next 2 s.
ticks_in_2s() {
    local before
    before=$(cpu_ticks "$1")
    sleep 2
    echo $(($(cpu_ticks "$1") - before))
}

certbot_running_in_session() {
    [[ "$(session_state)" == *"certificate=running+program"* ]] && pgrep -f 'certbot --' >/dev/null
}

# The lt-setup that sshd started for the operator (not its runner, which has arguments).
remote_wizard_pid() {
    pgrep -f "^$LT\$" | head -n 1
}

drop_during_certbot() {
    wait_screen 10 "before the run: what the run agrees to" "Before you start" "data:text/plain,Do%20what%20thou%20wilt" || exit 1
    keys Enter
    if ! wait_until 120 "certbot to run" certbot_running_in_session 2>/dev/null; then
        fail "certbot runs" "session: $(session_state)" "$(screen_shot)"
        exit 1
    fi
    drop_ssh_link
    local ticks
    ticks=$(ticks_in_2s "$RUNNER")
    echo "# CPU ticks of the runner in 2 s, detached, while certbot runs: $ticks (of $(getconf CLK_TCK) a second)"
    assert_cmd "the detached runner sleeps while certbot works: under 20 ticks in 2 s" test "$ticks" -lt 20
}

run_ends_unattended() {
    if wait_until 300 "the run to end with nobody attached" runner_gone; then
        pass "the runner ends by itself"
    else
        fail "the runner ends by itself" "session: $(session_state)"
        exit 1
    fi
    assert_eq "no step is left to do" "" "$(session_state | tr ' ' '\n' | grep -E '=(pending|running|failed|interrupted)' || true)"
    assert_contains "the session records a run of every step, done, that nobody watched end" "$(last_run)" "all done:"
    assert_contains "nobody watched it end" "$(last_run)" "unwatched"
}

reconnect_to_done() {
    require "ssh -t lt-setup again" wizard_start
    wait_screen 20 "the finished run opens on Done" "7/7 Done" "LibreTime now answers at https://$DOMAIN/" \
        "https://$DOMAIN:8443/" || exit 1
    verification
    assert_eq "the session now says its end was shown" "" "$(last_run | grep -o unwatched || true)"
}

flow_ssh() {
    phase "servers, pebble and Icecast" start_servers_https
    phase "sshd on the loopback" start_sshd
    phase "ssh -t lt-setup: questions with https on and pebble as the ACME server" to_details
    phase "the details" details_https_pebble
    phase "preflight and preview" preflight_and_preview 7 11
    phase "run all; the link drops while certbot runs" drop_during_certbot
    phase "the run ends with nobody attached" run_ends_unattended
    phase "reconnected: Done" reconnect_to_done
    phase "https checks" check_https
    phase "icecast tls" check_icecast
    phase "Enter leaves" finish
}

# --- plain: ssh without -t, the line-by-line wizard -----------------------------------------

# `ssh root@127.0.0.1 lt-setup`, no terminal: the questions answered on its input, the
# confirmation too, each step's progress shown as it happens; the ssh client killed while
# a slowed step 4 runs. The run ends by itself, and `ssh … lt-setup attach` tells it.
plain_over_ssh() {
    require "a slow service stand-in" install_slow_service 6
    local out=$E2E_WORK/plain.out client
    # proxy, domain, backend (kept), https no, and yes to run.
    printf 'nginx\n%s\n\nno\ny\n' "$DOMAIN" |
        ${WIZARD_SSH/ -t / -T } "env -i PATH=$WIZARD_PATH LANG=C.UTF-8 HOME=/root '$LT'" >"$out" 2>&1 &
    client=$!
    if wait_until 60 "step 4 to run" restart_running_in_session; then
        pass "the line-by-line wizard asked, was answered yes on its input, and runs"
    else
        fail "the line-by-line wizard runs" "$(cat "$out")"
        exit 1
    fi
    assert_contains "each step's progress came as it happened" "$(cat "$out")" "[4/6] Test the nginx configuration and restart nginx"
    assert_contains "the answer to the confirmation is shown" "$(cat "$out")" "Apply these steps to this server now? [y/N] y"
    require "the ssh client is killed" kill -KILL "$client"
    wait "$client" 2>/dev/null || true
    if wait_until 60 "the run to end with nobody attached" runner_gone; then
        pass "the run ends by itself"
    else
        fail "the run ends by itself" "session: $(session_state)"
    fi
    local status=0
    ${WIZARD_SSH/ -t / -T } "'$LT' attach" </dev/null >"$E2E_WORK/attach.out" 2>&1 || status=$?
    sed 's/^/#   /' "$E2E_WORK/attach.out"
    assert_eq "lt-setup attach over ssh: no run going on, the last session complete (exit 0)" 0 "$status"
    assert_contains "it says no run is going on" "$(cat "$E2E_WORK/attach.out")" "No run is going on."
    assert_eq "no step is left to do" "" "$(session_state | tr ' ' '\n' | grep -E '=(pending|running|failed|interrupted)' || true)"
}


flow_plain() {
    phase "servers" start_servers
    phase "sshd on the loopback" start_sshd
    phase "ssh lt-setup without -t: asked line by line, run, the link dropped mid-step" plain_over_ssh
    phase "nginx proxies the domain" check_proxied
}

# cpu_ticks PID: user plus system CPU time of PID, in clock ticks (/proc/PID/stat).
cpu_ticks() {
    local stat
    stat=$(cat "/proc/$1/stat")
    stat=${stat##*) }
    # shellcheck disable=SC2086 # fields by spaces
    set -- $stat
    echo $((${12} + ${13}))
}

flow_hangup() {
    phase "servers" start_servers
    phase "sshd on the loopback" start_sshd
    phase "ssh -t lt-setup: questions to the run screen" answer_questions
    phase "run all; the link drops while step 4 runs" drop_during_restart
    phase "reconnected at once: attached to the run" reconnect_attached
    phase "the attached wizard killed: the run goes on" client_killed
    phase "started again: Done" finished_opens_on_done
}

DRAFT_FILE=/var/lib/lt-setup/wizard-answers.json

# On the Run screen, before any step: only the answers and the screen are on disk.
kill_before_the_run() {
    kill_wizard "on the Run screen, before any step"
    assert_eq "nothing ran: no session file" absent "$([ -e "$SESSION_FILE" ] && echo present || echo absent)"
    assert_contains "the answers were saved with the screen they were given on" \
        "$(cat "$DRAFT_FILE" 2>/dev/null)" '"screen" : "run"'
}

# Started again: the saved answers are offered; Resume checks the server again (the
# preflight), and the preview shows the same answers (https off: 4 files, 6 steps).
resume_answers() {
    require "lt-setup starts again under tmux" wizard_start
    wait_screen 20 "the Welcome screen offers the saved answers" \
        "Answers from an earlier lt-setup were found" "Domain     $DOMAIN" "Stopped on the Run screen" \
        "› Resume" || exit 1
    keys Enter
    preflight
    keys Enter
    wait_screen 10 "Enter: the Preview, with the same answers" "5/7 Preview" "Files (4)" "Steps (6)" || exit 1
    keys Enter
    wait_screen 10 "Enter: the Run screen" "6/7 Run" "Nothing has been changed yet" || exit 1
    keys Enter
    run_to_done
    assert_eq "the run's session holds the answers now: the saved answers are gone" absent \
        "$([ -e "$DRAFT_FILE" ] && echo present || echo absent)"
}

flow_draft() {
    phase "servers" start_servers
    phase "questions to the run screen" answer_questions
    phase "killed before the run" kill_before_the_run
    phase "started again, the answers resumed, run to Done" resume_answers
    phase "nginx proxies the domain" check_proxied
    phase "the session is complete" check_session_complete
    phase "Enter leaves" finish
}

# --- https: the whole job with the wizard alone ----------------------------------------------

# Pebble as the ACME server, trusted as an operator of a private CA trusts it (certbot and
# lt-setup's checks read REQUESTS_CA_BUNDLE); Icecast running as LibreTime keeps it.
start_servers_https() {
    require "pebble answers" pebble_start
    require "pebble's issuing root is served" pebble_root "$ROOT_CA"
    cat "$PEBBLE_LISTENER_CA" "$ROOT_CA" >"$E2E_WORK/trusted.pem"
    WIZARD_ENV="REQUESTS_CA_BUNDLE=$E2E_WORK/trusted.pem"
    require "icecast2 runs, as LibreTime keeps it" server_start icecast2 8000
    start_servers
}

# From the domain: the backend kept, HTTPS on, the email, pebble's directory as a custom
# ACME server, secure Icecast on its default port, Continue.
details_https_pebble() {
    keys Tab Tab Tab
    wait_screen 10 "Tab Tab Tab: on the email, HTTPS on" "[x] on" "› Email" || exit 1
    type_text admin@example.org
    keys Tab
    wait_screen 10 "the email typed; Tab: on the ACME server" "[admin@example.org " "› ACME server" || exit 1
    keys Left
    wait_screen 10 "Left: a custom ACME URL" "(•) custom URL" "ACME URL" || exit 1
    keys Tab
    wait_screen 10 "Tab: on the ACME URL" "› ACME URL" || exit 1
    type_text "$ACME_DIRECTORY"
    keys Tab
    wait_screen 10 "pebble's directory typed; Tab: on secure Icecast, which is on" \
        "[$ACME_DIRECTORY " "› Secure Icecast   [x] on" || exit 1
    keys Tab Tab
    wait_screen 10 "Tab Tab: past the Icecast port (8443) to Continue" "[8443 " "› [ Continue ]" || exit 1
    keys Enter
}

# Run all: certbot against pebble, Icecast's TLS socket, the renewal hook and its run (Icecast's
# only restart), config.yml, the dry run; then the Done screen with the https and stream URLs
# and the verification.
run_https_to_done() {
    wait_screen 10 "before the run: what goes off the air, and pebble's terms that the run agrees to" \
        "Before you start" "Icecast restarts at step 8" "A run usually takes" \
        "The run agrees to the terms of service of" "data:text/plain,Do%20what%20thou%20wilt" || exit 1
    keys Enter
    wait_screen 300 "the run finishes" "All steps finished. Enter shows the summary." || exit 1
    assert_eq "every step is done, already done or skipped (LibreTime's restart, without systemd)" \
        "✔ ✔ ✔ ✔ ✔ ✔ ✔ ✔ ✔ ↷ ✔" \
        "$(grep -Eo '^ (›| ) (✔|↷|✖|·)' <<<"$(screen)" | awk '{ print $NF }' | paste -sd ' ')"
    keys Enter
    wait_screen 10 "Enter: the Done screen with the https address" "7/7 Done" \
        "LibreTime now answers at https://$DOMAIN/" "https://$DOMAIN:8443/" || exit 1
    verification
}

# Every byte the wizard sends its terminal from the Details screen on, for no_key_on_terminal.
record_terminal() {
    wtmux pipe-pane -t main -o "cat >>'$E2E_WORK/terminal.raw'"
}

# Neither what the wizard drew (the preview of bundle.pem, the steps' log lines) nor what it
# printed to the shell when it left holds a private key.
no_key_on_terminal() {
    assert_cmd "the terminal's bytes were recorded" test -s "$E2E_WORK/terminal.raw"
    echo "# bytes the wizard sent its terminal: $(stat -c %s "$E2E_WORK/terminal.raw")"
    assert_eq "no private key reached the terminal" 0 "$(grep -c 'PRIVATE KEY' "$E2E_WORK/terminal.raw" || true)"
    assert_eq "none is in the shell's scrollback" 0 "$(scrollback | grep -c 'PRIVATE KEY' || true)"
}

flow_https() {
    phase "servers, pebble and Icecast" start_servers_https
    phase "questions with https on and pebble as the ACME server" to_details
    phase "what the wizard sends its terminal is recorded" record_terminal
    phase "the details" details_https_pebble
    phase "preflight and preview" preflight_and_preview 7 11
    phase "run all to Done" run_https_to_done
    phase "https checks" check_https
    phase "icecast tls" check_icecast
    phase "Enter leaves" finish
    phase "no private key on the terminal" no_key_on_terminal
}

inside() {
    FLOW=$1
    SERVER=nginx
    # shellcheck source=servers.sh
    source "$E2E_DIR/servers.sh"
    # shellcheck source=pebble.sh
    source "$E2E_DIR/pebble.sh"
    # shellcheck source=tls.sh
    source "$E2E_DIR/tls.sh"
    # shellcheck source=checks.sh
    source "$E2E_DIR/checks.sh"
    LIVE=/etc/letsencrypt/live/$DOMAIN
    ROOT_CA=$E2E_WORK/pebble-root.pem
    echo "# $FLOW: sandbox $E2E_ROOT, pid namespace $(readlink /proc/self/ns/pid)"
    START=$(now_ms)
    trap 'wizard_on_exit $?' EXIT
    case "$FLOW" in
        walk) flow_walk ;;
        resume) flow_resume ;;
        draft) flow_draft ;;
        https) flow_https ;;
        hangup) flow_hangup ;;
        ssh) flow_ssh ;;
        plain) flow_plain ;;
        *) echo "unknown flow '$FLOW'" >&2; exit 2 ;;
    esac
}

FLOWS=(walk resume draft https hangup ssh plain)

if [ "${1:-}" = --inside ]; then
    inside "$2"
elif [ ! -x "$LT" ]; then
    echo "wizard-e2e.sh: no lt-setup at $LT: run swift build first" >&2
    exit 1
else
    run_flows "$SELF" "$@"
fi
