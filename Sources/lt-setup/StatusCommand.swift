import ArgumentParser
import LTSetupCore
import LTSetupRuntime

/// `lt-setup status`: where the last session stands.
struct StatusCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show the last session: each step's status and times, and where its backups and logs are."
    )

    @OptionGroup var sessionOptions: SessionOptions

    func run() throws {
        let store = SessionStore(path: sessionOptions.session)
        guard let session = try CommandOutput.orExit({ try store.load() }) else {
            print("No session in \(store.path): lt-setup has not changed this server yet.")
            return
        }
        print(SessionReport.text(session, glyphs: PlainGlyphs.forLocale()), terminator: "")
    }
}

/// The session as text, for `status`.
enum SessionReport {
    static func text(_ session: Session, glyphs: PlainGlyphs) -> String {
        let answers = session.answers
        var out = "Session \(session.id), started \(session.createdAt)"
        if let finished = session.finishedAt { out += ", finished \(finished)" }
        if let undone = session.undoneAt { out += ", undone \(undone)" }
        out += "\n  \(answers.domain) behind \(answers.proxy.displayName) -> \(answers.backend.url)"
        out += answers.https ? ", https" : ", http only"
        out += answers.secureIcecast ? ", Icecast TLS on \(answers.icecastPort)\n" : "\n"
        for (index, record) in session.steps.enumerated() {
            out += "  \(ApplyReport.pad(index + 1, session.steps.count)). \(mark(record.status, glyphs)) \(record.id.rawValue)"
            if let detail = record.detail { out += " — \(detail)" }
            if let code = record.exitStatus, record.status == .failed { out += " (exit \(code))" }
            out += "\n"
        }
        let locations = RunLocations()
        out += "  Backups: \(locations.backups(session.id)) (\(session.backups.count) files)\n"
        out += "  Logs: \(locations.logs(session.id))\n"
        if !session.isComplete && session.undoneAt == nil {
            out += "  Run `lt-setup apply` with the same answers to resume.\n"
        }
        return out
    }

    static func mark(_ status: StepRunStatus, _ glyphs: PlainGlyphs) -> String {
        switch status {
        case .pending: "pending    "
        case .running: "running    "
        case .done: "\(glyphs.done) done     "
        case .failed: "\(glyphs.failed) failed   "
        case .skipped: "\(glyphs.skipped) skipped  "
        case .interrupted: "\(glyphs.failed) stopped  "
        }
    }
}
