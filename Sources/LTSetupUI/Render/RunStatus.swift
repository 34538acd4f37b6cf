import LTSetupCore

/// A line of the run screen's status area.
struct StatusLine: Equatable {
    var text: String
    var style: Style
}

/// What the run screen says under the log: what is going on, and after a failure what
/// went wrong and what to do.
enum RunStatus {
    static func lines(_ state: AppState, width: Int) -> [StatusLine] {
        let run = state.run
        let g = state.glyphs
        if run.showsFullLog {
            return [StatusLine(text: "Full log: \(state.locations.logDirectory)/ (p opens it in a pager)",
                               style: Style(.muted))]
        }
        if let running = run.running, let index = run.index(of: running.id) {
            return [StatusLine(text: "Step \(index + 1) of \(run.steps.count) is running. x stops it; q quits (asks first).",
                               style: Style(.accent))]
        }
        if run.mode != nil { return [StatusLine(text: "Starting\(g.ellipsis)", style: Style(.accent))] }
        if let stopped = run.stoppedAt, let index = run.index(of: stopped) {
            return stoppedLines(run.steps[index], number: index + 1, state, width: width)
        }
        if run.isComplete {
            return [StatusLine(text: "\(g.done) All steps finished. Enter shows the summary.", style: Style(.success, bold: true))]
        }
        let settled = run.steps.filter(\.progress.isSettled).count
        if settled == 0 {
            return [StatusLine(text: "Nothing has been changed yet. Enter runs every step; n runs only the next one.",
                               style: Style(.accent))]
        }
        return [StatusLine(text: "\(settled) of \(run.steps.count) steps finished. Enter runs the rest; n runs the next one.",
                           style: Style(.accent))]
    }

    /// A failed or stopped step: its message, then what the operator can do.
    static func stoppedLines(_ step: RunStep, number: Int, _ state: AppState, width: Int) -> [StatusLine] {
        let g = state.glyphs
        guard case .finished(let outcome, _) = step.progress else { return [] }
        var message: String
        var advice: String
        switch outcome {
        case .failed(let reason, let restored):
            message = "\(g.failed) Step \(number) failed: \(reason)"
            advice = "What to do: read the output above, fix the cause, then press r to retry. s skips the step; q quits, and sudo lt-setup resumes later."
            if !restored.isEmpty {
                let numbers = restored.compactMap { state.run.index(of: $0).map { String($0 + 1) } }
                advice = "The files of step \(numbers.joined(separator: " and ")) were put back and will be written again. " + advice
            }
        default:
            message = "\(g.failed) Step \(number) was stopped before it finished."
            advice = "r runs it again; s skips it; q quits, and sudo lt-setup resumes later."
        }
        let failure = TextFit.wrap(message, width).prefix(3).map { StatusLine(text: $0, style: Style(.failure, bold: true)) }
        let help = TextFit.wrap(advice, width).map { StatusLine(text: $0, style: .plain) }
        return failure + help
    }
}
