#!/usr/bin/env bash
# Drives the real wizard under tmux in a sandbox, as an operator would: start it, read the
# screen, send keys, wait for texts, answer the questions up to the Run screen. Sourced by
# wizard-e2e.sh and bench/wizard-key-latency.sh, after assert.sh and wait.sh.
#
# Needs: LT (the lt-setup binary), E2E_WORK (the sandbox's scratch folder); WIZARD_PATH is
# the PATH lt-setup gets (the system's by default; a benchmark puts a stand-in first), and
# WIZARD_ENV more of its environment.
# shellcheck shell=bash

DOMAIN=libretime.example.org
SITE=/etc/nginx/sites-available/$DOMAIN.conf
SESSION_FILE=/var/lib/lt-setup/session.json
WIZARD_PATH=${WIZARD_PATH:-/usr/sbin:/usr/bin:/sbin:/bin}
# Extra NAME=value words for lt-setup's environment (a private ACME CA's REQUESTS_CA_BUNDLE).
WIZARD_ENV=${WIZARD_ENV:-}
# The ssh command that reaches the server (`ssh -t … root@127.0.0.1`); empty: lt-setup runs
# in tmux's pane itself.
WIZARD_SSH=${WIZARD_SSH:-}

# --- the wizard under tmux ------------------------------------------------------------

# tmux with this flow's own server (its socket in the sandbox's scratch folder).
wtmux() {
    TMUX_TMPDIR=$E2E_WORK tmux -L wizard -f /dev/null "$@"
}

# wizard_start: lt-setup alone in a fresh 80×24 tmux session, with a clean environment.
# The pane stays after lt-setup exits; its exit status goes into the pane's title.
wizard_start() {
    local server
    server=$(wtmux display-message -p '#{pid}' 2>/dev/null || true)
    wtmux kill-server 2>/dev/null || true
    # kill-server returns before the server has exited, and a command sent meanwhile reaches
    # the dying server ("server exited unexpectedly"): wait until it is gone.
    if [ -n "$server" ]; then
        wait_until 10 "the previous tmux server to exit" process_gone "$server" || return 1
    fi
    local command
    command="env -i PATH=$WIZARD_PATH TERM=xterm-256color LANG=C.UTF-8 HOME=/root $WIZARD_ENV '$LT'"
    # Over ssh, as an operator reaches the server: WIZARD_SSH is the ssh command.
    if [ -n "$WIZARD_SSH" ]; then command="$WIZARD_SSH \"$command\""; fi
    command+=";"
    command+=" printf '\\033]2;wizard-exit=%d\\033\\\\' \"\$?\""
    wtmux set-option -g remain-on-exit on \; set-option -g remain-on-exit-format "" \; \
        set-option -g status off \; new-session -d -s main -x 80 -y 24 "$command"
}

# process_gone PID: no such process, or only its zombie (the sandbox's first process may
# not reap the daemonised tmux server).
process_gone() {
    [ ! -e "/proc/$1/stat" ] && return 0
    local state
    state=$(sed 's/.*) //' "/proc/$1/stat" 2>/dev/null | cut -d' ' -f1)
    [ -z "$state" ] || [ "$state" = Z ]
}

screen() {
    wtmux capture-pane -p -t main 2>/dev/null || true
}

# The screen and the lines that scrolled off its top, as in a terminal's scrollback.
scrollback() {
    wtmux capture-pane -p -S - -t main 2>/dev/null || true
}

keys() {
    wtmux send-keys -t main "$@"
}

type_text() {
    wtmux send-keys -t main -l "$1"
}

# screen_has TEXT...: the screen shows every TEXT (checked on one capture: a frame may
# reach tmux in pieces, so related texts are awaited together).
screen_has() {
    local now text
    now=$(screen)
    for text in "$@"; do
        [[ "$now" == *"$text"* ]] || return 1
    done
}

# wait_screen SECONDS DESCRIPTION TEXT...: waits until the screen shows every TEXT; records
# a pass, or a failure with the screen, and returns 1.
wait_screen() {
    local seconds=$1 description=$2
    shift 2
    if wait_until "$seconds" "$description" screen_has "$@" 2>/dev/null; then
        pass "$description"
    else
        fail "$description" "timed out after $seconds s waiting for: $*" "$(screen_shot)"
        return 1
    fi
}

# The screen framed, for failure messages.
screen_shot() {
    printf -- '-------- 8< --------\n%s\n-------- >8 --------' "$(screen)"
}

# wizard_pid: lt-setup's pid, the child of the pane's shell.
wizard_pid() {
    local shell child=
    shell=$(wtmux display-message -p -t main '#{pane_pid}')
    read -r child _ <"/proc/$shell/task/$shell/children" 2>/dev/null || true
    echo "$child"
}

# wizard_exit_status: lt-setup's exit status, once it has exited (empty until then).
wizard_exit_status() {
    local title
    title=$(wtmux display-message -p -t main '#{pane_title}' 2>/dev/null || true)
    [[ "$title" == wizard-exit=* ]] && echo "${title#wizard-exit=}"
}

wizard_exited() {
    [ -n "$(wizard_exit_status)" ]
}

# kill_wizard WHEN: kills lt-setup with SIGKILL (no chance to save or clean up) and checks
# that it died of it.
kill_wizard() {
    local pid
    pid=$(wizard_pid)
    require "lt-setup is killed with SIGKILL $1" kill -KILL "$pid"
    if wait_until 10 "the pane's shell to report lt-setup's end" wizard_exited 2>/dev/null; then
        assert_eq "lt-setup died of SIGKILL" 137 "$(wizard_exit_status)"
    else
        fail "lt-setup died" "$(screen_shot)"
    fi
}

# Welcome, nginx, the domain, the backend kept, HTTPS off, Continue, the preflight, the
# preview (4 files, 6 steps), Enter: the Run screen.
answer_questions() {
    to_details
    details_https_off
    preflight_and_preview 4 6
}

# Welcome, nginx, the domain typed on the Details screen; the focus stays on it.
to_details() {
    require "lt-setup starts under tmux" wizard_start
    wait_screen 20 "the Welcome screen offers to start" "1/7 Welcome" "› [ Start ]" "Enter start" || exit 1
    keys Enter
    wait_screen 10 "Enter: the Proxy screen, nginx chosen" "2/7 Proxy" "› (•) nginx" || exit 1
    keys Enter
    wait_screen 10 "Enter: the Details screen, on the domain" "3/7 Details" "› Domain" || exit 1
    type_text "$DOMAIN"
    wait_screen 10 "the domain is typed; the backend is localhost:8080" \
        "[$DOMAIN " "[localhost:8080 " || exit 1
}

# From the domain: the backend kept, HTTPS off, Continue.
details_https_off() {
    keys Tab Tab
    wait_screen 10 "Tab Tab: on HTTPS, which is on" "› HTTPS            [x] on" || exit 1
    keys Space
    wait_screen 10 "Space: HTTPS off" "› HTTPS            [ ] off" || exit 1
    keys Tab
    wait_screen 10 "Tab: on Continue (email and Icecast are skipped)" "› [ Continue ]" || exit 1
    keys Enter
}

# preflight_and_preview FILES STEPS: the preflight passes, Enter: the preview lists the site
# file as new and nothing was changed yet; Enter: the Run screen.
preflight_and_preview() {
    preflight
    keys Enter
    wait_screen 10 "Enter: the Preview screen" "5/7 Preview" "Files ($1)" "Steps ($2)" || exit 1
    local preview
    preview=$(screen)
    if grep -Eq "^ *› new +$SITE " <<<"$preview"; then
        pass "the preview lists $SITE as new"
    else
        fail "the preview lists $SITE as new" "$(screen_shot)"
    fi
    assert_eq "nothing is changed before the run: no site file" absent \
        "$([ -e "$SITE" ] && echo present || echo absent)"
    assert_eq "nothing is changed before the run: no session yet" absent \
        "$([ -e "$SESSION_FILE" ] && echo present || echo absent)"
    assert_contains "the answers were saved as they were given" \
        "$(cat /var/lib/lt-setup/wizard-answers.json 2>/dev/null)" "\"domain\" : \"$DOMAIN\""
    keys Enter
    wait_screen 10 "Enter: the Run screen, nothing done yet" "6/7 Run" "Nothing has been changed yet" || exit 1
}

# The Preflight screen with this sandbox's real checks: warnings may show; a failed hard
# check would be a finding (the screen is kept in the failure).
preflight() {
    wait_screen 10 "Enter: the Preflight screen" "4/7 Preflight" || exit 1
    if ! wait_until 60 "the preflight results" preflight_settled 2>/dev/null; then
        fail "the preflight results come" "$(screen_shot)"
        exit 1
    fi
    if screen_has "Blocked by"; then
        fail "no hard preflight check fails in the sandbox" "$(screen_shot)"
        exit 1
    fi
    wait_screen 5 "the preflight passes: Enter continues" "Enter continue" "Ready" || exit 1
}

preflight_settled() {
    screen_has "4/7 Preflight" && ! screen_has "Checking…" && { screen_has "Ready" || screen_has "Blocked by"; }
}

# wizard_on_exit STATUS [WHERE]: a flow's end: on a failure, the wizard's last screen (WHERE
# says at which point of the flow) and the step logs too; then flow.sh's on_exit.
wizard_on_exit() {
    local status=$1 where=${2:-}
    if [ "$ASSERT_FAILED" -gt 0 ] || [ "$status" -ne 0 ]; then
        echo "# ---- the wizard's last screen${where:+ ($where)}"
        screen | sed 's/^/#   /'
        local log
        for log in /var/log/lt-setup/*/*.log; do
            [ -s "$log" ] || continue
            echo "# ---- $log"
            tail -n 15 "$log" | sed 's/^/#   /'
        done
    fi
    wtmux kill-server 2>/dev/null || true
    on_exit "$status"
}
