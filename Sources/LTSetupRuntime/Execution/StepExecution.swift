import Glibc
import LTSetupCore
import Yams

/// Carries out one step's actions, in order, for real.
///
/// File actions happen at once, each after a backup; a program is started and then driven by
/// the caller's poll loop, so that one loop serves the keyboard and the program alike (see
/// `RunningProcess`). Use:
///
///     execution.start(deliver)
///     while !execution.isFinished {
///         poll(execution.process?.fileDescriptor + the caller's own, execution.pollTimeout)
///         execution.service(outputReadable: …, deliver)
///     }
public final class StepExecution {
    public let step: Step
    public private(set) var outcome: StepOutcome?
    /// The program running now, if any: poll its `fileDescriptor`.
    public private(set) var process: RunningProcess?
    /// The backups made so far, including this step's.
    public private(set) var backups: BackupStore

    let log: StepLog?
    let options: RunOptions
    var remaining: ArraySlice<Action>
    var current: Action?
    var lastOutput: [String] = []
    var cancelRequested = false
    /// How the step's last program ended.
    public private(set) var lastTermination: Termination?

    public init(step: Step, backups: BackupStore, log: StepLog?, options: RunOptions = RunOptions()) {
        self.step = step
        self.backups = backups
        self.log = log
        self.options = options
        remaining = step.actions[...]
    }

    public var isFinished: Bool { outcome != nil }

    /// How long the caller's poll may sleep.
    public var pollTimeoutMilliseconds: Int32 { process?.pollTimeoutMilliseconds ?? 0 }

    /// Runs actions until a program is running or the step has ended.
    public func start(_ deliver: (RunEvent) -> Void) {
        proceed(deliver)
    }

    /// Call after every wake-up of the caller's poll.
    public func service(outputReadable: Bool, _ deliver: (RunEvent) -> Void) {
        guard let process, outcome == nil else { return }
        var ended: Termination?
        process.service(outputReadable: outputReadable) { event in
            switch event {
            case .output(let line):
                remember(line)
                deliver(.output(step.id, line))
            case .exited(let termination):
                ended = termination
            }
        }
        if let ended {
            self.process = nil
            programEnded(ended, deliver)
        }
    }

    /// Stops the running program (SIGINT, then SIGTERM, then SIGKILL to its group); the
    /// step ends as interrupted. Between actions, the step stops before the next one.
    public func cancel() {
        cancelRequested = true
        process?.cancel()
    }

    func proceed(_ deliver: (RunEvent) -> Void) {
        while outcome == nil, process == nil {
            if cancelRequested { return finish(.interrupted, deliver) }
            guard let action = remaining.popFirst() else { return finish(.done, deliver) }
            current = action
            deliver(.actionStarted(step.id, action.logLine))
            log?.append(line: "▶ " + action.logLine)
            do {
                try perform(action, deliver)
            } catch {
                // The step's log says why too: it is what an operator opens later.
                log?.append(line: "✖ \(error)")
                return finish(.failed("\(action.logLine): \(error)", restored: []), deliver)
            }
        }
    }

    func perform(_ action: Action, _ deliver: (RunEvent) -> Void) throws {
        switch action {
        case .write(let write):
            try checkContent(write)
            try changing(write.path) {
                try AtomicFile.write(Array(write.content.utf8), to: write.path, permissions: write.permissions)
            }
        case .assemble(let assembly):
            try changing(assembly.path) {
                try AtomicFile.assemble(sources: assembly.sources, to: assembly.path, permissions: assembly.permissions)
            }
        case .remove(let path):
            try changing(path) { try AtomicFile.remove(path) }
        case .symlink(let path, let target):
            try changing(path) { try AtomicFile.symlink(target: target, at: path) }
        case .run(let command), .configTest(let command, _), .restart(_, let command):
            for path in command.touches { try backups.backUp(path, step: step.id.rawValue) }
            lastOutput = []
            let started = try RunningProcess(command, options: options, log: log)
            process = started
            // A cancel that came while the program was being started still applies to it.
            if cancelRequested { started.cancel() }
        }
    }

    /// Backs `path` up, changes it, and records what it became.
    func changing(_ path: String, _ change: () throws -> Void) throws {
        try backups.backUp(path, step: step.id.rawValue)
        try change()
        try backups.recordAfter(path)
    }

    /// A YAML file must still parse after the edit: LibreTime would not start otherwise.
    func checkContent(_ write: FileWrite) throws {
        guard write.path.hasSuffix(".yml") || write.path.hasSuffix(".yaml") else { return }
        if let refusal = YAMLLimits.refusal(write.content) {
            throw ExecutionError("the new \(write.path) is not parsed: \(refusal); it was not written")
        }
        do {
            _ = try Yams.load(yaml: write.content)
        } catch {
            throw ExecutionError("the new \(write.path) would not parse as YAML (\(error)); it was not written")
        }
    }

    func programEnded(_ termination: Termination, _ deliver: (RunEvent) -> Void) {
        guard let action = current else { return }
        lastTermination = termination
        if let command = action.command {
            for path in command.touches { _ = try? backups.recordAfter(path) }
        }
        log?.append(line: "◀ \(termination)")
        if termination == .cancelled { return finish(.interrupted, deliver) }
        if termination.succeeded { return proceed(deliver) }
        let program = action.command?.argv.first ?? "the program"
        var message = "\(program) \(termination)"
        var restored: [StepID] = []
        if case .configTest(_, let steps) = action {
            restored = restore(steps)
            message = "the configuration test failed; the previous files were put back and nothing was restarted"
        }
        if let telling = Self.tellingLine(lastOutput) { message += ": \(telling)" }
        finish(.failed(message, restored: restored), deliver)
    }

    /// Puts back the files the listed steps changed; returns the steps restored.
    func restore(_ steps: [StepID]) -> [StepID] {
        let names = Set(steps.map(\.rawValue))
        let entries = backups.entries.filter { names.contains($0.step) }
        let failures = backups.restoreAll(entries)
        for failure in failures { log?.append(line: "could not restore \(failure.entry.path): \(failure.error)") }
        log?.append(line: "restored \(entries.count - failures.count) of \(entries.count) files")
        return steps.filter { step in entries.contains { $0.step == step.rawValue } }
    }

    /// The line of a failed program's last output most likely to say why: the last that
    /// speaks of an error, else the last non-empty one.
    static func tellingLine(_ lines: [String]) -> String? {
        let words = ["error", "failed", "refused", "denied", "invalid", "problem", "unable", "cannot", "not found"]
        return lines.last { line in
            let lowered = line.lowercased()
            return words.contains { lowered.contains($0) } && !lowered.hasPrefix("ask for help")
        } ?? lines.last { !$0.isEmpty }
    }

    func remember(_ line: String) {
        lastOutput.append(line)
        if lastOutput.count > 20 { lastOutput.removeFirst(lastOutput.count - 20) }
    }

    func finish(_ result: StepOutcome, _ deliver: (RunEvent) -> Void) {
        outcome = result
        log?.flush()
        deliver(.stepFinished(step.id, result))
    }
}

/// A step that cannot go on, with what to do.
public struct ExecutionError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String

    public init(_ message: String) {
        self.message = message
    }

    public var description: String { message }
}
