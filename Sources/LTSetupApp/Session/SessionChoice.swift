import LTSetupCore
import LTSetupRuntime

/// Which session a run uses, by one rule for every front end (the wizard, its line-by-line
/// form and `apply`): the unfinished session made for the same answers is resumed; any other
/// saved session (finished, undone, or made for other answers once the operator chose to
/// start over) is moved aside, kept for `undo`, and a new session begins.
///
/// Choosing writes nothing: `begin` does, once the operator has agreed to run, so that an
/// operator who says no leaves no session behind.
public enum SessionChoice: Equatable, Sendable {
    /// A new session, not saved yet; `replacing` is moved aside first.
    case new(Session, replacing: Session?)
    /// The unfinished session made for the same answers.
    case resume(Session)
    /// An unfinished session made for other answers: the front end asks whether to start
    /// over (`startingOver`), or tells the operator how to resume it.
    case otherAnswers(existing: Session, changed: [AnswerKey])

    /// The choice for `plan`, given the saved session. With `startOver`, an unfinished
    /// session made for other answers is replaced without asking.
    public static func choose(existing: Session?, plan: Plan, startOver: Bool,
                              newSession: () -> Session) -> SessionChoice {
        guard let existing else { return .new(newSession(), replacing: nil) }
        guard existing.isResumable else { return .new(newSession(), replacing: existing) }
        if existing.fingerprint == plan.fingerprint { return .resume(existing) }
        if startOver { return .new(newSession(), replacing: existing) }
        let changed = AnswerKey.allCases.filter { existing.answers.raw[$0] != plan.answers.raw[$0] }
        return .otherAnswers(existing: existing, changed: changed)
    }

    /// A new session for the plan, with a fresh id and the time now.
    public static func freshSession(for plan: Plan) -> Session {
        Session(id: Timestamp.sessionID(), createdAt: Timestamp.now(), plan: plan)
    }

    /// The choice once the operator agreed to start over: a new session replacing the
    /// other one. Other choices are kept.
    public func startingOver(newSession: () -> Session) -> SessionChoice {
        guard case .otherAnswers(let existing, _) = self else { return self }
        return .new(newSession(), replacing: existing)
    }

    /// Saves what the choice needs: the replaced session moved aside, the new one written.
    /// Returns the session to run; nil for `otherAnswers`, which must be decided first.
    public func begin(store: SessionStore) throws(SessionError) -> Session? {
        switch self {
        case .new(let session, let replaced):
            if let replaced { try store.archive(replaced) }
            try store.save(session)
            return session
        case .resume(let session):
            return session
        case .otherAnswers:
            return nil
        }
    }
}
