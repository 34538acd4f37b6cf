import Glibc

/// The one pipe a child writes both its stdout and its stderr into.
///
/// One pipe rather than two keeps the output in the order the child wrote it. Both ends are
/// close-on-exec, so no other child (nor a grandchild of this one) inherits them by accident;
/// the spawn puts the write end on the child's fd 1 and 2 explicitly. Our read end is
/// non-blocking; the write end stays blocking, so a child whose reader pauses waits on the
/// full pipe instead of our memory growing.
struct OutputPipe {
    let readEnd: Int32
    let writeEnd: Int32

    static func make() throws(SpawnError) -> OutputPipe {
        var fds: [Int32] = [-1, -1]
        guard makePipe(&fds) == 0 else {
            throw .system(operation: "create a pipe for the program's output", errno: errno)
        }
        do throws(SpawnError) {
            fds[0] = try aboveStandardStreams(fds[0])
            fds[1] = try aboveStandardStreams(fds[1])
            guard fcntl(fds[0], F_SETFL, fcntl(fds[0], F_GETFL) | O_NONBLOCK) == 0 else {
                throw .system(operation: "make the output pipe non-blocking", errno: errno)
            }
        } catch {
            close(fds[0])
            close(fds[1])
            throw error
        }
        return OutputPipe(readEnd: fds[0], writeEnd: fds[1])
    }
}

/// Moves a descriptor to 3 or above (keeping close-on-exec); on failure `fd` is left open.
///
/// If lt-setup was started with fd 0, 1 or 2 closed, a new pipe could land there, and the
/// spawn's `dup2(fd, fd)` would then leave it close-on-exec in the child: the child would
/// start without stdout.
func aboveStandardStreams(_ fd: Int32) throws(SpawnError) -> Int32 {
    if fd > 2 { return fd }
    let moved = fcntl(fd, F_DUPFD_CLOEXEC, 3)
    guard moved >= 0 else { throw .system(operation: "duplicate a file descriptor", errno: errno) }
    close(fd)
    return moved
}

private typealias Pipe2 = @convention(c) (UnsafeMutablePointer<Int32>?, Int32) -> Int32

/// `pipe2(fds, O_CLOEXEC)`: the pipe is close-on-exec from birth, so a child spawned by
/// another thread at that moment cannot inherit it. pipe2 is a GNU extension the Glibc
/// module does not export, so it is looked up by name (it is in every glibc since 2.9);
/// should that fail, `pipe` plus `fcntl` is the racy but working fallback.
private func makePipe(_ fds: UnsafeMutablePointer<Int32>) -> Int32 {
    if let symbol = dlsym(nil, "pipe2") {
        return unsafeBitCast(symbol, to: Pipe2.self)(fds, O_CLOEXEC)
    }
    guard pipe(fds) == 0 else { return -1 }
    _ = fcntl(fds[0], F_SETFD, FD_CLOEXEC)
    _ = fcntl(fds[1], F_SETFD, FD_CLOEXEC)
    return 0
}
