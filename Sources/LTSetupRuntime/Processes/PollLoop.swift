import Glibc

/// One `poll()` covering a running step's output and the caller's own descriptors.
///
/// The wizard's loop watches the terminal's input and its signal self-pipe with the same
/// poll that reads the step's output, so a key press is seen within one 64 KiB read even
/// during a flood of output, and no second thread is needed:
///
/// ```swift
/// let loop = PollLoop(watching: [STDIN_FILENO, signalPipe])
/// while running {
///     loop.pollOnce(process: step, timeoutMilliseconds: msUntilRepaint,
///                   onReadable: { fd in fd == signalPipe ? handleSignal() : readKeys() },
///                   onEvent: { event in update(&state, .process(event)) })
/// }
/// ```
public struct PollLoop {
    /// Descriptors reported to `onReadable` when they have input, hang up or fail.
    public var watched: [Int32]

    /// Creates a loop over the caller's descriptors (none for a plain run).
    public init(watching watched: [Int32] = []) {
        self.watched = watched
    }

    /// Waits once, then reports what happened.
    ///
    /// Sleeps until a watched descriptor or the output is readable, the process needs
    /// attention, or `timeoutMilliseconds` passes (-1: no limit of the caller's own). Then
    /// calls `onReadable` for each ready watched descriptor, and services `process`, whose
    /// events go to `onEvent`. An interrupting signal just ends the wait early.
    public func pollOnce(process: RunningProcess?, timeoutMilliseconds: Int32 = -1,
                         onReadable: (Int32) -> Void = { _ in },
                         onEvent: (ProcessEvent) -> Void) {
        let processFD = process?.fileDescriptor
        let count = watched.count + (processFD == nil ? 0 : 1)
        let timeout = Self.earlier(timeoutMilliseconds, process?.pollTimeoutMilliseconds ?? -1)
        var ready: [Int32] = []
        var outputReadable = false
        // Nothing to watch and no deadline: poll would sleep forever.
        if count == 0 && timeout < 0 { return }
        withUnsafeTemporaryAllocation(of: pollfd.self, capacity: max(count, 1)) { fds in
            for (index, fd) in watched.enumerated() {
                fds.initializeElement(at: index, to: pollfd(fd: fd, events: Int16(POLLIN), revents: 0))
            }
            if let processFD {
                fds.initializeElement(at: count - 1, to: pollfd(fd: processFD, events: Int16(POLLIN), revents: 0))
            }
            guard poll(fds.baseAddress, nfds_t(count), timeout) > 0 else { return }
            let wakers = Int16(POLLIN | POLLHUP | POLLERR | POLLNVAL)
            for index in 0..<watched.count where fds[index].revents & wakers != 0 {
                ready.append(fds[index].fd)
            }
            outputReadable = processFD != nil && fds[count - 1].revents & wakers != 0
        }
        // The caller's input first: a cancel key then takes effect in this very turn.
        ready.forEach(onReadable)
        process?.service(outputReadable: outputReadable, onEvent)
    }

    /// The sooner of two poll timeouts, where -1 means none.
    static func earlier(_ first: Int32, _ second: Int32) -> Int32 {
        if first < 0 { return second }
        if second < 0 { return first }
        return min(first, second)
    }
}
