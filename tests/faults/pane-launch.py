#!/usr/bin/env python3
"""Runs a program in a tmux pane as an operator's shell runs a command, and records how the
terminal was before and after it and how it ended. Used by the fault checks that drive the
wizard with keys (key-fuzz.sh, hostile-typing.sh).

    pane-launch.py DIR PROGRAM [ARG...]

DIR/go           a FIFO: PROGRAM starts once a line was written to it (the caller first has
                 tmux record what the pane shows, from PROGRAM's first byte)
DIR/stty-before  `stty -a` of the pane's terminal before PROGRAM starts
DIR/stty-after   `stty -a` once PROGRAM has ended
DIR/stops        one line per time PROGRAM's job was stopped (Ctrl-Z in a pager, say)
DIR/ending       written last: "exit N", or "signal N" when PROGRAM died of signal N

Once PROGRAM has ended, the launcher sets the pane's title to "pane-launch:ended" (when tmux
shows that title it has read all that PROGRAM wrote), writes DIR/ending, and waits until its
pane is respawned or killed: tmux resets the terminal's modes of a dead pane, so they are
read while it lives.

PROGRAM runs as a foreground job of its own (its own process group, given the terminal),
as in an interactive shell: the keys that make signals while the terminal is in cooked mode
(Ctrl-C, Ctrl-Z, Ctrl-\\ in the log pager) reach PROGRAM's job, not this launcher. A stopped
job is continued at once, as an operator's `fg` would. Unlike a shell's `$?`, the ending
tells a death by a signal from an exit with status 128+N.
"""
import os
import signal
import subprocess
import sys
import termios


def stty():
    result = subprocess.run(["stty", "-a"], stdin=0, capture_output=True, text=True, check=False)
    return result.stdout + result.stderr


def write(path, text):
    with open(path + ".part", "w", encoding="utf-8") as out:
        out.write(text)
    os.rename(path + ".part", path)


def main():
    folder, argv = sys.argv[1], sys.argv[2:]
    with open(os.path.join(folder, "go"), encoding="utf-8") as go:
        go.readline()
    write(os.path.join(folder, "stty-before"), stty())
    # The terminal is handed to the job and taken back: a background process that calls
    # tcsetpgrp gets SIGTTOU unless it ignores it. The keyboard's signals are the job's.
    for number in (signal.SIGTTOU, signal.SIGTTIN, signal.SIGTSTP, signal.SIGINT, signal.SIGQUIT):
        signal.signal(number, signal.SIG_IGN)
    child = os.fork()
    if child == 0:
        os.setpgid(0, 0)
        os.tcsetpgrp(0, os.getpid())
        # What the program gets is what a shell gives: default dispositions (Python ignores
        # SIGPIPE and SIGXFSZ, and the launcher ignores the keyboard's signals).
        for number in (signal.SIGTTOU, signal.SIGTTIN, signal.SIGTSTP, signal.SIGINT, signal.SIGQUIT,
                       signal.SIGPIPE, signal.SIGXFSZ):
            signal.signal(number, signal.SIG_DFL)
        os.execvp(argv[0], argv)
    try:
        os.setpgid(child, child)
        os.tcsetpgrp(0, child)
    except OSError:
        pass  # the child did it first, or has already ended
    stops = []
    while True:
        _, status = os.waitpid(child, os.WUNTRACED)
        if os.WIFSTOPPED(status):
            stops.append("stopped by signal %d, continued" % os.WSTOPSIG(status))
            os.tcsetpgrp(0, child)
            os.killpg(child, signal.SIGCONT)
            continue
        break
    os.tcsetpgrp(0, os.getpgrp())
    write(os.path.join(folder, "stty-after"), stty())
    write(os.path.join(folder, "stops"), "".join(line + "\n" for line in stops))
    if os.WIFSIGNALED(status):
        ending = "signal %d" % os.WTERMSIG(status)
    else:
        ending = "exit %d" % os.WEXITSTATUS(status)
    # Keys may still come: a Ctrl-S would stop the terminal's output (IXON) and with it
    # this launcher. Output is resumed and flow control turned off, now that the terminal's
    # state after PROGRAM is recorded.
    attributes = termios.tcgetattr(0)
    attributes[0] &= ~termios.IXON
    termios.tcsetattr(0, termios.TCSANOW, attributes)
    termios.tcflow(1, termios.TCOON)
    sys.stdout.write("\033]2;pane-launch:ended\033\\")
    sys.stdout.flush()
    write(os.path.join(folder, "ending"), ending + "\n")
    while True:
        signal.pause()


if __name__ == "__main__":
    main()
