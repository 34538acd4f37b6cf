import Foundation
import Glibc
import LTSetupCore
import LTSetupRuntime
import LTSetupTerminal

/// `apply`'s line-by-line progress: step n/N, title, elapsed time, ✔ or ✖; on failure, the
/// end of the step's log.
final class ApplyProgress {
    let verbose: Bool
    let logs: String
    /// Where a step's log is, from the run's own naming rule.
    let logPath: (StepID) -> String?
    let glyphs = PlainGlyphs.forLocale()
    var started: [StepID: Double] = [:]

    /// - Parameter session: the session as it stands now (the run's follower reads it anew).
    init(verbose: Bool, session: @escaping () -> Session, locations: RunLocations = RunLocations()) {
        self.verbose = verbose
        logs = locations.logs(session().id)
        logPath = { id in locations.stepLog(id, in: session()) }
    }

    func show(_ event: RunEvent) {
        switch event {
        case .stepStarted(let id, let title, let number, let total):
            started[id] = MonotonicClock.seconds()
            print("[\(SessionSummary.pad(number, total))/\(total)] \(title)")
        case .actionStarted(_, let line):
            if verbose { print("        \(line)") }
        case .output(_, let line):
            if verbose { print("        \(glyphs.bar) \(line)") }
        case .stepFinished(let id, let outcome):
            finished(id, outcome)
        }
    }

    func finished(_ id: StepID, _ outcome: StepOutcome) {
        let elapsed = MonotonicClock.seconds() - (started[id] ?? MonotonicClock.seconds())
        let time = "(\(MonotonicClock.format(elapsed)))"
        switch outcome {
        case .done: print("        \(glyphs.done) done \(time)")
        case .alreadyDone: print("        \(glyphs.done) already done")
        case .skipped(let reason):
            let why = reason == StepOutcome.skippedByOperator ? "" : ": \(reason)"
            print("        \(glyphs.skipped) \(StepOutcome.skippedWord(reason))\(why)")
        case .interrupted: print("        \(glyphs.failed) interrupted \(time); run the same command again to resume")
        case .failed(let message, _):
            print("        \(glyphs.failed) failed \(time): \(message)")
            showLog(id)
        }
    }

    /// The end of the failed step's log, and where the whole log is.
    func showLog(_ id: StepID) {
        guard let path = logPath(id), let bytes = RawFile.read(path) else { return }
        let lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        let tail = lines.suffix(41)
        print("        --- the end of \(path) ---")
        for line in tail where !line.isEmpty { print("        \(glyphs.bar) \(line)") }
        print("        --- fix the cause above, then run the same command again to resume")
    }

    func summary(_ session: Session) {
        let failed = session.steps.filter { [.failed, .interrupted].contains($0.status) }
        if session.isComplete {
            let changed = session.steps.filter(\.changed).count
            print("\(glyphs.done) All steps done (\(changed) changed the server). Logs: \(logs)")
            print("  Backups: /var/lib/lt-setup/backups/\(session.id) — `lt-setup undo` puts them back.")
        } else if !failed.isEmpty {
            let steps = failed.map { record in
                let number = (session.steps.firstIndex { $0.id == record.id } ?? 0) + 1
                return "step \(number) (\(record.title ?? record.id.rawValue)), \(record.statusWord)"
            }
            print("\(glyphs.failed) Stopped at \(steps.joined(separator: "; ")). `lt-setup status` shows where the session stands.")
        } else {
            print("Stopped before the end; run the same command again to resume.")
        }
    }
}

/// The marks used in plain output: Unicode where the locale is UTF-8, ASCII elsewhere.
struct PlainGlyphs {
    let done: String
    let failed: String
    let skipped: String
    let bar: String
    var warning: String = "⚠"

    static func forLocale() -> PlainGlyphs {
        TerminalCapabilities.localeNamesUTF8(ProcessInfo.processInfo.environment) ? PlainGlyphs(done: "✔", failed: "✖", skipped: "–", bar: "│")
            : PlainGlyphs(done: "ok", failed: "FAILED", skipped: "-", bar: "|", warning: "WARN")
    }
}
