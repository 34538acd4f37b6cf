#!/usr/bin/python3
"""A terminal in the middle that honours Ctrl-S, for bench/wizard-key-latency.sh --pause.

    xoff-relay.py PROGRAM [ARG...]

Runs PROGRAM on a pseudo-terminal of its own, the size of ours, and copies bytes both
ways: our input to it, its output to ours. Our terminal is put in raw mode except for
IXON, so that Ctrl-S (XOFF) typed to us stops our output in the kernel's line discipline
and Ctrl-Q (XON) starts it again, as on a serial console or in a multiplexer with flow
control on. While our output is stopped, our write blocks, we stop reading PROGRAM's
output, its pseudo-terminal fills, and PROGRAM's own writes block: what a paused terminal
does to a program that writes to it.

lt-setup itself runs its terminal in raw mode, where Ctrl-S is a key and pauses nothing;
a terminal is paused only by what stands between it and the screen (this relay, a serial
line, a stalled ssh connection). Exits with PROGRAM's status.
"""
import errno
import fcntl
import os
import select
import sys
import termios
import tty


def main():
    argv = sys.argv[1:]
    size = fcntl.ioctl(0, termios.TIOCGWINSZ, b"\0" * 8)
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, size)
    pid = os.fork()
    if pid == 0:
        os.close(master)
        os.setsid()
        fcntl.ioctl(slave, termios.TIOCSCTTY, 0)
        for fd in (0, 1, 2):
            os.dup2(slave, fd)
        if slave > 2:
            os.close(slave)
        os.execvp(argv[0], argv)
    os.close(slave)

    saved = termios.tcgetattr(0)
    tty.setraw(0)
    attributes = termios.tcgetattr(0)
    attributes[0] |= termios.IXON
    attributes[0] &= ~termios.IXANY
    termios.tcsetattr(0, termios.TCSANOW, attributes)
    try:
        relay(master)
    finally:
        termios.tcsetattr(0, termios.TCSAFLUSH, saved)
    _, status = os.waitpid(pid, 0)
    sys.exit(os.waitstatus_to_exitcode(status) & 0xFF)


def relay(master):
    """Copies until PROGRAM's side hangs up. Writes block: that is the point."""
    inputs = [0, master]
    while True:
        readable, _, _ = select.select(inputs, [], [])
        if 0 in readable:
            data = os.read(0, 4096)
            if not data:
                inputs.remove(0)
            else:
                write_all(master, data)
        if master in readable:
            try:
                data = os.read(master, 65536)
            except OSError as error:
                if error.errno == errno.EIO:
                    return
                raise
            if not data:
                return
            write_all(1, data)


def write_all(fd, data):
    while data:
        data = data[os.write(fd, data):]


if __name__ == "__main__":
    main()
