import Glibc

/// When a cancelled or timed-out step's process group gets which signal.
///
/// First SIGINT, as if the operator pressed ^C in a terminal; after the grace period SIGTERM
/// plus SIGCONT (a stopped process does not act on SIGTERM until continued); after another
/// grace period SIGKILL, which nothing can ignore. A pure value: the caller sends the signals.
struct CancelEscalation: Equatable {
    private enum Stage { case interrupt, terminate, kill, done }

    private let grace: Duration
    private var stage: Stage = .interrupt
    /// When the next stage is due; nil before the first and after the last.
    private(set) var nextDeadline: ContinuousClock.Instant?

    init(grace: Duration) {
        self.grace = grace
    }

    /// True once SIGKILL has been handed out: nothing harder remains.
    var isComplete: Bool { stage == .done }

    /// The signals due at `now`, in the order to send them; empty when nothing is due.
    mutating func signalsDue(at now: ContinuousClock.Instant) -> [Int32] {
        if let deadline = nextDeadline, now < deadline { return [] }
        switch stage {
        case .interrupt:
            stage = .terminate
            nextDeadline = now + grace
            return [SIGINT]
        case .terminate:
            stage = .kill
            nextDeadline = now + grace
            return [SIGTERM, SIGCONT]
        case .kill:
            stage = .done
            nextDeadline = nil
            return [SIGKILL]
        case .done:
            return []
        }
    }
}
