import LTSetupCore

/// Where one step stands in a session.
public enum StepRunStatus: String, Codable, Sendable {
    case pending
    case running
    case done
    case failed
    case skipped
    /// Stopped by the operator (Ctrl-C) or a signal while its program ran.
    case interrupted
}

/// One step's record in the session file.
public struct StepRecord: Codable, Sendable, Equatable {
    public let id: StepID
    /// The step's title when the session began, for `status` (nil in older session files).
    public var title: String?
    public var status: StepRunStatus
    /// Whether the step acted on the server (rather than finding its work already done).
    public var changed: Bool
    public var startedAt: String?
    public var endedAt: String?
    /// How many times the step was started (nil in older session files, and before its first
    /// start). Timestamps are whole seconds: a step that ends the same way within the second
    /// it ended before is told apart from that earlier attempt by this count.
    public var attempts: Int?
    /// The exit status of the step's last program, when it ran one.
    public var exitStatus: Int32?
    /// Why it failed, was skipped or interrupted, for the operator.
    public var detail: String?
    /// The program the step was running, while it ran: if lt-setup dies, the program lives
    /// on in its own session, and a resumed run waits for it.
    public var program: ProcessIdentity?

    public init(id: StepID, title: String? = nil, status: StepRunStatus = .pending) {
        self.id = id
        self.title = title
        self.status = status
        changed = false
    }

    /// The detail of a step found done on the server, so not run.
    public static let foundDone = "already done"

    /// How the step ended, as the run reported it; nil while it is to do.
    public var outcome: StepOutcome? {
        switch status {
        case .done: changed ? .done : .alreadyDone
        case .skipped: .skipped(detail ?? "skipped")
        case .failed: .failed(detail ?? "failed", restored: [])
        // A step still marked running was cut off when its runner died.
        case .interrupted, .running: .interrupted
        case .pending: nil
        }
    }

    /// Where the step stands, in the words `--help` and the README use: to do, running,
    /// done, already done, not applicable, skipped, failed, interrupted.
    public var statusWord: String {
        switch status {
        case .pending: "to do"
        case .running: "running"
        case .done: detail == Self.foundDone ? "already done" : "done"
        case .skipped: StepOutcome.skippedWord(detail ?? "")
        case .failed: "failed"
        case .interrupted: "interrupted"
        }
    }
}

/// Everything needed to resume a run after the process died: the answers, the plan's
/// fingerprint, each step's status and the backups made. It holds no secret: the answers
/// are a domain, a backend and an email address.
public struct Session: Codable, Sendable, Equatable {
    public static let currentVersion = 1

    public var version: Int
    /// Names the backup and log folders: `20261128-164100-4242`.
    public let id: String
    public let createdAt: String
    public var answers: Answers
    public var fingerprint: String
    public var steps: [StepRecord]
    public var backups: [BackupEntry]
    public var finishedAt: String?
    /// When `lt-setup undo` put the backups back.
    public var undoneAt: String?
    /// Why the last run stopped before the end; nil while a run goes on, or once complete.
    public var stop: RunStop?
    /// Every run of this session, oldest first: who ran it, how and why it ended (nil in
    /// session files written before runs were detached).
    public var runs: [RunRecord]?

    public init(id: String, createdAt: String, plan: Plan) {
        version = Self.currentVersion
        self.id = id
        self.createdAt = createdAt
        answers = plan.answers
        fingerprint = plan.fingerprint
        steps = plan.steps.map { StepRecord(id: $0.id, title: $0.title) }
        backups = []
    }

    public func record(_ id: StepID) -> StepRecord? {
        steps.first { $0.id == id }
    }

    public mutating func update(_ id: StepID, _ change: (inout StepRecord) -> Void) {
        guard let index = steps.firstIndex(where: { $0.id == id }) else { return }
        change(&steps[index])
    }

    /// Steps that acted on the server in this session, or may have (a step that was running
    /// when the process died): restarts that follow them are owed.
    public var changedSteps: Set<StepID> {
        Set(steps.filter { $0.changed || $0.status == .running || $0.status == .interrupted }.map(\.id))
    }

    /// The first step that still has to run, in plan order.
    public var nextStep: StepID? {
        steps.first { [.pending, .running, .failed, .interrupted].contains($0.status) }?.id
    }

    /// Every step done or skipped.
    public var isComplete: Bool { nextStep == nil }

    /// Whether a new run may take this session up where it stopped: it is unfinished and
    /// `undo` has not taken its changes back. (After an undo, its done steps are done no
    /// more: a new run starts from the server as it now stands.)
    public var isResumable: Bool { !isComplete && undoneAt == nil }

    /// The last run ended with no front end attached, and no front end has shown it since.
    public var lastRunUnseen: Bool { runs?.last?.endedUnwatched == true }

    /// Records that a front end has shown how the last run ended.
    public mutating func markLastRunSeen() {
        guard var all = runs, let last = all.indices.last else { return }
        all[last].endedUnwatched = nil
        runs = all
    }

    /// Whether `id` can be a session's: it names folders under the backups and logs, so
    /// only letters, digits, `-` and `_`, at most 64, the first a letter or digit.
    public static func isValidID(_ id: String) -> Bool {
        let scalars = id.unicodeScalars
        let alphanumeric = { (scalar: Unicode.Scalar) in
            scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar))
        }
        guard let first = scalars.first, scalars.count <= 64, alphanumeric(first) else { return false }
        return scalars.allSatisfy { alphanumeric($0) || $0 == "-" || $0 == "_" }
    }

    /// Why this session cannot have been written by lt-setup, or nil. What is read back is
    /// checked as the answers are when typed: its answers reach a root-run renewal hook, its
    /// id names folders, and its backups say what undo writes as root.
    public func integrityProblem(_ changeable: ChangeablePaths = .plan) -> String? {
        guard Self.isValidID(id) else { return "its id is not a session id" }
        switch AnswersValidator.validate(answers.raw) {
        case .failure(let error):
            return "its answers are not valid (\(error))"
        case .success(let validated) where validated != answers:
            return "its answers are not what their own values validate to"
        case .success:
            break
        }
        for entry in backups {
            if let refusal = entry.refusal(for: answers, changeable) { return "its backup list is not lt-setup's: \(refusal)" }
        }
        return nil
    }
}
