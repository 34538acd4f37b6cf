import LTSetupCore

/// What the running plan reports: step status and log lines.
extension Wizard {
    static func runEvent(_ event: RunEvent, _ state: inout AppState) {
        switch event {
        case .stepStarted(let id, let title, _, _):
            guard let index = state.run.index(of: id) else { return }
            // A skip is announced with the step's id for a title; keep the plan's words.
            if title != id.rawValue { state.run.steps[index].title = title }
            if !state.run.steps[index].log.isEmpty {
                appendLog(LogLine("\(state.glyphs.dash) started again \(state.glyphs.dash)", .note), to: index, &state)
            }
            state.run.steps[index].progress = .running(since: state.now)
            if state.run.selectionFollowsRun {
                state.run.selected = index
                state.run.logScroll = 0
            }
        case .actionStarted(let id, let line):
            guard let index = state.run.index(of: id) else { return }
            appendLog(LogLine(LogLine.sanitized(line), .action), to: index, &state)
        case .output(let id, let line):
            guard let index = state.run.index(of: id) else { return }
            appendLog(LogLine(LogLine.sanitized(line), .output), to: index, &state)
        case .stepFinished(let id, let outcome):
            guard let index = state.run.index(of: id) else { return }
            stepFinished(index, outcome, &state)
        }
    }

    static func stepFinished(_ index: Int, _ outcome: StepOutcome, _ state: inout AppState) {
        var seconds = 0.0
        if case .running(let since) = state.run.steps[index].progress { seconds = state.now - since }
        state.run.steps[index].progress = .finished(outcome, seconds: seconds)
        let id = state.run.steps[index].id
        switch outcome {
        case .failed(_, let restored):
            // Their files were put back: they have to run again before this one.
            for stepID in restored {
                if let restoredIndex = state.run.index(of: stepID) { state.run.steps[restoredIndex].progress = .pending }
            }
            stop(at: index, &state)
        case .interrupted:
            stop(at: index, &state)
        case .done, .alreadyDone, .skipped:
            if state.run.stoppedAt == id { state.run.stoppedAt = nil }
        }
        if state.run.isComplete { state.run.mode = nil }
    }

    /// A failure ends the run: the failing step is shown with its output's tail.
    static func stop(at index: Int, _ state: inout AppState) {
        state.run.mode = nil
        state.run.stoppedAt = state.run.steps[index].id
        state.run.selected = index
        state.run.selectionFollowsRun = true
        state.run.logScroll = 0
    }

    /// Adds a line to a step's log; a pane scrolled up keeps showing the same lines.
    static func appendLog(_ line: LogLine, to index: Int, _ state: inout AppState) {
        state.run.steps[index].log.append(line)
        if index == state.run.selected, state.run.logScroll > 0 {
            state.run.logScroll = min(state.run.logScroll + 1, maximumLogScroll(state))
        }
    }
}
