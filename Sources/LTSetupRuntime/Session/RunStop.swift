import Glibc
import LTSetupCore

/// Why a run stopped before its last step, kept in the session so that `status`, the
/// summary log and the next lt-setup can say it.
public struct RunStop: Codable, Sendable, Equatable {
    /// When, as `Timestamp.now()` writes it.
    public var at: String
    /// In words, e.g. "the terminal hung up during step 5 (Restart Icecast); the step finished".
    public var reason: String

    public init(at: String, reason: String) {
        self.at = at
        self.reason = reason
    }
}

/// What stopped a run.
public enum StopCause: Sendable, Equatable {
    /// The terminal hung up: the ssh link dropped (SIGHUP, or end of input).
    case hangUp
    /// Every front end went away while the run went step by step: it stops after the step.
    case hangUpStepByStep
    /// A front end asked the run to stop; `who` names it ("lt-setup process 4242").
    case stoppedBy(String)
    /// lt-setup was asked to stop by this signal (SIGTERM, SIGINT…).
    case signal(Int32)
    /// The operator quit the wizard.
    case quit
    /// The operator stopped the running step.
    case interrupted
    /// A step failed.
    case failed(String)

    /// The cause a stop signal stands for: SIGHUP is the terminal hanging up.
    public init(signal: Int32) {
        self = signal == SIGHUP ? .hangUp : .signal(signal)
    }

    /// What happened, as the start of a sentence.
    var what: String {
        switch self {
        case .hangUp: "the terminal hung up"
        case .hangUpStepByStep: "the terminal hung up in step-by-step mode"
        case .stoppedBy(let who): "the operator (\(who)) stopped the run"
        case .signal(let number): "lt-setup was asked to stop (\(Self.name(of: number)))"
        case .quit: "the operator quit"
        case .interrupted: "the operator stopped the running step"
        case .failed(let message): "a step failed (\(message))"
        }
    }

    static func name(of signal: Int32) -> String {
        switch signal {
        case SIGINT: "SIGINT, Ctrl-C"
        case SIGTERM: "SIGTERM"
        case SIGHUP: "SIGHUP"
        case SIGQUIT: "SIGQUIT"
        default: "signal \(signal)"
        }
    }
}

/// One run of a session, from the request that started it to its end, as the runner that
/// carried it out recorded it.
public struct RunRecord: Codable, Sendable, Equatable {
    /// `all` (every step left) or `next` (step by step).
    public var mode: String
    /// The runner's process id.
    public var runner: Int32
    public var startedAt: String
    public var endedAt: String?
    /// Why it ended, in words: "done", "step 5 (…) failed: …", "stopped by the operator
    /// (lt-setup process 4242) during step 3 (…)", "the terminal hung up in step-by-step
    /// mode during step 2 (…); the step finished".
    public var ending: String?
    /// No front end was attached when it ended: the next one shows its result first.
    public var endedUnwatched: Bool?

    public init(mode: String, runner: Int32, startedAt: String) {
        self.mode = mode
        self.runner = runner
        self.startedAt = startedAt
    }
}
