import Glibc

/// How a step's program ended.
public enum Termination: Sendable, Equatable, CustomStringConvertible {
    /// The program exited by itself with this code. A code of -1 means its status was lost,
    /// which only happens when something made lt-setup ignore `SIGCHLD` (a bug).
    case exited(code: Int32)
    /// The program was killed by this signal, and not by a cancel or timeout of ours.
    case killed(signal: Int32)
    /// The step ran past its time limit and was stopped by the cancel escalation.
    case timedOut
    /// The operator cancelled the step and it was stopped by the cancel escalation.
    case cancelled

    /// True only for an exit with code 0.
    public var succeeded: Bool { self == .exited(code: 0) }

    public var description: String {
        switch self {
        case .exited(let code): return "exited with code \(code)"
        case .killed(let signal): return "killed by signal \(signal) (\(Termination.signalName(signal)))"
        case .timedOut: return "timed out"
        case .cancelled: return "cancelled"
        }
    }

    /// Decodes a `waitpid` status; the C macros (`WIFEXITED`…) are not visible to Swift.
    init(waitStatus status: Int32) {
        let low = status & 0x7f
        if low == 0 {
            self = .exited(code: (status >> 8) & 0xff)
        } else {
            self = .killed(signal: low)
        }
    }

    /// The usual name of a signal, e.g. "SIGKILL", or "signal N" for the others.
    static func signalName(_ signal: Int32) -> String {
        let names: [Int32: String] = [
            SIGHUP: "SIGHUP", SIGINT: "SIGINT", SIGQUIT: "SIGQUIT", SIGILL: "SIGILL",
            SIGABRT: "SIGABRT", SIGBUS: "SIGBUS", SIGFPE: "SIGFPE", SIGKILL: "SIGKILL",
            SIGSEGV: "SIGSEGV", SIGPIPE: "SIGPIPE", SIGALRM: "SIGALRM", SIGTERM: "SIGTERM",
        ]
        return names[signal] ?? "signal \(signal)"
    }
}
