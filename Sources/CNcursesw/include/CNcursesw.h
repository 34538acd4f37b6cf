#ifndef LTSETUP_CNCURSESW_H
#define LTSETUP_CNCURSESW_H

/* Without these the wide-character API (get_wch, add_wch, cchar_t) is invisible to Swift. */
#define NCURSES_WIDECHAR 1
#ifndef _XOPEN_SOURCE_EXTENDED
#define _XOPEN_SOURCE_EXTENDED 1
#endif

#include <ncursesw/curses.h>
#include <locale.h>
#include <wchar.h>

/* Swift 6 rejects mutable C globals and NCURSES_BITS macros, so each is read through a function. */
WINDOW *cn_stdscr(void);
int cn_lines(void);
int cn_cols(void);
int cn_colors(void);
int cn_color_pairs(void);
attr_t cn_attr_bold(void);
attr_t cn_attr_reverse(void);
attr_t cn_attr_underline(void);
attr_t cn_attr_dim(void);

/* newterm on the process's own stdout/stdin (Glibc's stdout/stdin are not importable under Swift 6). */
SCREEN *cn_newterm(const char *term);

/* The ncurses library's own version string, e.g. "ncurses 6.4.20221231". */
const char *cn_curses_version(void);

/* Display width of one character in columns (-1 when not printable). */
int cn_wcwidth(wchar_t c);

/* An async-signal-safe self-pipe: each listed signal writes its number as one byte to the pipe.
   Returns the read end (non-blocking), or -1 with errno set. The signals are also unblocked,
   since a parent may have started us with them blocked. Calling it again adds signals to the
   same pipe and returns the same read end. */
int cn_signal_pipe_install(const int *signals, int count);

/* Adds `signo` to the self-pipe but keeps the handler that was installed before (ncurses's
   SIGWINCH handler): the byte wakes the caller's poll, then the old handler runs as usual.
   Unblocks the signal. Returns 0, or -1 with errno set (also when no pipe is installed yet). */
int cn_signal_pipe_chain(int signo);

/* Restoring the terminal when the program ends without calling endwin. */

/* Remembers the terminal's modes as they are now (call before newterm), for the crash path. */
void cn_restore_save_tty(void);

/* Arms the hooks for the current screen (call after newterm): an atexit handler that calls endwin,
   and handlers for SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT and SIGFPE (a Swift trap) that put
   back the saved modes, leave the alternate screen and show the cursor (async-signal-safe: only
   tcsetattr and write), then pass the signal on to the handler that was there before. */
void cn_restore_arm(void);

/* Disarms the hooks: endwin was called. */
void cn_restore_disarm(void);

/* 1 while the hooks are armed. */
int cn_restore_armed(void);

#endif
