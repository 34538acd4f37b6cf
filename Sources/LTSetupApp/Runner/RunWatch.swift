import LTSetupCore

/// Whether the run a front end follows has begun and ended, from the runner's state notices.
/// A runner says it is idle before it takes up a request, so a front end that has just asked
/// for a run must not take that idle for the run's end: only an idle after the run began, or
/// the runner gone, ends it. Shared by `apply`'s plain output and the wizard.
public struct RunWatch: Equatable, Sendable {
    public private(set) var began: Bool
    public private(set) var ended: Bool

    /// For a run this front end just asked for: it waits for the run to begin.
    public static var requested: RunWatch { RunWatch(began: false, ended: false) }

    /// For a front end that attached to a runner in `mode`: a run goes on, or none does.
    public static func attached(mode: RunMode?) -> RunWatch {
        RunWatch(began: mode != nil, ended: mode == nil)
    }

    /// Takes in what the runner said since the last call; returns true on the call where
    /// the run ended.
    public mutating func observe(_ notices: [RunnerNotice], runnerGone: Bool) -> Bool {
        guard !ended else { return false }
        for case .state(let mode) in notices {
            if mode != nil { began = true } else if began { ended = true }
        }
        if runnerGone { ended = true }
        return ended
    }
}
