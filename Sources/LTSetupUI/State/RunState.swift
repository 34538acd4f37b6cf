import LTSetupCore

/// Where one step stands on the run screen.
public enum StepProgress: Equatable, Sendable {
    case pending
    /// Running since `since` (the clock's seconds).
    case running(since: Double)
    /// Ended, after `seconds`.
    case finished(StepOutcome, seconds: Double)

    /// Finished and nothing left to do for it: done, already done or skipped.
    public var isSettled: Bool {
        guard case .finished(let outcome, _) = self else { return false }
        switch outcome {
        case .done, .alreadyDone, .skipped: return true
        case .failed, .interrupted: return false
        }
    }

    public var isRunning: Bool {
        if case .running = self { return true }
        return false
    }

    /// Failed or stopped: retry or skip it.
    public var needsAttention: Bool {
        guard case .finished(let outcome, _) = self else { return false }
        switch outcome {
        case .failed, .interrupted: return true
        default: return false
        }
    }
}

/// One row of the run screen, with the last lines of its log.
public struct RunStep: Equatable, Sendable {
    public let id: StepID
    public var title: String
    /// What the plan said before the run.
    public var planned: PlannedStatus
    public var progress: StepProgress
    public var log: LogRing

    public init(_ step: Step, logCapacity: Int) {
        id = step.id
        title = step.title
        planned = step.status
        progress = .pending
        log = LogRing(capacity: logCapacity)
    }
}

/// The run screen: the steps, which one is selected, the log pane's scroll, and whether a run
/// is going on.
public struct RunState: Equatable, Sendable {
    public var steps: [RunStep]
    /// The step whose log the pane shows.
    public var selected: Int
    /// The selection jumps to each step as it starts, until the operator moves it.
    public var selectionFollowsRun: Bool
    /// A run the program is carrying out, from the key that started it to its end.
    public var mode: RunMode?
    /// Lines the log pane is scrolled up from the newest; 0 follows the tail.
    public var logScroll: Int
    /// The log shown over the whole screen.
    public var showsFullLog: Bool
    /// The step that stopped the last run (failed or interrupted), whose output and advice
    /// are shown.
    public var stoppedAt: StepID?
    public let logCapacity: Int

    /// Every step of the plan pending, the first selected, no run going on.
    public init(plan: Plan?, logCapacity: Int) {
        steps = plan?.steps.map { RunStep($0, logCapacity: logCapacity) } ?? []
        selected = 0
        selectionFollowsRun = true
        mode = nil
        logScroll = 0
        showsFullLog = false
        stoppedAt = nil
        self.logCapacity = logCapacity
    }

    public func index(of id: StepID) -> Int? { steps.firstIndex { $0.id == id } }

    /// The step running now, if any.
    public var running: RunStep? { steps.first { $0.progress.isRunning } }

    /// A run is going on: started by a key, not yet ended.
    public var isBusy: Bool { mode != nil || running != nil }

    /// Every step done, already done or skipped.
    public var isComplete: Bool { !steps.isEmpty && steps.allSatisfy(\.progress.isSettled) }

    /// Some step is still to run (pending, failed or stopped).
    public var hasWorkLeft: Bool { steps.contains { !$0.progress.isSettled } }

    /// No step has started yet and none is starting: nothing has been changed.
    public var notStarted: Bool { mode == nil && steps.allSatisfy { $0.progress == .pending } }

    public var selectedStep: RunStep? { steps.indices.contains(selected) ? steps[selected] : nil }
}
