

/// How one step ended.
public enum StepOutcome: Sendable, Equatable {
    /// Its actions ran and succeeded.
    case done
    /// Its done-check held when its turn came: nothing was run.
    case alreadyDone
    /// It does not apply here, for this reason.
    case skipped(String)
    /// It failed; the message says why and what to do. `restored` lists the steps whose
    /// files were put back (after a failed config test): they must run again.
    case failed(String, restored: [StepID])
    /// The operator or a signal stopped it while its program ran.
    case interrupted

    /// The reason of a step the operator chose to skip; any other skipped step is not
    /// applicable (the plan left it out, saying why).
    public static let skippedByOperator = "skipped by the operator"

    /// The word for a skipped step: "skipped" when the operator chose it, else "not
    /// applicable".
    public static func skippedWord(_ reason: String) -> String {
        reason == skippedByOperator ? "skipped" : "not applicable"
    }
}

/// What happened while a plan ran, in order, for the log pane and `apply`'s progress.
public enum RunEvent: Sendable, Equatable {
    case stepStarted(StepID, title: String, number: Int, of: Int)
    /// One action of the step began, described for the log: `$ nginx -t`, `write /etc/…`.
    case actionStarted(StepID, String)
    case output(StepID, String)
    case stepFinished(StepID, StepOutcome)
}

/// How far the operator asked a run to go.
public enum RunMode: Equatable, Sendable {
    /// Every step left, stopping at the first failure.
    case all
    /// Only the next step that has work to do.
    case next
}
