import LTSetupCore

/// The session as text, for `lt-setup status` and the summary log.
public enum SessionSummary {
    /// The marks of finished statuses.
    public struct Marks: Sendable {
        public let done: String
        public let failed: String
        public let skipped: String

        public init(done: String, failed: String, skipped: String) {
            self.done = done
            self.failed = failed
            self.skipped = skipped
        }

        public static let ascii = Marks(done: "ok", failed: "FAILED", skipped: "-")
    }

    public static func text(_ session: Session, marks glyphs: Marks, locations: RunLocations = RunLocations()) -> String {
        let answers = session.answers
        var out = "Session \(session.id), started \(session.createdAt)"
        if let finished = session.finishedAt { out += ", finished \(finished)" }
        if let undone = session.undoneAt { out += ", undone \(undone)" }
        out += "\n  \(answers.domain) behind \(answers.proxy.displayName) -> \(answers.backend.url)"
        out += answers.https ? ", https" : ", http only"
        out += answers.secureIcecast ? ", Icecast TLS on \(answers.icecastPort)\n" : "\n"
        for (index, record) in session.steps.enumerated() {
            out += "  \(pad(index + 1, session.steps.count)). \(mark(record.status, glyphs)) \(record.id.rawValue)"
            if let detail = record.detail { out += " — \(detail)" }
            if let code = record.exitStatus, record.status == .failed { out += " (exit \(code))" }
            out += "\n"
        }
        out += "  Backups: \(locations.backups(session.id)) (\(session.backups.count) files)\n"
        out += "  Logs: \(locations.logs(session.id))\n"
        if let stop = session.stop, !session.isComplete {
            out += "  Stopped \(stop.at): \(stop.reason).\n"
        }
        if session.isResumable {
            // The session does not say which front end started it: both ways are given.
            out += "  To resume: \(AnswerSource.wizard.resumeAdvice), or \(AnswerSource.answersFile.resumeAdvice).\n"
        }
        return out
    }

    static func mark(_ status: StepRunStatus, _ glyphs: Marks) -> String {
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

extension SessionSummary {
    /// `number` right-aligned to the width of `total` (` 3` of `12`), for step lists.
    public static func pad(_ number: Int, _ total: Int) -> String {
        let text = String(number)
        return String(repeating: " ", count: max(0, String(total).count - text.count)) + text
    }
}
