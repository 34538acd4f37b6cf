import ArgumentParser
import LTSetupApp
import LTSetupCore
import LTSetupRuntime

/// `apply`'s and the line-by-line wizard's side of `SessionChoice`: what the operator is told
/// and asked, in plain text.
enum ApplySession {
    /// The choice for the plan, after asking whether to start over when the unfinished
    /// session was made for other answers. Writes nothing.
    /// `onTerminalOnly`: asked on a terminal only (`apply`), or on the input the answers came
    /// from (the line-by-line wizard).
    static func prepare(store: SessionStore, plan: Plan, startOver: Bool, onTerminalOnly: Bool = true) throws -> SessionChoice {
        let existing = try CommandOutput.orExit { try store.load() }
        let newSession = { SessionChoice.freshSession(for: plan) }
        let choice = SessionChoice.choose(existing: existing, plan: plan, startOver: startOver, newSession: newSession)
        switch choice {
        case .new(_, let replaced):
            if let replaced, let undone = replaced.undoneAt, !replaced.isComplete {
                print("The last session (\(replaced.id)) was undone at \(undone): starting anew from the server as it is now.")
            }
            return choice
        case .resume(let session):
            let next = session.nextStep.flatMap { id in plan.step(id)?.title } ?? "the end"
            print("Resuming session \(session.id) (started \(session.createdAt)) at: \(next)")
            return choice
        case .otherAnswers(let existing, let changed):
            let listed = changed.map { "\($0.rawValue): \(existing.answers.raw[$0] ?? "") -> \(plan.answers.raw[$0] ?? "")" }
            guard Confirmation.askYesNo("""
                An unfinished session (\(existing.id), started \(existing.createdAt)) was made for other answers:
                  \(listed.joined(separator: "\n  "))
                Start over with the new answers? Its backups stay in \(RunLocations().backups(existing.id)).
                """, onTerminalOnly: onTerminalOnly) else {
                CommandOutput.error("""
                    an unfinished session was made for other answers (\(listed.joined(separator: "; "))).
                    Run with the same answers to resume it, or add --start-over to begin anew (its backups are kept).
                    """)
                throw ExitCode(1)
            }
            return choice.startingOver(newSession: newSession)
        }
    }

    /// Finds the session and saves it at once, for callers that have asked already.
    static func open(store: SessionStore, plan: Plan, startOver: Bool, onTerminalOnly: Bool = true) throws -> Session {
        try begin(try prepare(store: store, plan: plan, startOver: startOver, onTerminalOnly: onTerminalOnly), store: store)
    }

    /// Moves the replaced session aside and saves a new one; the session to run.
    static func begin(_ choice: SessionChoice, store: SessionStore) throws -> Session {
        guard let session = try CommandOutput.orExit({ try choice.begin(store: store) }) else {
            CommandOutput.error("an unfinished session was made for other answers; nothing was changed.")
            throw ExitCode(1)
        }
        return session
    }
}
