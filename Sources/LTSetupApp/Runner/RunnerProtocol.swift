import LTSetupCore

/// What a front end asks of the runner, one line each on the control socket.
public enum RunnerRequest: Equatable, Sendable {
    /// Run every step left, stopping at the first failure; goes on if every front end leaves.
    case all
    /// Run the next step that has work to do, then wait.
    case next
    /// Mark a step skipped without running it.
    case skip(StepID)
    /// Stop the running step's program (never dpkg's: the run then stops after it).
    case stopStep
    /// Start no new step; the running one finishes.
    case stopAfterStep
    /// This front end goes away on purpose (the operator quit): not a hang-up.
    case leave

    public var line: String {
        switch self {
        case .all: "all"
        case .next: "next"
        case .skip(let id): "skip \(id.rawValue)"
        case .stopStep: "stop-step"
        case .stopAfterStep: "stop-after-step"
        case .leave: "leave"
        }
    }

    /// The request a line stands for; nil for anything else, which the runner refuses.
    public init?(line: String) {
        let words = line.split(separator: " ", omittingEmptySubsequences: true).map(String.init)
        switch (words.first, words.count) {
        case ("all", 1): self = .all
        case ("next", 1): self = .next
        case ("skip", 2):
            guard let id = StepID(rawValue: words[1]) else { return nil }
            self = .skip(id)
        case ("stop-step", 1): self = .stopStep
        case ("stop-after-step", 1): self = .stopAfterStep
        case ("leave", 1): self = .leave
        default: return nil
        }
    }
}

/// What the runner tells its front ends. The run's progress itself is in the session file
/// and the step logs, which front ends read from where they left off: `changed` only says
/// there is something new to read.
public enum RunnerNotice: Equatable, Sendable {
    /// Whether steps are being run, and how far: `all`, `next`, or nil (waiting for a request).
    case state(RunMode?)
    /// The session or a step's log has something new.
    case changed
    /// A request could not be carried out, and why.
    case refused(String)
    /// Something the operator should know that is in no file (a session that could not be
    /// saved, dpkg not being stopped).
    case note(String)

    public var line: String {
        switch self {
        case .state(let mode): "state \(mode.map(Self.word) ?? "idle")"
        case .changed: "changed"
        case .refused(let why): "refused \(Self.oneLine(why))"
        case .note(let text): "note \(Self.oneLine(text))"
        }
    }

    public init?(line: String) {
        let parts = line.split(separator: " ", maxSplits: 1).map(String.init)
        switch (parts.first, parts.count) {
        case ("state", 2):
            switch parts[1] {
            case "all": self = .state(.all)
            case "next": self = .state(.next)
            case "idle": self = .state(nil)
            default: return nil
            }
        case ("changed", 1): self = .changed
        case ("refused", 2): self = .refused(parts[1])
        case ("note", 2): self = .note(parts[1])
        default: return nil
        }
    }

    public static func word(_ mode: RunMode) -> String {
        mode == .all ? "all" : "next"
    }

    /// A notice is one line: line breaks inside become spaces.
    static func oneLine(_ text: String) -> String {
        String(text.map { $0.isNewline ? " " : $0 })
    }
}

/// Where a session's runner listens: beside the session file, in the same root-only folder.
public enum RunnerSocket {
    public static func path(forSession session: String) -> String { session + ".sock" }
}
