/// Where a step stands when the plan is made.
public enum PlannedStatus: Sendable, Equatable {
    /// It will run.
    case toDo
    /// Its done-check already holds: a run skips it.
    case alreadyDone
    /// It does not apply here; the reason says why and what the operator may do.
    case skipped(String)

    public var willRun: Bool { self == .toDo }
}

/// One documented action of the guide, with everything needed to show it, run it, and tell
/// whether it is already done.
public struct Step: Sendable, Equatable, Identifiable {
    public let id: StepID
    /// What the step does, in words an operator understands.
    public let title: String
    /// The section of LibreTime's "Reverse proxy" guide it comes from.
    public let guideSection: String
    /// Why the step is there, for the operator (one or two sentences).
    public let explanation: String
    public let actions: [Action]
    public let doneWhen: DoneCheck
    public var status: PlannedStatus

    public init(id: StepID, title: String, guideSection: String, explanation: String,
                actions: [Action], doneWhen: DoneCheck, status: PlannedStatus = .toDo) {
        self.id = id
        self.title = title
        self.guideSection = guideSection
        self.explanation = explanation
        self.actions = actions
        self.doneWhen = doneWhen
        self.status = status
    }

    /// The files this step writes.
    public var writes: [FileWrite] { actions.compactMap(\.writtenFile) }
}
