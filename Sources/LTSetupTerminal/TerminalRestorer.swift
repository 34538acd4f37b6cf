import CNcursesw
import Glibc

/// Makes sure the operator gets a working shell back, however lt-setup ends.
///
/// - Normal end and thrown errors: the caller's `defer { screen.stop() }` (or `restore()`).
/// - SIGINT, SIGTERM, SIGHUP (the ssh link dropped), SIGQUIT: each writes a byte to a
///   self-pipe that the caller's poll watches; the loop then saves its session and calls
///   `restoreAndExit(signal:)`. ncurses handles none of HUP itself, and its INT/TERM handlers
///   would exit without letting the session be saved, so ours replace them.
/// - `exit()` from anywhere: an atexit hook calls `endwin` if the screen is still up.
/// - A crash (a Swift trap is SIGILL or SIGTRAP): a handler restores the tty modes and leaves
///   the alternate screen with bytes captured at start, then passes the signal on (to Swift's
///   backtracer, whose report is then readable). These two hooks are armed by
///   `TerminalScreen.start()` itself, so they hold even without a restorer.
///
/// SIGWINCH also wakes the pipe (then goes on to ncurses' own handler), so a resize is never
/// lost between the caller's `readKeys()` and its next poll.
public final class TerminalRestorer {
    /// The signals that end the wizard, each after a restore, with status 128 + the signal.
    public static let terminationSignals: [Int32] = [SIGINT, SIGTERM, SIGHUP, SIGQUIT]

    /// The screen restored on every path.
    public let screen: TerminalScreen
    /// The read end of the self-pipe: readable when a signal arrived. Poll it with the input.
    public let signalFileDescriptor: Int32

    /// Installs the signal handlers. Call after `screen.start()`: `newterm` installs ncurses'
    /// handlers only over default ones, so installing ours first would leave ncurses without
    /// its SIGWINCH handler, and resizes unseen.
    ///
    /// Also unblocks the signals (a parent may have started us with them blocked, which left
    /// resizes dead) and ignores SIGPIPE, so that writing to a vanished reader fails with EPIPE
    /// instead of killing the process before it restored anything.
    public init(screen: TerminalScreen) throws {
        guard screen.isActive else { throw TerminalError.restorerBeforeStart }
        self.screen = screen
        signal(SIGPIPE, SIG_IGN)
        let fd = Self.terminationSignals.withUnsafeBufferPointer {
            cn_signal_pipe_install($0.baseAddress, Int32($0.count))
        }
        guard fd >= 0 else { throw TerminalError.signalPipeFailed(errno: errno) }
        guard cn_signal_pipe_chain(SIGWINCH) == 0 else { throw TerminalError.signalPipeFailed(errno: errno) }
        signalFileDescriptor = fd
    }

    /// Empties the pipe and returns the first termination signal that arrived, if any.
    /// SIGWINCH bytes are dropped: they only woke the poll, and `readKeys()` reports the resize.
    public func takeTerminationSignal() -> Int32? {
        var found: Int32?
        var bytes = [UInt8](repeating: 0, count: 64)
        while true {
            let count = read(signalFileDescriptor, &bytes, bytes.count)
            if count <= 0 { return found }
            for byte in bytes[0..<count] where found == nil && Self.terminationSignals.contains(Int32(byte)) {
                found = Int32(byte)
            }
        }
    }

    /// Restores the terminal now. Idempotent; the same as `screen.stop()`.
    public func restore() {
        screen.stop()
    }

    /// Restores the terminal, then exits with status 128 + `signal`, as a shell reports a
    /// process killed by that signal. Call it after saving the session.
    public func restoreAndExit(signal: Int32) -> Never {
        restore()
        exit(128 + signal)
    }
}
