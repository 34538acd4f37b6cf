#define _GNU_SOURCE 1
#include "CNcursesw.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

WINDOW *cn_stdscr(void) { return stdscr; }
int cn_lines(void) { return LINES; }
int cn_cols(void) { return COLS; }
int cn_colors(void) { return COLORS; }
int cn_color_pairs(void) { return COLOR_PAIRS; }
attr_t cn_attr_bold(void) { return A_BOLD; }
attr_t cn_attr_reverse(void) { return A_REVERSE; }
attr_t cn_attr_underline(void) { return A_UNDERLINE; }
attr_t cn_attr_dim(void) { return A_DIM; }

SCREEN *cn_newterm(const char *term) { return newterm(term, stdout, stdin); }

const char *cn_curses_version(void) { return curses_version(); }

int cn_wcwidth(wchar_t c) { return wcwidth(c); }

static int signal_pipe_read_end = -1;
static volatile int signal_pipe_write_end = -1;

/* The handlers that were installed before ours, for the signals we chain to them. */
static struct sigaction chained_actions[NSIG];
static volatile sig_atomic_t chained[NSIG];

static void cn_signal_to_pipe(int signo) {
    int saved = errno;
    unsigned char byte = (unsigned char)signo;
    if (signal_pipe_write_end >= 0) {
        ssize_t ignored = write(signal_pipe_write_end, &byte, 1);
        (void)ignored;
    }
    if (signo > 0 && signo < NSIG && chained[signo]) {
        struct sigaction *previous = &chained_actions[signo];
        if (!(previous->sa_flags & SA_SIGINFO) && previous->sa_handler != SIG_DFL
            && previous->sa_handler != SIG_IGN) {
            previous->sa_handler(signo);
        }
    }
    errno = saved;
}

static int cn_signal_pipe_open(void) {
    if (signal_pipe_read_end >= 0) return 0;
    int fds[2];
    if (pipe(fds) != 0) return -1;
    for (int i = 0; i < 2; i++) {
        fcntl(fds[i], F_SETFD, FD_CLOEXEC);
        fcntl(fds[i], F_SETFL, fcntl(fds[i], F_GETFL) | O_NONBLOCK);
    }
    signal_pipe_read_end = fds[0];
    signal_pipe_write_end = fds[1];
    return 0;
}

static int cn_signal_unblock(int signo) {
    sigset_t unblock;
    sigemptyset(&unblock);
    sigaddset(&unblock, signo);
    return sigprocmask(SIG_UNBLOCK, &unblock, NULL);
}

int cn_signal_pipe_install(const int *signals, int count) {
    if (cn_signal_pipe_open() != 0) return -1;
    for (int i = 0; i < count; i++) {
        struct sigaction action;
        memset(&action, 0, sizeof action);
        action.sa_handler = cn_signal_to_pipe;
        sigemptyset(&action.sa_mask);
        action.sa_flags = SA_RESTART;
        if (signals[i] > 0 && signals[i] < NSIG) chained[signals[i]] = 0;
        if (sigaction(signals[i], &action, NULL) != 0) return -1;
        cn_signal_unblock(signals[i]);
    }
    return signal_pipe_read_end;
}

int cn_signal_pipe_chain(int signo) {
    if (signal_pipe_read_end < 0 || signo <= 0 || signo >= NSIG) {
        errno = EINVAL;
        return -1;
    }
    struct sigaction action, previous;
    memset(&action, 0, sizeof action);
    action.sa_handler = cn_signal_to_pipe;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    if (sigaction(signo, NULL, &previous) != 0) return -1;
    /* Chaining to ourselves (a second call) would loop. */
    if (previous.sa_handler != cn_signal_to_pipe) {
        chained_actions[signo] = previous;
        chained[signo] = 1;
    }
    if (sigaction(signo, &action, NULL) != 0) return -1;
    return cn_signal_unblock(signo);
}

/* ---- Restoring the terminal on the paths that skip endwin ---- */

static volatile sig_atomic_t restore_armed = 0;
static int restore_tty_saved = 0;
static struct termios restore_tty;
/* sgr0, cnorm, rmkx and rmcup of the terminal in use, captured at arm time: a crash handler
   may not call into ncurses, but it may write bytes it already has. */
static char restore_bytes[256];
static size_t restore_length = 0;
static int restore_atexit_registered = 0;
static const int crash_signals[] = { SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE };
#define CRASH_SIGNAL_COUNT ((int)(sizeof crash_signals / sizeof crash_signals[0]))
static struct sigaction crash_previous[CRASH_SIGNAL_COUNT];
static int crash_installed = 0;

void cn_restore_save_tty(void) {
    restore_tty_saved = tcgetattr(STDIN_FILENO, &restore_tty) == 0;
}

static void cn_restore_append_capability(const char *name) {
    const char *value = tigetstr(name);
    if (value == NULL || value == (char *)-1) return;
    size_t length = strlen(value);
    if (restore_length + length >= sizeof restore_bytes) return;
    memcpy(restore_bytes + restore_length, value, length);
    restore_length += length;
}

static void cn_restore_at_exit(void) {
    if (restore_armed) {
        restore_armed = 0;
        endwin();
    }
}

static void cn_restore_on_crash(int signo, siginfo_t *info, void *context) {
    if (restore_armed) {
        restore_armed = 0;
        if (restore_tty_saved) tcsetattr(STDIN_FILENO, TCSANOW, &restore_tty);
        ssize_t ignored = write(STDOUT_FILENO, restore_bytes, restore_length);
        (void)ignored;
    }
    for (int i = 0; i < CRASH_SIGNAL_COUNT; i++) {
        if (crash_signals[i] != signo) continue;
        struct sigaction previous = crash_previous[i];
        /* Put the old action back first, so that a second fault goes straight to it. */
        sigaction(signo, &previous, NULL);
        if (previous.sa_flags & SA_SIGINFO) {
            previous.sa_sigaction(signo, info, context);
        } else if (previous.sa_handler != SIG_DFL && previous.sa_handler != SIG_IGN) {
            previous.sa_handler(signo);
        } else {
            /* Default action: pending until this handler returns (the signal is blocked in
               here), then it kills us as it would have without this handler. */
            raise(signo);
        }
        return;
    }
}

void cn_restore_arm(void) {
    restore_length = 0;
    cn_restore_append_capability("sgr0");
    cn_restore_append_capability("cnorm");
    cn_restore_append_capability("rmkx");
    cn_restore_append_capability("rmcup");
    if (!restore_atexit_registered) {
        restore_atexit_registered = atexit(cn_restore_at_exit) == 0;
    }
    if (!crash_installed) {
        for (int i = 0; i < CRASH_SIGNAL_COUNT; i++) {
            struct sigaction action;
            memset(&action, 0, sizeof action);
            action.sa_sigaction = cn_restore_on_crash;
            sigemptyset(&action.sa_mask);
            action.sa_flags = SA_SIGINFO | SA_ONSTACK;
            sigaction(crash_signals[i], &action, &crash_previous[i]);
        }
        crash_installed = 1;
    }
    restore_armed = 1;
}

void cn_restore_disarm(void) { restore_armed = 0; }

int cn_restore_armed(void) { return restore_armed; }
