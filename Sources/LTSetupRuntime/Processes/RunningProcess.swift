import Glibc
import LTSetupCore

/// A step's program while it runs: its output as lines, its end, and the way to stop it.
///
/// There is no thread and no callback from elsewhere: the caller's loop owns the one `poll()`
/// and this object only does work when asked. After `start`, on each turn of the loop:
///
/// 1. poll `fileDescriptor` for `POLLIN` (while it is not nil) together with the caller's own
///    descriptors (keyboard, signal self-pipe), sleeping at most `pollTimeoutMilliseconds`;
/// 2. after every wake-up, whatever caused it (including the timeout), call
///    `service(outputReadable:_:)`; it reads at most 64 KiB, delivers the lines completed,
///    checks for the end of the program and for deadlines, and finally delivers `.exited`.
///
/// `PollLoop` does exactly this. One read per wake-up keeps the keyboard responsive during a
/// flood, and not reading is the backpressure: a consumer that stops calling `service` makes
/// the program block on the full pipe, while memory stays at one read buffer plus one
/// partial line.
///
/// The end of the program is noticed with `waitid(WNOHANG)` on every wake-up, never by EOF
/// alone: a daemon started by the step (`service icecast2 restart`) may keep the pipe open
/// for good. After the exit the output is still read until its EOF, for at most
/// `RunOptions.outputLinger`, because such a daemon writes to it a moment later and a
/// closed pipe would kill it with SIGPIPE. The program's own end is final: its process group is never signalled after it,
/// because that group may now hold the very server the step restarted.
///
/// Use it from one thread: it is the loop's, like the terminal.
public final class RunningProcess {
    /// The program's pid, which is also its process group and session id.
    public let pid: pid_t
    /// How it ended, once `.exited` has been delivered.
    public private(set) var termination: Termination?

    private struct Stop {
        let reason: Termination
        var escalation: CancelEscalation
    }

    private enum ReadResult { case data, empty, endOfFile }

    private let child: ChildProcess
    private var output: Int32
    /// The output is a regular file the program appends to: always "readable" to poll, so it
    /// is read on each wake-up instead, and reading nothing is not the end.
    private let outputIsFile: Bool
    private var splitter = LineSplitter()
    private let log: StepLog?
    private let options: RunOptions
    private let clock = ContinuousClock()
    private let timeoutDeadline: ContinuousClock.Instant?
    private var stop: Stop?
    private var childExited = false
    /// After EOF, exits are checked at growing intervals (1 ms, 2 ms… up to the check
    /// interval): a child that closed its output is usually a moment away from exiting.
    private var exitCheckDelay: Duration
    /// Until when the output is still read after the child's own exit (see
    /// `RunOptions.outputLinger`); set when the exit is noticed while the pipe is open.
    private var lingerDeadline: ContinuousClock.Instant?
    private let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 64 * 1024, alignment: 16)
    /// Bounds the final drain, in case a grandchild writes to the pipe without end.
    private static let maxDrainReads = 32

    /// Starts `argv` (looked up on lt-setup's `PATH`, never through a shell) in its own session.
    ///
    /// - Parameters:
    ///   - environment: added to lt-setup's own environment, overriding it.
    ///   - timeout: after this long the program is stopped like a cancel and reports
    ///     `.timedOut`; nil for no limit.
    ///   - log: receives every delivered line too; flushed after each batch, not closed.
    ///   - outputInLog: the program writes straight into `log`'s file instead of a pipe, and
    ///     its lines are read back from there (see `ChildProcess.spawn`'s `outputFile`). For
    ///     programs that must not die with lt-setup (dpkg) or that start servers (a restart).
    public init(argv: [String], environment: [String: String] = [:], timeout: Duration? = nil,
                options: RunOptions = RunOptions(), log: StepLog? = nil, outputInLog: Bool = false) throws(SpawnError) {
        let outputFile = outputInLog ? log?.path : nil
        // What the log holds so far must be on disk before the program appends to it.
        if outputFile != nil { log?.flush() }
        child = try ChildProcess.spawn(argv: argv, environment: ChildEnvironment.entries(adding: environment),
                                       outputFile: outputFile)
        outputIsFile = child.outputIsFile
        pid = child.pid
        output = child.output
        self.log = log
        self.options = options
        exitCheckDelay = options.checkInterval
        let started = ContinuousClock.now
        timeoutDeadline = timeout.map { started + $0 }
    }

    /// Starts a planned command; a `timeoutSeconds` of 0 or less means no time limit.
    public convenience init(_ command: Command, options: RunOptions = RunOptions(),
                            log: StepLog? = nil) throws(SpawnError) {
        let timeout: Duration? = command.timeoutSeconds > 0 ? .seconds(command.timeoutSeconds) : nil
        try self.init(argv: command.argv, environment: command.environment, timeout: timeout,
                      options: options, log: log, outputInLog: command.outputInLog)
    }

    /// Dropping a program that has not ended leaves it running: call `cancel()` and keep
    /// servicing until `.exited` to stop it.
    deinit {
        if output >= 0 { close(output) }
        buffer.deallocate()
        if termination == nil && (childExited || child.hasExited()) { _ = child.reap() }
    }

    /// The descriptor to poll for `POLLIN`; nil once the output reached EOF (the program may
    /// still be running: keep calling `service` within `pollTimeoutMilliseconds`).
    public var fileDescriptor: Int32? { output >= 0 && !outputIsFile ? output : nil }

    /// True once `.exited` has been delivered.
    public var isFinished: Bool { termination != nil }

    /// The longest the caller's `poll()` may sleep before calling `service` again; -1 (no
    /// limit) once finished.
    public var pollTimeoutMilliseconds: Int32 {
        guard termination == nil else { return -1 }
        let now = clock.now
        var wait = output >= 0 && !outputIsFile ? options.checkInterval : exitCheckDelay
        if stop == nil, !childExited, let deadline = timeoutDeadline {
            wait = min(wait, deadline - now)
        }
        if let deadline = stop?.escalation.nextDeadline {
            wait = min(wait, deadline - now)
        }
        if let deadline = lingerDeadline {
            wait = min(wait, deadline - now)
        }
        return wait.pollMilliseconds
    }

    /// Does what is due after a wake-up of the caller's `poll()`, delivering events in order.
    ///
    /// - Parameter outputReadable: whether poll reported `fileDescriptor` readable (POLLIN,
    ///   POLLHUP or POLLERR); pass false after a timeout or a wake-up for another descriptor.
    public func service(outputReadable: Bool, _ deliver: (ProcessEvent) -> Void) {
        guard termination == nil else { return }
        if (outputReadable || outputIsFile) && output >= 0 { _ = readOnce(deliver) }
        if !childExited {
            childExited = child.hasExited()
            if output < 0 { exitCheckDelay = min(exitCheckDelay * 2, options.checkInterval) }
        }
        let now = clock.now
        if stop == nil, !childExited, let deadline = timeoutDeadline, now >= deadline {
            stop = Stop(reason: .timedOut, escalation: CancelEscalation(grace: options.gracePeriod))
        }
        escalate(at: now)
        if childExited && runIsOver() && !lingers(at: now) {
            finish(deliver)
        } else {
            log?.flush()
        }
    }

    /// Asks the program to stop: SIGINT to its whole process group, then SIGTERM + SIGCONT,
    /// then SIGKILL, a grace period apart, sent from `service`. It ends with `.cancelled`.
    /// Does nothing if the program has already ended by itself or a stop is under way.
    public func cancel() {
        guard termination == nil, stop == nil else { return }
        if childExited || child.hasExited() {
            childExited = true
            return
        }
        stop = Stop(reason: .cancelled, escalation: CancelEscalation(grace: options.gracePeriod))
        escalate(at: clock.now)
    }

    /// Sends the signals now due. Only ever runs before the child is reaped: until then its
    /// pid, so its group id, cannot have been reused by an unrelated process.
    private func escalate(at now: ContinuousClock.Instant) {
        guard var current = stop else { return }
        for signal in current.escalation.signalsDue(at: now) {
            child.signalGroup(signal)
        }
        stop = current
    }

    /// Whether the run is over once the child has exited. Without a stop, yes: what the
    /// child left behind is not ours to end. During a stop, the group is what is being
    /// stopped (`sh` dies of SIGINT while its background jobs ignore it), so the escalation
    /// goes on until no member is alive or SIGKILL has been sent.
    private func runIsOver() -> Bool {
        guard let stop else { return true }
        return stop.escalation.isComplete || ProcessGroup.liveMembers(pid).isEmpty
    }

    /// Whether to keep reading after the child's own exit: while the output is open and the
    /// linger time has not passed. Not after a stop: what is being stopped is not waited for.
    private func lingers(at now: ContinuousClock.Instant) -> Bool {
        // A file cannot break under a late writer: only a pipe needs the grace.
        guard stop == nil, output >= 0, !outputIsFile, options.outputLinger > .zero else { return false }
        let deadline = lingerDeadline ?? now + options.outputLinger
        lingerDeadline = deadline
        return now < deadline
    }

    private func readOnce(_ deliver: (ProcessEvent) -> Void) -> ReadResult {
        let count = read(output, buffer.baseAddress, buffer.count)
        if count > 0 {
            splitter.feed(UnsafeRawBufferPointer(rebasing: buffer[..<count])) { line in
                if !outputIsFile { log?.append(line: line) }
                deliver(.output(line: line))
            }
            return .data
        }
        if count < 0 && (errno == EAGAIN || errno == EINTR) { return .empty }
        // At the end of a file the program may still append: only its exit ends the output.
        if count == 0 && outputIsFile { return .empty }
        // EOF (or a read error, which ends the output just the same).
        closeOutput(deliver)
        exitCheckDelay = .milliseconds(1)
        return .endOfFile
    }

    private func closeOutput(_ deliver: (ProcessEvent) -> Void) {
        splitter.finish { line in
            if !outputIsFile { log?.append(line: line) }
            deliver(.output(line: line))
        }
        close(output)
        output = -1
    }

    /// Takes what the pipe holds right now (after the linger, not waiting any longer for an
    /// EOF that a grandchild may hold back forever), reaps the child and delivers `.exited`.
    private func finish(_ deliver: (ProcessEvent) -> Void) {
        var reads = 0
        while output >= 0 && reads < Self.maxDrainReads && readOnce(deliver) == .data {
            reads += 1
        }
        if output >= 0 { closeOutput(deliver) }
        let status = child.reap()
        let ending = stop?.reason ?? status
        termination = ending
        log?.flush()
        deliver(.exited(ending))
    }
}
