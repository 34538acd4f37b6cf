import LTSetupCore

/// Runs a step's program to its end: the process touchpoint of the runtime, as a protocol so
/// that callers can be tested with a fake.
public protocol ProcessRunning {
    /// Runs `command`, calling `onLine` with each output line as it comes (and appending it
    /// to `log`), and returns how it ended.
    func run(_ command: Command, log: StepLog?, onLine: (String) -> Void) throws(SpawnError) -> Termination
}

extension ProcessRunning {
    /// Runs `command` without a log file.
    public func run(_ command: Command, onLine: (String) -> Void) throws(SpawnError) -> Termination {
        try run(command, log: nil, onLine: onLine)
    }
}

/// The real runner for non-interactive use (`lt-setup apply`): it blocks the calling thread
/// in its own `PollLoop` until the program has ended. The wizard drives `RunningProcess`
/// from its own loop instead, so that the keyboard stays live.
public struct ProcessRunner: ProcessRunning, Sendable {
    /// Grace periods and check interval.
    public var options: RunOptions
    /// A descriptor that cancels the run once readable, e.g. the read end of the self-pipe
    /// written by lt-setup's SIGINT/SIGTERM/SIGHUP handler. It is watched, not read: the
    /// caller drains it and decides what the signal means after the run.
    public var cancelWhenReadable: Int32?

    /// Creates a runner.
    public init(options: RunOptions = RunOptions(), cancelWhenReadable: Int32? = nil) {
        self.options = options
        self.cancelWhenReadable = cancelWhenReadable
    }

    public func run(_ command: Command, log: StepLog?, onLine: (String) -> Void) throws(SpawnError) -> Termination {
        let process = try RunningProcess(command, options: options, log: log)
        return wait(for: process, onLine: onLine)
    }

    /// Runs `argv` directly, with optional extra environment and time limit.
    public func run(argv: [String], environment: [String: String] = [:], timeout: Duration? = nil,
                    log: StepLog? = nil, onLine: (String) -> Void) throws(SpawnError) -> Termination {
        let process = try RunningProcess(argv: argv, environment: environment, timeout: timeout,
                                         options: options, log: log)
        return wait(for: process, onLine: onLine)
    }

    private func wait(for process: RunningProcess, onLine: (String) -> Void) -> Termination {
        var cancelled = false
        var ending: Termination?
        while ending == nil {
            // Once cancelled, stop watching: the descriptor stays readable until the caller
            // drains it, and would turn the loop into a busy wait.
            let loop = PollLoop(watching: cancelled ? [] : cancelWhenReadable.map { [$0] } ?? [])
            loop.pollOnce(
                process: process,
                onReadable: { _ in
                    process.cancel()
                    cancelled = true
                },
                onEvent: { event in
                    switch event {
                    case .output(let line): onLine(line)
                    case .exited(let termination): ending = termination
                    }
                })
        }
        return ending ?? .exited(code: -1)
    }
}
