# shellcheck shell=bash
# The wizard in a tmux pane for the fault checks that type into it (key-fuzz.sh,
# hostile-typing.sh): started through pane-launch.py, which records `stty -a` before and
# after and whether it exited or died of a signal; the bytes it writes to its terminal; and
# the frame's geometry. Sourced after wait.sh, assert.sh and wizard-driver.sh (wtmux, screen,
# keys, LT, E2E_WORK, WIZARD_PATH, WIZARD_ENV); FAULTS_DIR is the folder of this file.

PANE_LAUNCH=$FAULTS_DIR/pane-launch.py
# How many times lt-setup was started, and the folder of the last start: its stty-before,
# stty-after, stops and ending (see pane-launch.py).
PANE_STARTS=0
PANE_DIR=
# The bytes lt-setup wrote to the pane since the last pane_start (tmux pipe-pane -O).
PANE_OUTPUT=

# pane_start ARG...: `lt-setup ARG...` in an 80×24 pane with a clean environment: a new tmux
# server the first time, the same pane respawned after. What it writes is kept in PANE_OUTPUT.
pane_start() {
    PANE_STARTS=$((PANE_STARTS + 1))
    PANE_DIR=$E2E_WORK/pane/$PANE_STARTS
    PANE_OUTPUT=$PANE_DIR/output
    mkdir -p "$PANE_DIR"
    mkfifo "$PANE_DIR/go"
    local command
    command="exec env -i PATH=$WIZARD_PATH TERM=xterm-256color LANG=C.UTF-8 HOME=/root $WIZARD_ENV"
    command+=" $(printf '%q ' python3 "$PANE_LAUNCH" "$PANE_DIR" "$LT" "$@")"
    if wtmux has-session -t main 2>/dev/null; then
        wtmux resize-window -t main -x 80 -y 24 \; respawn-pane -k -t main "$command" || return 1
    else
        wtmux set-option -g remain-on-exit on \; set-option -g remain-on-exit-format "" \; \
            set-option -g status off \; set-option -g history-limit 2000 \; \
            new-session -d -s main -x 80 -y 24 "$command" || return 1
    fi
    wtmux pipe-pane -O -t main "cat >>'$PANE_OUTPUT'" || return 1
    # The launcher waits for this line: lt-setup's first byte is recorded too.
    # shellcheck disable=SC2016 # the inner shell's argument
    timeout 10 sh -c 'echo go >"$1"' sh "$PANE_DIR/go"
}

# control_start: one tmux control-mode client, for commands sent by the thousand (a tmux
# process per command costs 3-6 ms; a line to this client about 1 ms). It is attached to a
# session of its own, so that it takes no part in the size of lt-setup's window.
control_start() {
    wtmux new-session -d -s control -x 80 -y 24 cat || return 1
    coproc CONTROL { TMUX_TMPDIR=$E2E_WORK exec tmux -L wizard -f /dev/null -C attach-session -t control 2>/dev/null; }
    local tries=0
    # The attach's own reply comes before or after the first one: skipped until ours.
    until control "display-message -p control-ready" && [[ $CONTROL_REPLY == control-ready* ]]; do
        tries=$((tries + 1))
        [ "$tries" -lt 10 ] || return 1
    done
}

# control COMMAND: sends one tmux command through the control client; its output goes to
# CONTROL_REPLY. Returns 1 when tmux answered with an error (or the client is gone).
control() {
    local line
    printf '%s\n' "$1" >&"${CONTROL[1]}" || return 1
    CONTROL_REPLY=
    while IFS= read -r -u "${CONTROL[0]}" line; do [[ $line == %begin* ]] && break; done
    while IFS= read -r -u "${CONTROL[0]}" line; do
        [[ $line == %end* ]] && return 0
        [[ $line == %error* ]] && return 1
        CONTROL_REPLY+=$line$'\n'
    done
    return 1
}

# poll_until SECONDS DESCRIPTION COMMAND...: like wait.sh's wait_until, without its 0.1 s
# sleep: COMMAND is run again at once (a screen check is a tmux call of a few ms), so that
# what is awaited is seen when it happens. 1 (and DESCRIPTION on stderr) after SECONDS.
poll_until() {
    local seconds=$1 description=$2 deadline
    shift 2
    deadline=$(($(now_ms) + seconds * 1000))
    until "$@"; do
        if [ "$(now_ms)" -ge "$deadline" ]; then
            echo "timed out after $seconds s waiting for $description" >&2
            return 1
        fi
    done
}

pane_ended() {
    [ -e "$PANE_DIR/ending" ]
}

# pane_ending: "exit N" or "signal N", once lt-setup has ended (empty until then).
pane_ending() {
    cat "$PANE_DIR/ending" 2>/dev/null || true
}

# pane_settled: lt-setup has ended and tmux has read all it wrote (the launcher's title,
# written after it, is shown).
pane_settled() {
    pane_ended && [ "$(wtmux display-message -p -t main '#{pane_title}' 2>/dev/null)" = "pane-launch:ended" ]
}

# pane_stty_change: how `stty -a` after lt-setup differs from before (empty: the same). The
# size is left out: the terminal may have been resized meanwhile.
pane_stty_change() {
    local before after
    before=$(sed -E 's/rows [0-9]+; columns [0-9]+;//' "$PANE_DIR/stty-before")
    after=$(sed -E 's/rows [0-9]+; columns [0-9]+;//' "$PANE_DIR/stty-after" 2>/dev/null)
    [ "$before" = "$after" ] || diff <(echo "$before" | tr ';' '\n') <(echo "$after" | tr ';' '\n') | grep '^[<>]' || true
}

# pane_modes: the terminal modes lt-setup sets while it draws, as tmux sees them now:
# alternate screen, cursor shown, application cursor keys, keypad mode and mouse reporting.
# Once lt-setup has ended (and pane_settled) they must be PANE_MODES_RESTORED.
pane_modes() {
    wtmux display-message -p -t main \
        'alt=#{alternate_on} cursor=#{cursor_flag} ckeys=#{keypad_cursor_flag} keypad=#{keypad_flag} mouse=#{mouse_any_flag}' \
        2>/dev/null || true
}
# shellcheck disable=SC2034 # read by the scripts that source this file
PANE_MODES_RESTORED="alt=0 cursor=1 ckeys=0 keypad=0 mouse=0"

# pane_pager: the pid of a pager (less) lt-setup has opened, if any.
pane_pager() {
    local wizard
    wizard=$(wizard_pid)
    [ -n "$wizard" ] && pgrep -P "$wizard" -x less 2>/dev/null | head -n 1
}

# frame_problems COLUMNS ROWS [details]: reads a capture (capture-pane -p) on stdin and prints
# what is wrong with its geometry, nothing when it holds: ROWS rows, none wider than COLUMNS
# display columns (as the terminal counts them: wcwidth in a UTF-8 locale). With `details`,
# also the Details screen's frame as on a normal Details screen: the title row, the box's top
# and bottom rows and its sides on every row between, the footer, and each text field's
# brackets at their columns.
frame_problems() {
    python3 -c '
import ctypes, sys
libc = ctypes.CDLL("libc.so.6")
libc.setlocale(6, b"C.UTF-8")  # LC_ALL
def width(text):
    return sum(max(0, libc.wcwidth(ord(c))) for c in text)
def cells(text):
    out = []
    for c in text:
        w = max(0, libc.wcwidth(ord(c)))
        if w == 0 and out:
            continue
        out.append(c)
        out.extend([""] * (w - 1))
    return out
columns, rows, kind = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
lines = sys.stdin.read().split("\n")
if lines and lines[-1] == "":
    lines.pop()
if len(lines) != rows:
    print("%d rows, not %d" % (len(lines), rows))
for number, line in enumerate(lines):
    if width(line) > columns:
        print("row %d is %d columns wide: %r" % (number, width(line), line))
if kind == "details" and len(lines) == rows:
    title = lines[0].rstrip()
    if not (title.startswith(" lt-setup \u2014 LibreTime behind HTTPS") and title.endswith("3/7 Details")
            and width(title) == columns - 1):
        print("the title row is not the Details title: %r" % lines[0])
    top = cells(lines[1])
    if not ("".join(top).startswith(" \u250c\u2500 Station details \u2500") and len(top) >= columns - 1
            and top[columns - 2] == "\u2510"):
        print("row 1 is not the top of the box: %r" % lines[1])
    bottom = cells(lines[rows - 2])
    if not ("".join(bottom).rstrip() == " \u2514" + "\u2500" * (columns - 4) + "\u2518"):
        print("row %d is not the bottom of the box: %r" % (rows - 2, lines[rows - 2]))
    for number in range(2, rows - 2):
        row = cells(lines[number])
        if len(row) < columns - 1 or row[1] != "\u2502" or row[columns - 2] != "\u2502":
            print("row %d has not the box sides at columns 1 and %d: %r" % (number, columns - 2, lines[number]))
    if not lines[rows - 1].startswith(" Tab/\u2191\u2193 field  Enter "):
        print("the footer row is not the Details keys: %r" % lines[rows - 1])
    # A text field: its label from column 5, its value between [ at column 22 and ] at 71.
    for number in range(2, rows - 2):
        row = cells(lines[number])
        label = "".join(row[5:22]).strip()
        if label in ("Domain", "Backend", "Email", "ACME URL", "Icecast port") and (
                len(row) < 72 or row[22] != "[" or row[71] != "]"):
            print("row %d: the %s field is not between columns 22 and 71: %r" % (number, label, lines[number]))
' "$1" "$2" "${3:-any}"
}

# preview_setup: a fixture server in $E2E_WORK/root (LibreTime's config.yml) and WIZARD_ARGS
# for `lt-setup wizard --root` on it, with a session file of its own in $E2E_WORK/preview.
preview_setup() {
    mkdir -p "$E2E_WORK/root/etc/libretime" "$E2E_WORK/preview"
    cp "$E2E_DIR/fixtures/config.yml" "$E2E_WORK/root/etc/libretime/config.yml"
    WIZARD_ARGS=(wizard --root "$E2E_WORK/root" --session "$E2E_WORK/preview/session.json")
}

# fixture_state: a listing of the preview's folders, to compare before and after.
fixture_state() {
    find "$E2E_WORK/root" "$E2E_WORK/preview" -printf '%p %y %m %s %T@\n' | sort
    find "$E2E_WORK/root" -type f -exec sha256sum {} + | sort -k 2
}
