import LTSetupCore

/// Something that happened, fed to `Wizard.update`: a key, a resize, the clock, or the
/// result of an effect the program carried out.
public enum WizardAction: Equatable, Sendable {
    case keyPressed(Key)
    case resized(Size)
    /// The monotonic clock now reads `seconds` since lt-setup started (spinner, elapsed
    /// times). The program sends it about ten times a second while a step runs.
    case tick(seconds: Double)
    /// A step started, printed a line, or finished.
    case runEvent(RunEvent)
    /// The run the program was carrying out has ended: nothing left, a failure, or the one
    /// step of `.next` is over.
    case runEnded
    /// The plan asked for by `.buildPlan` is made.
    case planReady(Plan)
    /// No plan could be made; the message says why and what to do.
    case planFailed(String)
    /// The session asked for by `.resumeSession` is loaded: its plan (answers included) and
    /// how each step ended so far (steps not listed are still to run).
    case sessionResumed(Plan, outcomes: [StepID: StepOutcome])
    /// A session was created or resumed: where its logs and backups are.
    /// The other lt-setup that was finishing the session's step has ended; the session as
    /// it now stands (nil when nothing is left to resume).
    case otherRunEnded(ResumableSession?)
    case sessionOpened(SessionLocations)
    /// The checks asked for by `.runPreflight` are done.
    case preflightReady([Check])
    /// The checks asked for by `.runVerification` are done.
    case verificationReady([Check])
    /// The session file was written.
    case sessionSaved
    /// The session file could not be written; the message says why.
    case sessionFailed(String)
    /// The run could not start (a preview, not root, the session locked); the message says
    /// why and what to do. `.runEnded` follows.
    case runRefused(String)
    /// This wizard attached to the session's run, which a runner carries out whatever
    /// terminal comes and goes: `mode` is how far it is running (nil: it waits for a
    /// request). Follows `.sessionResumed`; a complete run opens on the summary.
    case runAttached(RunMode?)
    /// Something the run says that is in no file (dpkg is not stopped mid-way, the session
    /// could not be saved).
    case runNote(String)
}

/// Something the program is asked to do; it reports back with a `WizardAction`.
public enum WizardEffect: Equatable, Sendable {
    /// Write these answers, and the screen the operator is on, to disk now (each answer and
    /// each move between screens is saved as it happens), so that a wizard cut off before its
    /// run can be resumed at the same place.
    case saveAnswers(RawAnswers, screen: WizardScreen)
    /// Make the plan for these validated answers from the real disk; reply `.planReady`
    /// or `.planFailed`.
    case buildPlan(Answers)
    /// Run the preflight checks for these answers against the server; reply
    /// `.preflightReady`. Asked for when the preflight screen opens and on `r`.
    case runPreflight(Answers)
    /// Check the finished set-up from outside (`lt-setup verify`'s checks); reply
    /// `.verificationReady`. Asked for when the done screen first opens.
    case runVerification(Answers)
    /// Run the plan: every step left, or only the next one. Reply with `.runEvent`s, then
    /// `.runEnded`.
    case startRun(RunMode)
    /// Run this failed or stopped step again, then the rest, as `.startRun(.all)` does.
    case retry(StepID)
    /// Mark this step skipped without running it; reply with its `.stepFinished(.skipped)`.
    case skip(StepID)
    /// Stop the running step's program (SIGINT, then TERM, then KILL to its group).
    case abortStep
    /// Show this step's full log from disk (a pager).
    case openLog(StepID)
    /// Show the log of the unfinished session offered on the welcome screen.
    case openSessionLog(sessionID: String)
    /// Load the unfinished session; reply `.sessionResumed` (or `.planFailed`).
    case resumeSession
    /// Set the unfinished session (or the saved answers) aside and start a new one; its
    /// backups stay.
    case startOver
    /// Stop a running step if there is one, save the session, restore the terminal, exit.
    case quit
    /// Paint the whole terminal again, not only what changed (Ctrl-L).
    case redraw
}
