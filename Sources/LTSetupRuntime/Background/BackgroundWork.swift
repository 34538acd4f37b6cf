import Foundation
import Glibc

/// Work that takes seconds (the preflight's DNS lookups and connections, the verification's
/// ten seconds for Icecast's port to settle) run on a thread of its own, so that a loop
/// built on `poll()` keeps answering keys, resizes and signals meanwhile. A byte on a pipe
/// wakes the loop when a result is in: poll `descriptor`, then `take()`.
///
/// Only the latest request of each kind is delivered: work asked for earlier (the operator
/// went back, changed the domain and came again) may still finish, but its result is
/// dropped. Meant for work that only reads and probes: a thread still at work when the
/// program exits changes nothing by dying with it.
public final class BackgroundWork<Kind: Hashable & Sendable, Result: Sendable>: @unchecked Sendable {
    /// Readable once a result (or a dropped one) is in.
    public let descriptor: Int32
    private let writeEnd: Int32
    /// Guards `latest` and `finished`, which the workers' threads touch too.
    private let lock = NSLock()
    private var latest: [Kind: Int] = [:]
    private var finished: [Result] = []

    /// Make it before starting threads of your own: its pipe is marked close-on-exec just
    /// after it is made, and a program spawned in between would inherit it.
    public init() throws {
        var ends: [Int32] = [-1, -1]
        guard pipe(&ends) == 0 else {
            throw ExecutionError("cannot make a pipe for background checks: \(String(cString: strerror(errno)))")
        }
        for end in ends {
            // Close-on-exec: a step's program must not inherit it; non-blocking: draining
            // it, or a wake-up when it is full, never waits.
            _ = fcntl(end, F_SETFD, FD_CLOEXEC)
            _ = fcntl(end, F_SETFL, O_NONBLOCK)
        }
        descriptor = ends[0]
        writeEnd = ends[1]
    }

    deinit {
        close(descriptor)
        close(writeEnd)
    }

    /// Runs `work` on a new thread; its result is delivered by `take` unless another
    /// request of the same kind came after it.
    public func start(_ kind: Kind, _ work: @escaping @Sendable () -> Result) {
        let generation = lock.withLock {
            latest[kind, default: 0] += 1
            return latest[kind, default: 0]
        }
        Thread.detachNewThread { [self] in
            let result = work()
            lock.withLock {
                if latest[kind] == generation { finished.append(result) }
            }
            var byte: UInt8 = 1
            _ = write(writeEnd, &byte, 1)
        }
    }

    /// The results that are in, oldest first; empties the wake-up pipe.
    public func take() -> [Result] {
        var bytes = [UInt8](repeating: 0, count: 64)
        while read(descriptor, &bytes, bytes.count) > 0 {}
        return lock.withLock {
            defer { finished = [] }
            return finished
        }
    }
}
