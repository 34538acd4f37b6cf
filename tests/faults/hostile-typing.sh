#!/usr/bin/env bash
# Hostile typing: what an operator's terminal may put into the wizard's text fields, typed
# (or pasted) into each of them on the Details screen of the real wizard under tmux (80×24,
# TERM=xterm-256color, LANG=C.UTF-8), in the e2e sandbox (see tests/e2e/README.md):
#
#   sudo tests/faults/hostile-typing.sh [--sequential] [preview] [server]
#
# preview: `lt-setup wizard --root FIXTURE --session FILE`, a preview of a fixture server:
#          nothing may be written, not even the draft of the answers (a preview saves none).
# server:  `lt-setup` as root on the sandbox's server: the draft of the answers
#          (/var/lib/lt-setup/wizard-answers.json) is written as the operator moves, and
#          nothing else may be.
#
# The fields: Domain, Backend, Email, ACME URL (a custom ACME server) and Icecast port. Into
# each, one value at a time (the field emptied first, the value sent in one write, as a
# paste arrives), then F1 and Esc (once the help box shows, all of the value was read), then
# Down to leave the field:
# - control characters (Ctrl-A…Ctrl-_ but those the field binds: Backspace, Tab, Enter,
#   Ctrl-L, Ctrl-Q, Ctrl-U, Ctrl-W, Esc) and NUL between two pieces of text: they are not
#   typed (the field holds the text around them);
# - escape sequences between two pieces of text: ESC [ 2 J (erase the screen), OSC 2 and
#   OSC 0 titles (BEL and ST ends), OSC 52 (the clipboard), an SGR colour, DCS, RIS (ESC c),
#   CSI ? 1049 l (leave the alternate screen): none is typed, none is taken for the Esc key
#   (the Details screen stays, on the same field: a pasted sequence must not send the
#   operator back a screen and the rest of it to another screen's keys), the field holds
#   the text around it;
# - C1 CSI (U+009B) then "2J": the 8-bit form of ESC [ 2 J, dropped whole as that is; the
#   lone byte 9B (no UTF-8) then "2J": the byte is dropped, "2J" is typed;
# - combining marks, right-to-left text (an RLO override and Hebrew letters) and emoji in an
#   otherwise valid value: refused, with an error; a mark silently dropped would turn
#   "rádio.example.org" into someone else's "radio.example.org";
# - a 10,000-character paste: refused with an error, never silently cut to a value that
#   passes (a cut domain or URL names something else).
# For each: (a) no escape sequence reaches the terminal: the bytes lt-setup writes (tmux
# pipe-pane) hold none of the typed sequences (OSC, DCS, APC, RIS, ED, DECSET 1049, C1 CSI,
# RLO, SO/SI, NUL), the pane's title is unchanged, no cell has the typed colour
# (capture-pane -e), no tmux buffer was set (set-clipboard on); (b) the layout holds: every
# row fits 80 columns and the title, the box, its sides, the field brackets and the footer
# are where they are on a normal Details screen; (c) the error under the field names it
# ("✖ Domain …"); lt-setup did not end.
# (d) Nothing is written: preview: the fixture folder unchanged, nothing beside the session
# file. server: no session, no backups, the server's files (/etc/nginx, /etc/apache2,
# /etc/icecast2, /etc/libretime, /etc/letsencrypt) unchanged; the draft holds the refused
# answers as typed, and that is right: it is the operator's own typing, kept so that a
# dropped link loses nothing and Resume fills it in; it is kept safely (root's, 0600, in a
# folder nobody else may write to; JSON, so no byte of it is a control character) and it
# never reaches a configuration file: started again, the Welcome screen shows it with its
# layout intact, Resume fills the form in, and Continue refuses it, naming each field; the
# server's files are still unchanged and no session exists.
# Prints "ok - …"/"not ok - …" and "N passed, N failed". Set LT_SETUP_BINARY to test
# another build.
# shellcheck source-path=SCRIPTDIR
set -euo pipefail
# Characters, not bytes, in ${#…}.
export LC_ALL=C.UTF-8

FAULTS_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
SELF=$FAULTS_DIR/${BASH_SOURCE[0]##*/}
# shellcheck source=fault-flow.sh
source "$FAULTS_DIR/fault-flow.sh"
# shellcheck source=../e2e/wizard-driver.sh
source "$E2E_DIR/wizard-driver.sh"
# shellcheck source=pane.sh
source "$FAULTS_DIR/pane.sh"

PACKAGES=(tmux python3 iproute2)
LT=${LT_SETUP_BINARY:-$REPO/.build/debug/lt-setup}
FLOWS=(preview server)
DRAFT_FILE=/var/lib/lt-setup/wizard-answers.json

# --- the fields --------------------------------------------------------------------------

FIELDS=(domain backend email acme port)
declare -A LABEL=([domain]="Domain" [backend]="Backend" [email]="Email" [acme]="ACME URL" [port]="Icecast port")
# Where each is in the Tab order with HTTPS on, a custom ACME URL and secure Icecast on.
declare -A ORDER=([domain]=0 [backend]=1 [email]=3 [acme]=5 [port]=7)
# Text around the hostile bytes that, the bytes left out, is a value the field refuses
# (BAD_*), or a value it takes (OK_*).
declare -A BAD_BEFORE=([domain]="radio" [backend]="localhost" [email]="admin" [acme]="http://acme" [port]="8")
declare -A BAD_AFTER=([domain]="example" [backend]="8080" [email]="example.org" [acme]=".example.org/dir" [port]="0")
declare -A OK_BEFORE=([domain]="radio" [backend]="localhost" [email]="admin" [acme]="https://acme" [port]="84")
declare -A OK_AFTER=([domain]=".example.org" [backend]=":8080" [email]="@example.org" [acme]=".example.org/dir" [port]="43")

# paste_text FIELD: the 10,000 characters pasted into FIELD. Their first 253 (a field's
# longest value) make a value that passes for the domain, the email and the URL: cutting
# the paste there would take a value that was never pasted.
paste_text() {
    python3 - "$1" <<'EOF'
import sys
field = sys.argv[1]
text = {
    "domain": "libretime.example." * 600,
    "backend": "backend." * 1300 + ":8080",
    "email": "admin@" + "example." * 1300,
    "acme": "https://acme.example.org/" + "directory/" * 1000,
    "port": "8443" + "0" * 10000,
}[field]
sys.stdout.write(text[:10000] if field != "backend" else text[-10000:])
EOF
}

# --- the hostile values ----------------------------------------------------------------------

# Each case: NAME|KIND|HEX|KEPT. KIND: dropped (the bytes are not typed: the field holds
# BAD_BEFORE KEPT BAD_AFTER, which it refuses), escape (the same, and the screen stays),
# refused (between OK_BEFORE and OK_AFTER: an error must show), paste (paste_text).
CASES=(
    "control characters|dropped|01 02 03 05 06 07 0b 0e 0f 10 12 13 14 16 18 19 1a 1c 1d 1e 1f|"
    "NUL|dropped|00 00|"
    "ESC [ 2 J|escape|1b 5b 32 4a|"
    "OSC 2 title (BEL)|escape|1b 5d 32 3b 48 4f 53 54 49 4c 45 2d 54 49 54 4c 45 07|"
    "OSC 0 title (ST)|escape|1b 5d 30 3b 48 4f 53 54 49 4c 45 2d 54 49 54 4c 45 1b 5c|"
    "OSC 52 clipboard|escape|1b 5d 35 32 3b 63 3b 53 45 39 54 56 45 6c 4d 52 51 3d 3d 07|"
    "SGR colour|escape|1b 5b 33 38 3b 32 3b 31 3b 32 3b 33 6d|"
    "DCS|escape|1b 50 2b 71 35 34 34 65 1b 5c|"
    "RIS|escape|1b 63|"
    "CSI ? 1049 l|escape|1b 5b 3f 31 30 34 39 6c|"
    "C1 CSI U+009B|escape|c2 9b 32 4a|"
    "C1 CSI byte 9B|dropped|9b 32 4a|2J"
    "combining mark|refused|cc 81|"
    "right-to-left text|refused|e2 80 ae d7 a9 d7 9c d7 95 d7 9d|"
    "emoji|refused|f0 9f 98 80 e2 98 95|"
    "10,000-character paste|paste||"
)

# hex TEXT: TEXT's bytes as hex words.
hex() {
    printf '%s' "$1" | od -An -v -tx1 | tr -s ' \n' ' ' | sed 's/^ //; s/ $//'
}

# --- the wizard's screen ---------------------------------------------------------------------

on_details() {
    screen_has "3/7 Details" "Station details"
}

# field_row FIELD: the screen's row of FIELD's text field.
field_row() {
    screen | grep -E "^ │ (›| ) ${LABEL[$1]} +\[" | head -n 1
}

# field_text FIELD: what FIELD's text field shows, without its padding.
field_text() {
    local row
    row=$(field_row "$1")
    row=${row#*[}
    row=${row%]*}
    printf '%s' "${row%"${row##*[! ]}"}"
}

# field_error FIELD: the row under FIELD's, from its value column (its error, or hint).
field_error() {
    screen | grep -A 1 -E "^ │ (›| ) ${LABEL[$1]} +\[" | sed -n 2p | sed -E 's/^ │ {20}//; s/ +│$//'
}

focused() {
    screen_has "› ${LABEL[$1]} "
}

help_open() {
    screen_has "─ Help: "
}

help_closed() {
    ! help_open
}

# reach_details: from wherever lt-setup is (started again if it ended), the Details screen,
# with a custom ACME URL chosen (so that its field shows).
reach_details() {
    local tries=0
    while :; do
        if pane_ended; then
            fail "lt-setup goes on (it ended: $(pane_ending))" "$(scrollback | tail -n 30)"
            check_exit
            start_wizard
        fi
        barrier || true
        on_details && break
        tries=$((tries + 1))
        if [ "$tries" -gt 6 ]; then
            fail "the Details screen is reached again" "$(screen_shot)"
            exit 1
        fi
        if screen_has "1/7 Welcome" || screen_has "2/7 Proxy"; then keys Enter; else keys Escape; fi
    done
    if ! screen_has "(•) custom URL"; then
        focus_index 4 "ACME server"
        keys Left
        poll_until 5 "a custom ACME URL" screen_has "(•) custom URL" "ACME URL" 2>/dev/null || true
    fi
}

# focus_index N LABEL: the focus on the form's Nth field (Up to the top, then Down N times).
focus_index() {
    local moves=(Up Up Up Up Up Up Up Up Up Up) i
    for ((i = 0; i < $1; i++)); do moves+=(Down); done
    keys "${moves[@]}"
    poll_until 5 "the focus on $2" screen_has "› $2 " 2>/dev/null
}

# focus FIELD: the focus on FIELD, its value emptied; 1 when that failed.
focus() {
    focus_index "${ORDER[$1]}" "${LABEL[$1]}" || return 1
    keys End C-u
    poll_until 5 "${LABEL[$1]} empty" field_empty "$1" 2>/dev/null
}

field_empty() {
    [ -z "$(field_text "$1")" ] && [ -n "$(field_row "$1")" ]
}

# settled: all that was sent has been read (F1 after it shows the help box), or lt-setup
# left the Details screen or ended.
settled() {
    pane_ended || help_open || ! on_details
}

# barrier: every key sent so far has been read: F1 opens the help box (wherever lt-setup is
# but in a dialog), Esc closes it. A dialog is closed first.
barrier() {
    local tries
    for tries in 1 2 3; do
        pane_ended && return 0
        if help_open || screen_has "─ Quit? ─"; then
            keys Escape
            poll_until 5 "the box to close" no_box 2>/dev/null || true
        fi
        keys F1
        if poll_until 5 "the help box" help_open 2>/dev/null; then
            keys Escape
            poll_until 5 "the help box to close" help_closed 2>/dev/null && return 0
        fi
    done
    return 1
}

no_box() {
    ! help_open && ! screen_has "─ Quit? ─"
}

# --- one value into one field ----------------------------------------------------------------

TITLE=
CASE_PROBLEMS=()
declare -A SHOWN_FAILURE=()
SLOWEST_PASTE=0

problem() {
    CASE_PROBLEMS+=("$1")
}

# type_case FIELD CASE: the case's value into the field, then the checks (a)-(c).
type_case() {
    local field=$1 name kind bytes kept
    IFS='|' read -r name kind bytes kept <<<"$2"
    CASE_PROBLEMS=()
    reach_details
    if ! focus "$field"; then
        fail "${LABEL[$field]} ← $name: the field is focused and emptied first" "$(screen_shot)"
        return
    fi
    local offset expected=
    offset=$(stat -c %s "$PANE_OUTPUT")
    TITLE=$(wtmux display-message -p -t main '#{pane_title}')
    case "$kind" in
        dropped | escape)
            expected=${BAD_BEFORE[$field]}$kept${BAD_AFTER[$field]}
            # shellcheck disable=SC2046,SC2086 # hex words
            wtmux send-keys -t main -H $(hex "${BAD_BEFORE[$field]}") $bytes $(hex "${BAD_AFTER[$field]}")
            ;;
        refused)
            # shellcheck disable=SC2046,SC2086 # hex words
            wtmux send-keys -t main -H $(hex "${OK_BEFORE[$field]}") $bytes $(hex "${OK_AFTER[$field]}")
            ;;
        paste)
            paste_text "$field" >"$E2E_WORK/paste"
            wtmux load-buffer -b hostile-paste "$E2E_WORK/paste"
            local started
            started=$(now_ms)
            wtmux paste-buffer -d -b hostile-paste -t main
            ;;
    esac
    keys F1
    if ! poll_until 30 "the value to be read" settled 2>/dev/null; then
        problem "F1 after the value opened no help box in 30 s"
    fi
    if [ "$kind" = paste ]; then
        local took=$(($(now_ms) - started))
        echo "# ${LABEL[$field]}: the 10,000 characters pasted were read in $took ms"
        [ "$took" -le "$SLOWEST_PASTE" ] || SLOWEST_PASTE=$took
    fi
    if pane_ended; then
        fail "${LABEL[$field]} ← $name: lt-setup goes on (it ended: $(pane_ending))" \
            "the pane (with what scrolled off):" "$(scrollback | tail -n 30)"
        check_exit
        start_wizard
        return
    fi
    local shown
    shown=$(screen)
    keys Escape
    poll_until 5 "the help box to close" help_closed 2>/dev/null || problem "Esc did not close the help box"
    # Where the value left lt-setup: on the Details screen, on the same field.
    if ! grep -q "─ Help: Details ─" <<<"$shown" || ! focused "$field"; then
        problem "lt-setup left the Details screen or the field (the value was taken for keys): $(head -n 1 <<<"$shown" | sed 's/  */ /g')"
    elif [ "$kind" = dropped ] || [ "$kind" = escape ]; then
        local text
        text=$(field_text "$field")
        [ "$text" = "$expected" ] || problem "the field shows [$text], not [$expected]"
    fi
    check_layout "$field"
    # Leaving the field checks it: its error shows under it.
    if on_details && focused "$field"; then
        keys Down
        poll_until 2 "${LABEL[$field]}'s error" error_shown "$field" 2>/dev/null ||
            problem "no error under the field after leaving it (it shows: $(field_error "$field"))"
        check_layout "$field"
    else
        problem "the field's error could not be seen: lt-setup is not on the field"
    fi
    check_terminal "$offset"
    local what
    case $kind in
        dropped) what="not typed, the rest kept, the error names the field" ;;
        escape) what="not typed nor taken for Esc (the screen stays), the rest kept, the error names the field" ;;
        *) what="refused, the error names the field" ;;
    esac
    what="${LABEL[$field]} ← $name: $what; nothing reaches the terminal; the layout holds"
    if [ ${#CASE_PROBLEMS[@]} -eq 0 ]; then
        pass "$what"
    elif [ -z "${SHOWN_FAILURE[$name]:-}" ]; then
        SHOWN_FAILURE[$name]=1
        fail "$what" "${CASE_PROBLEMS[@]}" "$(screen_shot)"
    else
        # The screen was shown for this value's first failure.
        fail "$what" "${CASE_PROBLEMS[@]}"
    fi
    if pane_ended; then
        check_exit
        start_wizard
    fi
}

error_shown() {
    [[ "$(field_error "$1")" == "✖ ${LABEL[$1]} "* ]]
}

# check_layout FIELD: (b), on the screen as it is.
check_layout() {
    on_details || return 0
    local problems
    problems=$(screen | frame_problems 80 24 details)
    [ -z "$problems" ] || problem "the layout broke: $problems"
}

# check_terminal OFFSET: (a), for what lt-setup wrote from OFFSET on.
check_terminal() {
    local found
    local ended=no
    pane_ended && ended=yes
    found=$(python3 - "$PANE_OUTPUT" "$1" "$ended" <<'EOF'
import sys
# Decoded as the terminal does (UTF-8): a C1 control is U+0080-U+009F, a byte that is no
# UTF-8 comes out as U+DC80-U+DCFF.
data = open(sys.argv[1], "rb").read()[int(sys.argv[2]):].decode("utf-8", "surrogateescape")
if sys.argv[3] == "yes":
    # lt-setup ended: what it drew is what came before it left the alternate screen (the
    # launcher's title comes after).
    left = data.rfind("\x1b[?1049l")
    data = data[:left] if left >= 0 else data
typed = {
    "OSC": "\x1b]", "DCS": "\x1bP", "APC": "\x1b_", "RIS": "\x1bc", "ED (ESC [ 2 J)": "\x1b[2J",
    "DECSET/DECRST 1049": "\x1b[?1049", "C1 CSI": "\x9b", "the byte 9B": "\udc9b", "RLO": "\u202e",
    "SO": "\x0e", "SI": "\x0f", "NUL": "\x00", "the typed colour": "38;2;1;2;3",
}
for name, sequence in typed.items():
    at = data.find(sequence)
    if at >= 0:
        print("%s at character %d: %r" % (name, at, data[max(0, at - 20):at + 30]))
EOF
)
    [ -z "$found" ] || problem "typed bytes reached the terminal: $found"
    local title
    title=$(wtmux display-message -p -t main '#{pane_title}')
    [ "$ended" = yes ] || [ "$title" = "$TITLE" ] || problem "the pane's title changed to [$title]"
    [ "$ended" = no ] || problem "lt-setup ended ($(pane_ending)) as the value was read"
    if wtmux capture-pane -e -p -t main | grep -q '38;2;1;2;3'; then problem "a cell has the typed colour"; fi
    local buffers
    buffers=$(wtmux list-buffers -F '#{buffer_name}' 2>/dev/null || true)
    [ -z "$buffers" ] || problem "a tmux buffer was set (OSC 52): $buffers"
}

# --- the flows -------------------------------------------------------------------------------

WIZARD_ARGS=()

start_wizard() {
    require "lt-setup starts in the pane" pane_start "${WIZARD_ARGS[@]}"
    wtmux set-option -g set-clipboard on
    if ! poll_until 20 "the Welcome screen" screen_has "1/7 Welcome" 2>/dev/null; then
        fail "lt-setup shows its Welcome screen" "$(screen_shot)"
        exit 1
    fi
}

to_the_form() {
    start_wizard
    reach_details
    local field
    for field in "${FIELDS[@]}"; do
        if [ -z "$(field_row "$field")" ]; then
            fail "the Details screen shows the ${LABEL[$field]} field" "$(screen_shot)"
            exit 1
        fi
    done
    pass "the Details screen, with HTTPS, a custom ACME URL and secure Icecast: every text field shows"
    local problems
    problems=$(screen | frame_problems 80 24 details)
    assert_eq "a normal Details screen passes the layout check" "" "$problems"
}

type_everything() {
    local field entry
    for field in "${FIELDS[@]}"; do
        for entry in "${CASES[@]}"; do
            type_case "$field" "$entry"
        done
    done
    echo "# the slowest 10,000-character paste was read in $SLOWEST_PASTE ms"
    # What each field shows now (the end of its value), for the draft's check.
    reach_details
    # (Each field focused first: with an error under every field, the form scrolls to the
    # focused one, and the others may be out of the 24 rows.)
    for field in "${FIELDS[@]}"; do
        focus_index "${ORDER[$field]}" "${LABEL[$field]}" || true
        LAST_SHOWN[$(draft_key "$field")]=$(field_text "$field")
    done
}

declare -A LAST_SHOWN=()

draft_key() {
    case "$1" in
        acme) echo acme_server ;;
        port) echo icecast_port ;;
        *) echo "$1" ;;
    esac
}

# check_exit: lt-setup ended: not of a signal, and the terminal as it found it.
check_exit() {
    case "$(pane_ending)" in
        signal*) fail "lt-setup did not crash" "it ended with $(pane_ending)" ;;
    esac
    local change
    change=$(pane_stty_change)
    [ -z "$change" ] || fail "stty -a after lt-setup is as before it" "$change"
    poll_until 10 "tmux to read lt-setup's last bytes" pane_settled 2>/dev/null || true
    local modes
    modes=$(pane_modes)
    [ "$modes" = "$PANE_MODES_RESTORED" ] || fail "the terminal's modes are restored when lt-setup ends" "$modes"
}

# leave: Ctrl-Q; lt-setup ends with 0 and gives the terminal back as it found it.
leave() {
    if ! pane_ended; then
        if help_open; then keys Escape; fi
        keys C-q
        poll_until 10 "lt-setup to quit" pane_ended 2>/dev/null || true
    fi
    assert_eq "Ctrl-Q leaves lt-setup with status 0" "exit 0" "$(pane_ending)"
    assert_eq "stty -a after lt-setup is as before it" "" "$(pane_stty_change)"
    poll_until 10 "tmux to read lt-setup's last bytes" pane_settled 2>/dev/null || true
    assert_eq "the terminal's modes are restored" "$PANE_MODES_RESTORED" "$(pane_modes)"
}

flow_preview() {
    local before
    preview_setup
    before=$(fixture_state)
    phase "to the Details screen" to_the_form
    phase "every hostile value into every text field" type_everything
    phase "leave" leave
    assert_eq "nothing was written: the fixture folder is unchanged, no draft nor session beside the session file" \
        "$before" "$(fixture_state)"
}

# The server's files, to compare before and after.
server_state() {
    local path
    for path in /etc/nginx /etc/apache2 /etc/icecast2 /etc/libretime /etc/letsencrypt; do
        find "$path" -printf '%p %y %m %u:%g %s %T@ %l\n' | sort
        find "$path" -type f -exec sha256sum {} + | sort -k 2
    done
}

# The draft: root's, 0600, in a 0700 folder, JSON with the answers as typed.
check_draft() {
    assert_eq "no session was made" absent "$([ -e "$SESSION_FILE" ] && echo present || echo absent)"
    assert_eq "no backups nor logs were made" "" \
        "$(find /var/lib/lt-setup/backups /var/log/lt-setup -mindepth 1 2>/dev/null | head -n 3)"
    assert_eq "the draft of the answers is root's and 0600" "root:root 600" "$(stat -c '%U:%G %a' "$DRAFT_FILE" 2>&1)"
    # lt-setup makes its folder 0700; one that exists (the sandbox makes it 0755, as a package
    # might) is used when it is root's and nobody else may write to it.
    assert_eq "in a folder that is root's and that nobody else may write to" "root:root 0" \
        "$(stat -c '%U:%G' /var/lib/lt-setup 2>&1) $(($(stat -c '0%a' /var/lib/lt-setup) & 8#022))"
    local draft
    draft=$(python3 - "$DRAFT_FILE" <<'EOF'
import json, sys
data = open(sys.argv[1], "rb").read()
controls = [b for b in data if b < 0x20 and b not in b"\n"]
answers = json.loads(data)["answers"]
print("controls=%d" % len(controls))
for key in sorted(answers):
    value = answers[key]
    print("%s=%d:%s" % (key, len(value), value if len(value) <= 60 else value[:40] + "…"))
EOF
)
    echo "# the draft after the hostile values: $(paste -sd ' ' <<<"$draft")"
    assert_contains "the draft is JSON with no control character in it" "$draft" "controls=0"
    # The last value typed into each field was its 10,000-character paste: the draft holds
    # what the field took of it (its end is what the field showed when it was left), marked
    # with "…" as cut, so that resumed it is refused again.
    local key
    for key in domain backend email acme_server icecast_port; do
        assert_eq "the draft keeps the refused $key as typed" "yes" \
            "$(python3 - "$DRAFT_FILE" "$key" "${LAST_SHOWN[$key]:-}" <<'EOF'
import json, sys
value = json.load(open(sys.argv[1]))["answers"].get(sys.argv[2], "")
shown = sys.argv[3]
if value.endswith("\u2026") and len(value) > len(shown) >= 40 and value[:-1].endswith(shown):
    print("yes")
else:
    print("no: %d characters, ending %r; the field showed %r" % (len(value), value[-50:], shown))
EOF
)"
    done
}

# Started again: the saved answers are offered; Resume fills the form in; Continue refuses
# them, naming the fields; nothing more is written.
resume_refused() {
    require "lt-setup starts again" pane_start
    wait_screen 20 "started again, the Welcome screen offers the saved answers" \
        "Answers from an earlier lt-setup were found" "› Resume" || exit 1
    assert_eq "the Welcome screen with the refused answers keeps its layout (80×24, no row wider)" "" \
        "$(screen | frame_problems 80 24)"
    keys Enter
    wait_screen 10 "Resume: the Details screen, the answers filled in" "3/7 Details" || exit 1
    assert_eq "the resumed Details screen keeps its layout" "" "$(screen | frame_problems 80 24 details)"
    # Continue: the last field before the button submits the form.
    keys Up Up Up Up Up Up Up Up Up Up Down Down Down Down Down Down Down Down
    wait_screen 5 "the focus on Continue" "› [ Continue ]" || exit 1
    keys Enter
    if poll_until 10 "the errors" screen_has "✖ " 2>/dev/null && on_details; then
        pass "Continue refuses the saved answers and stays on the Details screen"
    else
        fail "Continue refuses the saved answers and stays on the Details screen" "$(screen_shot)"
    fi
    # Every field holds what was left of a 10,000-character paste: each must be refused.
    local field named=() missing=()
    for field in "${FIELDS[@]}"; do
        # The form scrolls to the focused field: one out of the 24 rows is focused first.
        if ! error_shown "$field" && ! field_row "$field" | grep -q .; then
            focus_index "${ORDER[$field]}" "${LABEL[$field]}" || true
        fi
        if error_shown "$field"; then named+=("${LABEL[$field]}"); else missing+=("${LABEL[$field]}"); fi
    done
    echo "# Continue: errors under ${named[*]:-no field}"
    assert_eq "Continue shows an error naming each field that holds a refused value" "" "${missing[*]:-}"
    assert_eq "the resumed Details screen with its errors keeps its layout" "" "$(screen | frame_problems 80 24 details)"
    keys C-q
    poll_until 10 "lt-setup to quit" pane_ended 2>/dev/null || true
    assert_eq "Ctrl-Q leaves lt-setup with status 0" "exit 0" "$(pane_ending)"
}

flow_server() {
    local before
    before=$(server_state)
    WIZARD_ARGS=()
    phase "to the Details screen" to_the_form
    phase "every hostile value into every text field" type_everything
    phase "leave" leave
    phase "the draft" check_draft
    phase "started again: resumed and refused" resume_refused
    assert_eq "nothing was written to the server's files" "$before" "$(server_state)"
    assert_eq "still no session" absent "$([ -e "$SESSION_FILE" ] && echo present || echo absent)"
}

typing_on_exit() {
    local status=$1
    if [ "$ASSERT_FAILED" -gt 0 ] || [ "$status" -ne 0 ]; then
        echo "# ---- the last screen"
        screen | sed 's/^/#   /'
    fi
    wtmux kill-server 2>/dev/null || true
    on_exit "$status"
}

inside() {
    FLOW=$1
    SERVER=nginx
    echo "# $FLOW: sandbox $E2E_ROOT, pid namespace $(readlink /proc/self/ns/pid)"
    START=$(now_ms)
    trap 'typing_on_exit $?' EXIT
    "flow_$FLOW"
}

if [ "${1:-}" = --inside ]; then
    inside "$2"
elif [ ! -x "$LT" ]; then
    echo "hostile-typing.sh: no lt-setup at $LT: run swift build first" >&2
    exit 1
else
    run_flows "$SELF" "$@"
fi
