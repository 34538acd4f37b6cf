import Foundation
import Glibc
import LTSetupCore

/// Runs a plan step by step against a session, so that a run that died resumes exactly
/// where it stopped.
///
/// Before each step the plan is built again from the files as they are now, so a step acts
/// on what is on disk (an edit computed before certbot ran would be stale), and its
/// done-check decides whether it runs. Like `StepExecution`, it is driven by the caller's
/// poll loop: `startNextStep`, then `service` after each wake-up while `execution` is set.
public final class PlanRun {
    public let answers: Answers
    public private(set) var session: Session
    public private(set) var execution: StepExecution?
    /// Set when a step could not be started or finished; the run stops there.
    public private(set) var stopped = false
    /// The last step begun in this run, for the record of why it stopped.
    var lastStep: (id: StepID, title: String)?
    /// A program that a dead lt-setup left running in this step, waited for without
    /// blocking: the caller's loop goes on serving keys, signals and paints meanwhile.
    var orphanWait: (step: Step, program: ProcessIdentity, deadline: ContinuousClock.Instant)?
    /// The step whose orphan was waited for: it is not announced again, nor waited for twice.
    var waited: StepID?
    /// The operator stopped the wait (Ctrl-C, x): the step is marked interrupted.
    var abandonWait = false
    /// Told when the session file could not be saved (the run goes on), once per distinct
    /// failure. By default the message goes to stderr.
    public var saveFailed: (String) -> Void = { message in
        FileHandle.standardError.write(Data("lt-setup: \(message)\n".utf8))
    }
    /// Why the last save of the session failed; nil once a save succeeds. While it is set,
    /// the session file on disk is behind `session`: front ends reading it are told so.
    public private(set) var lastSaveFailure: String?

    let files: ServerFiles
    let planner: Planner
    let store: SessionStore
    public let locations: RunLocations
    let options: RunOptions
    var backups: BackupStore

    /// Makes the plan from the server's files as they are at that moment.
    public typealias Planner = (ServerFiles) throws -> Plan

    /// - Parameter planner: the plan for the files as they are now; by default the guide's,
    ///   for `answers`. Tests give plans over temporary folders.
    public init(answers: Answers, session: Session, files: ServerFiles, store: SessionStore,
                locations: RunLocations, options: RunOptions = RunOptions(), planner: Planner? = nil) throws {
        self.answers = answers
        self.session = session
        self.files = files
        self.planner = planner ?? { files in try PlanBuilder.build(answers, on: files) }
        self.store = store
        self.locations = locations
        self.options = options
        // The backups hold copies of private keys, the logs what programs printed: their
        // folders must be this user's alone before anything goes in.
        for root in [locations.backupsRoot, locations.logsRoot] { try StateFolders.check(folder: root) }
        backups = try BackupStore(directory: locations.backups(session.id))
        // A failed configuration test puts back what the manifest says, as root.
        if let refusal = backups.entries.lazy.compactMap({ $0.refusal(for: answers, store.changeable) }).first {
            throw ExecutionError("the backups in \(backups.directory) were not written by lt-setup as they are: \(refusal). Nothing was run; check who changed them.")
        }
        // A write killed mid-way left its temporary beside the file (every file a run
        // writes has its backup entry first), the session or the manifest.
        let written = backups.entries.map(\.path) + [store.path, backups.directory + "/" + BackupStore.manifestName,
                                                     locations.summary(session.id)]
        for path in written { AtomicFile.removeTemporaries(beside: path) }
    }

    /// Whether every step is done or skipped.
    public var isComplete: Bool { session.isComplete }

    /// A step's program runs, or a program left by a dead lt-setup is waited for.
    public var isBusy: Bool { execution != nil || orphanWait != nil }

    /// How long the caller may poll before `service` must be called again.
    public var pollTimeoutMilliseconds: Int32 {
        if let execution { return execution.pollTimeoutMilliseconds }
        return orphanWait == nil ? 0 : 100
    }

    /// Starts the next step that is not done. Steps found done or skipped finish at once
    /// and the next is tried; returns false when nothing is left to start or the run stopped.
    @discardableResult
    public func startNextStep(_ deliver: (RunEvent) -> Void) -> Bool {
        while execution == nil, orphanWait == nil, !stopped, let id = session.nextStep {
            guard let step = currentStep(id, deliver) else { return false }
            let wasInterrupted = [.running, .interrupted].contains(session.record(id)?.status)
            if waited != id {
                announce(id, step.title, deliver)
                if startWaitingForOrphan(of: step, deliver) { return true }
            }
            waited = nil
            if case .skipped(let reason) = step.status {
                conclude(id, .skipped(reason), changed: false, deliver)
                continue
            }
            if step.doneWhen.holds(on: files, changed: session.changedSteps.subtracting([id])) {
                // A step that died mid-way but whose work is on disk still counts as a change,
                // and what its program left in the files it touches is what undo compares to.
                if wasInterrupted { recordAfter(step) }
                conclude(id, .alreadyDone, changed: wasInterrupted, deliver)
                continue
            }
            return begin(step, deliver)
        }
        return execution != nil
    }

    /// Drives the running step, or the wait for a dead run's program; call after every
    /// wake-up of the caller's poll.
    public func service(outputReadable: Bool, _ deliver: (RunEvent) -> Void) {
        if let wait = orphanWait {
            if abandonWait {
                // The step stays recorded as running with that program, so that the next
                // run waits for it again; on screen it is stopped, as asked.
                orphanWait = nil
                abandonWait = false
                lastStep = (wait.step.id, wait.step.title)
                stopped = true
                say("stopped waiting; process \(wait.program.pid) goes on, and the next run waits for it again", in: wait.step.id, deliver)
                deliver(.stepFinished(wait.step.id, .interrupted))
                return
            }
            guard !wait.program.isAlive || ContinuousClock.now >= wait.deadline else { return }
            orphanWait = nil
            waited = wait.step.id
            startNextStep(deliver)
            return
        }
        guard let execution else { return }
        execution.service(outputReadable: outputReadable, deliver)
        if let outcome = execution.outcome {
            finished(execution, outcome, deliver)
        } else {
            recordProgram(execution)
        }
    }

    /// Records the present state of every backed-up file the step may have changed.
    func recordAfter(_ step: Step) {
        // Also the files this step backed up in an earlier attempt: a run killed between a
        // write and its record, resumed, finds that write in place and plans nothing for it,
        // and undo would take the file for someone else's change.
        let paths = Set(step.actions.flatMap(\.changedPaths))
            .union(backups.entries.filter { $0.step == step.id.rawValue && $0.after == nil }.map(\.path))
        for path in paths.sorted() where backups.entry(for: path) != nil {
            _ = try? backups.recordAfter(path)
        }
        session.backups = backups.entries
    }

    /// Saves the identity of the step's program each time a new one starts.
    func recordProgram(_ execution: StepExecution) {
        let identity = execution.process.flatMap { ProcessIdentity.of($0.pid) }
        guard identity != nil, identity != session.record(execution.step.id)?.program else { return }
        session.update(execution.step.id) { $0.program = identity }
        save()
    }

    /// When lt-setup died while a step's program ran, that program may still be at work in
    /// its own session: wait for it (up to its step's time limit) before checking the step.
    /// Starts waiting when the step's program, left by a dead lt-setup, still runs; true
    /// when it does. `service` ends the wait (for the step's own time limit at most).
    func startWaitingForOrphan(of step: Step, _ deliver: (RunEvent) -> Void) -> Bool {
        guard let record = session.record(step.id), record.status == .running,
              let program = record.program, program.isAlive else { return false }
        let limit = step.actions.compactMap(\.command).map(\.timeoutSeconds).max() ?? 600
        say("waiting for process \(program.pid), left running by the previous lt-setup, to finish", in: step.id, deliver)
        orphanWait = (step, program, ContinuousClock.now + .seconds(limit))
        return true
    }

    /// A line of the run's own about a step: shown, and kept in the step's log, which front
    /// ends that follow the run read.
    func say(_ line: String, in id: StepID, _ deliver: (RunEvent) -> Void) {
        deliver(.output(id, line))
        if let log = try? StepLog(directory: locations.logs(session.id), fileName: RunLocations.stepLogName(id, number: number(of: id))) {
            log.append(line: line)
            log.close()
        }
    }

    /// Stops the running step's program; the step is marked interrupted. While a dead
    /// run's program is waited for, the wait stops (that program is not lt-setup's to kill).
    public func cancel() {
        if orphanWait != nil { abandonWait = true }
        execution?.cancel()
    }

    /// Marks a step skipped at the operator's request; it is not run.
    public func skip(_ id: StepID, reason: String, _ deliver: (RunEvent) -> Void) {
        guard execution == nil else { return }
        announce(id, id.rawValue, deliver)
        conclude(id, .skipped(reason), changed: false, deliver)
    }

    /// The step as planned from the files as they are now, or nil (and the run stopped)
    /// when no plan can be made.
    func currentStep(_ id: StepID, _ deliver: (RunEvent) -> Void) -> Step? {
        do {
            let plan = try planner(files)
            if let step = plan.step(id) { return step }
            announce(id, id.rawValue, deliver)
            conclude(id, .skipped("not part of the plan for these answers on this server"), changed: false, deliver)
            return nil
        } catch {
            announce(id, id.rawValue, deliver)
            lastStep = (id, id.rawValue)
            stopped = true
            session.stop = stopRecord(.failed("\(error)"))
            conclude(id, .failed("\(error)", restored: []), changed: false, deliver)
            return nil
        }
    }

    func announce(_ id: StepID, _ title: String, _ deliver: (RunEvent) -> Void) {
        deliver(.stepStarted(id, title: title, number: number(of: id), of: session.steps.count))
    }

    func begin(_ step: Step, _ deliver: (RunEvent) -> Void) -> Bool {
        // Running again: an earlier stop is history, kept in the summary log of that run.
        session.stop = nil
        lastStep = (step.id, step.title)
        session.update(step.id) {
            $0.status = .running
            $0.startedAt = Timestamp.now()
            $0.attempts = ($0.attempts ?? 0) + 1
            $0.endedAt = nil
            $0.detail = nil
        }
        save()
        let log = try? StepLog(directory: locations.logs(session.id),
                               fileName: RunLocations.stepLogName(step.id, number: number(of: step.id)))
        let execution = StepExecution(step: step, backups: backups, log: log, options: options)
        self.execution = execution
        execution.start(deliver)
        if let outcome = execution.outcome {
            finished(execution, outcome, deliver)
        } else {
            recordProgram(execution)
        }
        return true
    }

    func finished(_ execution: StepExecution, _ outcome: StepOutcome, _ deliver: (RunEvent) -> Void) {
        self.execution = nil
        backups = execution.backups
        session.backups = backups.entries
        let exit = execution.lastTermination.flatMap { termination -> Int32? in
            if case .exited(let code) = termination { return code }
            return nil
        }
        recordOutcome(execution.step.id, outcome, changed: true, exitStatus: exit)
        session.update(execution.step.id) { $0.program = nil }
        if case .failed(let message, let restored) = outcome {
            // Their files were put back: they must run again before the failed step.
            for id in restored { session.update(id) { $0.status = .pending; $0.changed = false } }
            stopped = true
            session.stop = stopRecord(.failed(message))
        }
        if outcome == .interrupted {
            stopped = true
            session.stop = stopRecord(.interrupted)
        }
        save()
    }

    /// Lets a run that stopped (a failure, an interrupted step) start steps again: the
    /// operator retries, or skips the step that stopped it.
    public func clearStop() {
        stopped = false
    }

    /// Opens the record of one run of this session (`mode`: "all" or "next"), by this
    /// process.
    public func openRunRecord(mode: String) {
        session.runs = (session.runs ?? []) + [RunRecord(mode: mode, runner: getpid(), startedAt: Timestamp.now())]
        save()
    }

    /// Closes the open run record with why the run ended: done, the recorded stop, or `cause`;
    /// `askedBy` names the front end that asked for the stop.
    public func closeRunRecord(_ cause: StopCause?, askedBy: String? = nil, unwatched: Bool) {
        guard var runs = session.runs, let last = runs.indices.last, runs[last].endedAt == nil else { return }
        if let cause, !session.isComplete, !stopped { session.stop = stopRecord(cause) }
        runs[last].endedAt = Timestamp.now()
        var ending = session.isComplete ? "done: every step is done, already done or not needed"
            : session.stop?.reason ?? "ended between steps, with steps left to run"
        if let askedBy, !session.isComplete { ending += " (asked by \(askedBy))" }
        runs[last].ending = ending
        runs[last].endedUnwatched = unwatched ? true : nil
        session.runs = runs
        save()
    }

    /// Records why the run stops here (a hang-up, a signal, the operator quitting), with the
    /// last step and how it ended. A run that is complete has nothing to record.
    public func recordStop(_ cause: StopCause) {
        guard !session.isComplete else { return }
        session.stop = stopRecord(cause)
        save()
    }

    func stopRecord(_ cause: StopCause) -> RunStop {
        guard let (id, title) = lastStep else {
            return RunStop(at: Timestamp.now(), reason: "\(cause.what) before any step ran")
        }
        if case .failed(let message) = cause {
            let first = message.split(separator: "\n").first.map(String.init) ?? message
            return RunStop(at: Timestamp.now(), reason: "step \(number(of: id)) (\(title)) failed: \(TerminalText.safe(first))")
        }
        let ending: String
        switch session.record(id)?.status {
        case .done: ending = "the step finished"
        case .skipped: ending = "the step was skipped"
        case .failed: ending = "the step failed"
        case .interrupted: ending = "the step was stopped before it finished"
        case .running: ending = "the step was still running"
        case .pending, nil: ending = "the step did not finish"
        }
        return RunStop(at: Timestamp.now(), reason: "\(cause.what) during step \(number(of: id)) (\(title)); \(ending)")
    }

    func conclude(_ id: StepID, _ outcome: StepOutcome, changed: Bool, _ deliver: (RunEvent) -> Void) {
        recordOutcome(id, outcome, changed: changed, exitStatus: nil)
        save()
        deliver(.stepFinished(id, outcome))
    }

    func recordOutcome(_ id: StepID, _ outcome: StepOutcome, changed: Bool, exitStatus: Int32?) {
        session.update(id) { record in
            record.endedAt = Timestamp.now()
            if record.startedAt == nil { record.startedAt = record.endedAt }
            record.exitStatus = exitStatus ?? record.exitStatus
            switch outcome {
            case .done: record.status = .done; record.changed = changed; record.detail = nil
            case .alreadyDone: record.status = .done; record.changed = changed; record.detail = StepRecord.foundDone
            // What programs printed ends up in these words: kept safe for a terminal.
            case .skipped(let reason): record.status = .skipped; record.detail = TerminalText.safe(reason)
            case .failed(let message, _): record.status = .failed; record.detail = TerminalText.safe(message)
            case .interrupted: record.status = .interrupted; record.detail = "interrupted"
            }
        }
        if session.isComplete, session.finishedAt == nil { session.finishedAt = Timestamp.now() }
    }

    func save() {
        writeSummary()
        do {
            try store.save(session)
            lastSaveFailure = nil
        } catch {
            // The run goes on: the files are changed either way, and stopping here would leave
            // the server half-configured. The next save may succeed.
            let message = "\(error)"
            if message != lastSaveFailure { saveFailed(message) }
            lastSaveFailure = message
        }
    }

    /// `summary.log` beside the step logs: where the session stands, in words.
    func writeSummary() {
        let text = SessionSummary.text(session, marks: .ascii, locations: locations)
        do {
            try Directories.create(locations.logs(session.id), mode: 0o700)
            try AtomicFile.write(Array(text.utf8), to: locations.summary(session.id),
                                 permissions: FilePermissions(owner: "root", group: "root", mode: 0o600))
        } catch {
            // The session file is what resume needs; a missing summary only costs the reader.
        }
    }

    func number(of id: StepID) -> Int {
        (session.steps.firstIndex { $0.id == id } ?? 0) + 1
    }
}

/// Where a run keeps its backups and logs.
public struct RunLocations: Sendable {
    public let backupsRoot: String
    public let logsRoot: String

    public init(backupsRoot: String = "/var/lib/lt-setup/backups", logsRoot: String = "/var/log/lt-setup") {
        self.backupsRoot = backupsRoot
        self.logsRoot = logsRoot
    }

    public func backups(_ session: String) -> String { "\(backupsRoot)/\(session)" }
    public func logs(_ session: String) -> String { "\(logsRoot)/\(session)" }
    /// The file name of a step's log: its number in the plan, then its id (`05-certificate.log`).
    public static func stepLogName(_ id: StepID, number: Int) -> String {
        (number < 10 ? "0\(number)" : "\(number)") + "-\(id.rawValue).log"
    }
    /// The log of step `id` of `session`, or nil when the session has no such step.
    public func stepLog(_ id: StepID, in session: Session) -> String? {
        guard let index = session.steps.firstIndex(where: { $0.id == id }) else { return nil }
        return logs(session.id) + "/" + Self.stepLogName(id, number: index + 1)
    }
    /// Where the session stands, in words, beside its step logs.
    public func summary(_ session: String) -> String { logs(session) + "/summary.log" }
}

/// Times in the session file: UTC, ISO 8601.
public enum Timestamp {
    public static func now() -> String {
        ISO8601DateFormatter().string(from: Date())
    }

    /// A session id from the time and pid: sortable, and unique on one server.
    public static func sessionID() -> String {
        let formatter = DateFormatter()
        formatter.dateFormat = "yyyyMMdd-HHmmss"
        formatter.timeZone = TimeZone(identifier: "UTC")
        return "\(formatter.string(from: Date()))-\(getpid())"
    }
}
