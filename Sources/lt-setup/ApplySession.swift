import ArgumentParser
import LTSetupCore
import LTSetupRuntime

/// Finds the session to run: the unfinished one to resume, or a new one.
enum ApplySession {
    static func open(store: SessionStore, plan: Plan, startOver: Bool) throws -> Session {
        let existing = try CommandOutput.orExit { try store.load() }
        guard let existing else { return try fresh(store, plan) }
        guard existing.isResumable else {
            if let undone = existing.undoneAt, !existing.isComplete {
                print("The last session (\(existing.id)) was undone at \(undone): starting anew from the server as it is now.")
            }
            try CommandOutput.orExit { try store.archive(existing) }
            return try fresh(store, plan)
        }
        if existing.fingerprint == plan.fingerprint {
            let next = existing.nextStep.flatMap { id in plan.step(id)?.title } ?? "the end"
            print("Resuming session \(existing.id) (started \(existing.createdAt)) at: \(next)")
            return existing
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
        try CommandOutput.orExit { try store.archive(existing) }
        return try fresh(store, plan)
    }

    static func fresh(_ store: SessionStore, _ plan: Plan) throws -> Session {
        let session = Session(id: Timestamp.sessionID(), createdAt: Timestamp.now(), plan: plan)
        try CommandOutput.orExit { try store.save(session) }
        return session
    }
}
