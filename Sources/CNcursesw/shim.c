#define _GNU_SOURCE 1
#include "CNcursesw.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
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

static int signal_pipe_write_end = -1;

static void cn_signal_to_pipe(int signo) {
    int saved = errno;
    unsigned char byte = (unsigned char)signo;
    if (signal_pipe_write_end >= 0) {
        ssize_t ignored = write(signal_pipe_write_end, &byte, 1);
        (void)ignored;
    }
    errno = saved;
}

int cn_signal_pipe_install(const int *signals, int count) {
    int fds[2];
    if (pipe(fds) != 0) return -1;
    for (int i = 0; i < 2; i++) {
        fcntl(fds[i], F_SETFD, FD_CLOEXEC);
        fcntl(fds[i], F_SETFL, fcntl(fds[i], F_GETFL) | O_NONBLOCK);
    }
    signal_pipe_write_end = fds[1];
    sigset_t unblock;
    sigemptyset(&unblock);
    for (int i = 0; i < count; i++) {
        struct sigaction action;
        memset(&action, 0, sizeof action);
        action.sa_handler = cn_signal_to_pipe;
        sigemptyset(&action.sa_mask);
        action.sa_flags = SA_RESTART;
        if (sigaction(signals[i], &action, NULL) != 0) return -1;
        sigaddset(&unblock, signals[i]);
    }
    sigprocmask(SIG_UNBLOCK, &unblock, NULL);
    return fds[0];
}
