/*
 * crash-shim.c: an LD_PRELOAD library for tests/faults/crash-matrix.sh, built by that script
 * (gcc -shared -fPIC -o crash-shim.so crash-shim.c -ldl). It wraps rename, fsync and write,
 * and in `lt-setup runner` only (argv[1] is "runner", without --detach) it kills or stops
 * that process at one chosen call. Every other process, and every call that does not match,
 * goes straight to libc. Nothing of it is in lt-setup: the test preloads it into apply, whose
 * runner inherits the environment (a step's programs get an allow-listed one, without it).
 *
 *   CRASH_SHIM_AT="CALL WHEN N PATTERN"   act at the Nth matching call and every one after:
 *       CALL     rename | fsync | write
 *       WHEN     before | after (the real call)
 *       PATTERN  fnmatch(3) pattern for rename's new path, or for the path of the file
 *                descriptor flushed or written (its /proc/self/fd link)
 *   CRASH_SHIM_ARMED_BY="CALL WHEN N PATTERN"  optional: calls count for CRASH_SHIM_AT
 *                only after the Nth call matching this one
 *   CRASH_SHIM_ACTION=kill | stop            raise(SIGKILL) (the default) or raise(SIGSTOP),
 *                for the test to look at the process and then SIGKILL or SIGCONT it
 *   CRASH_SHIM_LOG=FILE                      "fired CALL WHEN PATH N" is appended before
 *                each act, so that the test knows the shim fired and where
 *   CRASH_SHIM_TRACE=1                       also append "rename OLD NEW" for every rename
 */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <fcntl.h>
#include <fnmatch.h>
#include <limits.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>
#include <unistd.h>

struct trigger {
    int set;
    char call[16], when[16], pattern[PATH_MAX];
    long nth;
};

static int runner;              /* this process is `lt-setup runner` */
static struct trigger at, armed_by;
static int armed;               /* armed_by happened (or was not asked for) */
static long seen, seen_arming;  /* calls matching `at` once armed, and `armed_by` */
static int stop_instead;
static int log_fd = -1, trace;

static int (*real_rename)(const char *, const char *);
static int (*real_fsync)(int);
static ssize_t (*real_write)(int, const void *, size_t);

/* Appends a line to CRASH_SHIM_LOG, through libc's own write. */
static void say(const char *format, ...)
{
    char line[3 * PATH_MAX];
    va_list arguments;
    va_start(arguments, format);
    int length = vsnprintf(line, sizeof line, format, arguments);
    va_end(arguments);
    if (log_fd >= 0 && length > 0)
        real_write(log_fd, line, (size_t)length < sizeof line ? (size_t)length : sizeof line - 1);
}

/* Whether this process is the runner: its command line is "lt-setup runner ..." without
 * "--detach" (the launcher's middle stage). */
static int is_runner(void)
{
    char buffer[4096];
    int fd = open("/proc/self/cmdline", O_RDONLY | O_CLOEXEC);
    if (fd < 0)
        return 0;
    ssize_t length = read(fd, buffer, sizeof buffer - 1);
    close(fd);
    if (length <= 0)
        return 0;
    buffer[length] = '\0';
    char *argument = buffer + strlen(buffer) + 1;      /* argv[1] */
    if (argument >= buffer + length || strcmp(argument, "runner") != 0)
        return 0;
    for (; argument < buffer + length; argument += strlen(argument) + 1)
        if (strcmp(argument, "--detach") == 0)
            return 0;
    return 1;
}

/* libc's own functions; also called by each wrapper in case it runs before the constructor. */
static void resolve(void)
{
    real_rename = (int (*)(const char *, const char *))dlsym(RTLD_NEXT, "rename");
    real_fsync = (int (*)(int))dlsym(RTLD_NEXT, "fsync");
    real_write = (ssize_t (*)(int, const void *, size_t))dlsym(RTLD_NEXT, "write");
}

__attribute__((constructor)) static void setup(void)
{
    resolve();
    runner = is_runner();
    if (!runner)
        return;
    const char *value = getenv("CRASH_SHIM_AT");
    at.set = value && sscanf(value, "%15s %15s %ld %4095s", at.call, at.when, &at.nth, at.pattern) == 4;
    value = getenv("CRASH_SHIM_ARMED_BY");
    armed_by.set = value && sscanf(value, "%15s %15s %ld %4095s", armed_by.call, armed_by.when, &armed_by.nth,
                                   armed_by.pattern) == 4;
    armed = !armed_by.set;
    value = getenv("CRASH_SHIM_ACTION");
    stop_instead = value && strcmp(value, "stop") == 0;
    value = getenv("CRASH_SHIM_LOG");
    if (value)
        log_fd = open(value, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0600);
    value = getenv("CRASH_SHIM_TRACE");
    trace = value && strcmp(value, "1") == 0;
}

static int matches(const struct trigger *t, const char *call, const char *when, const char *path)
{
    return t->set && path && strcmp(t->call, call) == 0 && strcmp(t->when, when) == 0
        && fnmatch(t->pattern, path, 0) == 0;
}

/* A call is about to happen (before) or has happened (after): act if it is the chosen one. */
static void event(const char *call, const char *when, const char *path)
{
    if (!armed) {
        armed = matches(&armed_by, call, when, path) && ++seen_arming >= armed_by.nth;
        return;
    }
    if (!matches(&at, call, when, path) || ++seen < at.nth)
        return;
    say("fired %s %s %s %ld\n", call, when, path, seen);
    raise(stop_instead ? SIGSTOP : SIGKILL);
}

/* Whether calls of this kind are looked at: the path of a descriptor is read only then. */
static int watched(const char *call)
{
    return runner && (strcmp(at.call, call) == 0 || strcmp(armed_by.call, call) == 0);
}

/* The path a descriptor is open on, or NULL. */
static const char *fd_path(int fd, char *buffer, size_t size)
{
    char link[64];
    snprintf(link, sizeof link, "/proc/self/fd/%d", fd);
    ssize_t length = readlink(link, buffer, size - 1);
    if (length < 0)
        return NULL;
    buffer[length] = '\0';
    return buffer;
}

int rename(const char *old, const char *new)
{
    if (!real_rename)
        resolve();
    if (runner && trace)
        say("rename %s %s\n", old, new);
    if (watched("rename"))
        event("rename", "before", new);
    int result = real_rename(old, new);
    if (watched("rename"))
        event("rename", "after", new);
    return result;
}

int fsync(int fd)
{
    char buffer[PATH_MAX];
    if (!real_fsync)
        resolve();
    const char *path = watched("fsync") ? fd_path(fd, buffer, sizeof buffer) : NULL;
    if (path)
        event("fsync", "before", path);
    int result = real_fsync(fd);
    if (path)
        event("fsync", "after", path);
    return result;
}

ssize_t write(int fd, const void *bytes, size_t count)
{
    char buffer[PATH_MAX];
    if (!real_write)
        resolve();
    const char *path = watched("write") ? fd_path(fd, buffer, sizeof buffer) : NULL;
    if (path)
        event("write", "before", path);
    ssize_t result = real_write(fd, bytes, count);
    if (path)
        event("write", "after", path);
    return result;
}
