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

    /// - Parameter runnerLive: whether a runner holds the session now. When none does, a run
    ///   the file still shows going on ended without its end being saved (a full disk, a
    ///   killed runner): it is said so, with where to look.
    public static func text(_ session: Session, marks glyphs: Marks, locations: RunLocations = RunLocations(),
                            runnerLive: Bool = true) -> String {
        let answers = session.answers
        var out = "Session \(session.id), started \(session.createdAt)"
        if let finished = session.finishedAt { out += ", finished \(finished)" }
        if let undone = session.undoneAt { out += ", undone \(undone)" }
        out += "\n  \(answers.domain) behind \(answers.proxy.displayName) -> \(answers.backend.url)"
        out += answers.https ? ", https" : ", http only"
        out += answers.secureIcecast ? ", Icecast TLS on \(answers.icecastPort)\n" : "\n"
        let markWidth = [glyphs.done, glyphs.failed, glyphs.skipped].map(\.count).max() ?? 1
        for (index, record) in session.steps.enumerated() {
            let mark = mark(record.status, glyphs)
            let word = mark.paddedTo(markWidth) + " " + record.statusWord.paddedTo(wordWidth)
            out += "  \(pad(index + 1, session.steps.count)). \(word) \(record.title ?? record.id.rawValue)"
            // The detail says why; "already done" and "interrupted" say it already.
            if let detail = record.detail, ![StepRecord.foundDone, "interrupted", StepOutcome.skippedByOperator].contains(detail) {
                out += " — \(detail)"
            }
            if let code = record.exitStatus, record.status == .failed { out += " (exit \(code))" }
            out += "\n"
        }
        out += "  Backups: \(locations.backups(session.id)) (\(session.backups.count) files)\n"
        out += "  Logs: \(locations.logs(session.id))\n"
        if let stop = session.stop, !session.isComplete {
            out += "  Stopped \(stop.at): \(stop.reason).\n"
        }
        out += runs(session, runnerLive: runnerLive, summary: locations.summary(session.id))
        // A detail or reason may quote a program's output, or a session file others wrote.
        out = TerminalText.safe(out)
        if session.isResumable {
            // The session does not say which front end started it: both ways are given.
            out += "  To resume: \(AnswerSource.wizard.resumeAdvice), or \(AnswerSource.answersFile.resumeAdvice).\n"
        }
        return out
    }

    /// The session's last runs, each with how it was asked for and how it ended.
    static func runs(_ session: Session, runnerLive: Bool, summary: String) -> String {
        guard let runs = session.runs, !runs.isEmpty else { return "" }
        var out = "  Runs:\n"
        let shown = runs.suffix(5)
        if runs.count > shown.count { out += "    (\(runs.count - shown.count) earlier runs not shown)\n" }
        for (offset, run) in shown.enumerated() {
            let how = run.mode == "next" ? "step by step" : "every step"
            let when = run.endedAt.map { "\(run.startedAt) to \($0)" } ?? "since \(run.startedAt)"
            let ending = run.ending ?? (runnerLive ? "going on (runner process \(run.runner))"
                : "ended, but its end is not in this file (runner process \(run.runner) is gone); \(summary) has the last state it saw")
            let unwatched = run.endedUnwatched == true ? "; nobody was attached" : ""
            out += "    \(runs.count - shown.count + offset + 1). \(how), \(when): \(ending)\(unwatched)\n"
        }
        return out
    }

    /// The mark before a status word; none for a step not finished.
    static func mark(_ status: StepRunStatus, _ glyphs: Marks) -> String {
        switch status {
        case .pending, .running: ""
        case .done: glyphs.done
        case .failed, .interrupted: glyphs.failed
        case .skipped: glyphs.skipped
        }
    }

    /// The longest status word, "not applicable".
    static let wordWidth = 14
}

extension String {
    /// The string followed by spaces up to `width` characters.
    func paddedTo(_ width: Int) -> String {
        self + String(repeating: " ", count: Swift.max(0, width - count))
    }
}

extension SessionSummary {
    /// `number` right-aligned to the width of `total` (` 3` of `12`), for step lists.
    public static func pad(_ number: Int, _ total: Int) -> String {
        let text = String(number)
        return String(repeating: " ", count: max(0, String(total).count - text.count)) + text
    }
}
