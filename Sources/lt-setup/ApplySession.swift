import ArgumentParser
import LTSetupCore
import LTSetupRuntime

/// Finds the session to run: the unfinished one to resume, or a new one.
///
/// Finding it writes nothing: a new session is saved, and the one it replaces moved aside,
/// only by `begin`, once the operator has agreed to run. An operator who says no leaves no
/// session behind for the wizard to offer to resume.
struct ApplySession {
    /// The session the run will use.
    let session: Session
    /// Whether `session` is new (not saved yet).
    let isNew: Bool
    /// An earlier session that `begin` moves aside (kept for `undo`) before saving the new one.
    let replaced: Session?

    /// Finds the session without writing anything; may ask whether to start over when the
    /// unfinished session was made for other answers.
    static func prepare(store: SessionStore, plan: Plan, startOver: Bool) throws -> ApplySession {
        let existing = try CommandOutput.orExit { try store.load() }
        guard let existing else { return fresh(plan, replacing: nil) }
        guard existing.isResumable else {
            if let undone = existing.undoneAt, !existing.isComplete {
                print("The last session (\(existing.id)) was undone at \(undone): starting anew from the server as it is now.")
            }
            return fresh(plan, replacing: existing)
        }
        if existing.fingerprint == plan.fingerprint {
            let next = existing.nextStep.flatMap { id in plan.step(id)?.title } ?? "the end"
            print("Resuming session \(existing.id) (started \(existing.createdAt)) at: \(next)")
            return ApplySession(session: existing, isNew: false, replaced: nil)
        }
        let differences = AnswerKey.allCases.filter { existing.answers.raw[$0] != plan.answers.raw[$0] }
        let listed = differences.map { "\($0.rawValue): \(existing.answers.raw[$0] ?? "") -> \(plan.answers.raw[$0] ?? "")" }
        guard startOver || Confirmation.askYesNo("""
            An unfinished session (\(existing.id), started \(existing.createdAt)) was made for other answers:
              \(listed.joined(separator: "\n  "))
            Start over with the new answers? Its backups stay in \(RunLocations().backups(existing.id)).
            """) else {
            CommandOutput.error("""
                an unfinished session was made for other answers (\(listed.joined(separator: "; "))).
                Run with the same answers to resume it, or add --start-over to begin anew (its backups are kept).
                """)
            throw ExitCode(1)
        }
        return fresh(plan, replacing: existing)
    }

    /// Finds the session and saves it at once, for callers that have asked already.
    static func open(store: SessionStore, plan: Plan, startOver: Bool) throws -> Session {
        try prepare(store: store, plan: plan, startOver: startOver).begin(store: store)
    }

    /// Moves the replaced session aside and saves a new one; the session to run.
    func begin(store: SessionStore) throws -> Session {
        if let replaced { try CommandOutput.orExit { try store.archive(replaced) } }
        if isNew { try CommandOutput.orExit { try store.save(session) } }
        return session
    }

    static func fresh(_ plan: Plan, replacing replaced: Session?) -> ApplySession {
        ApplySession(session: Session(id: Timestamp.sessionID(), createdAt: Timestamp.now(), plan: plan),
                     isNew: true, replaced: replaced)
    }
}
