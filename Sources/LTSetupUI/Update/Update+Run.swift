import LTSetupCore

/// The run and done screens.
extension Wizard {
    static func runIntent(_ intent: Intent, key: Key, _ state: inout AppState) -> [WizardEffect]? {
        switch intent {
        case .move:
            guard !state.run.steps.isEmpty else { return nil }
            state.run.selected = clamp(state.run.selected + direction(key), state.run.steps.count)
            state.run.selectionFollowsRun = false
            state.run.logScroll = 0
            return []
        case .scroll:
            let page = max(1, RunLayout(state).log.height - 1)
            state.run.logScroll = logScroll(state.run.logScroll, key: key, page: page, maximum: maximumLogScroll(state))
            return []
        case .runAll, .runNext, .retry, .skip, .abort:
            return runControl(intent, &state)
        case .showLog:
            state.run.showsFullLog = true
            state.run.logScroll = min(state.run.logScroll, maximumLogScroll(state))
            return []
        case .openPager:
            guard let step = state.run.selectedStep else { return nil }
            return [.openLog(step.id)]
        case .showSummary:
            guard state.run.isComplete, !state.run.isBusy else { return nil }
            state.screen = .done
            // Verified once, when the summary first opens after the complete run.
            guard state.verification == .idle, let answers = state.plan?.answers else { return [] }
            state.verification = .checking
            return [.runVerification(answers)]
        case .back:
            return runBack(&state)
        default:
            return nil
        }
    }

    /// Starting, retrying, skipping and stopping steps: each only when it makes sense, and
    /// skipping and stopping only after the operator confirms.
    static func runControl(_ intent: Intent, _ state: inout AppState) -> [WizardEffect]? {
        switch intent {
        case .runAll, .runNext:
            guard !state.run.isBusy, state.run.hasWorkLeft else { return nil }
            let mode: RunMode = intent == .runAll ? .all : .next
            startRunning(mode, &state)
            return [.startRun(mode)]
        case .retry:
            guard !state.run.isBusy, let id = state.run.stoppedAt else { return nil }
            startRunning(.all, &state)
            return [.retry(id)]
        case .skip:
            guard !state.run.isBusy, let step = state.run.selectedStep, !step.progress.isSettled else { return nil }
            state.overlay = .skipConfirm(step.id)
            return []
        case .abort:
            guard state.run.running != nil else { return nil }
            state.overlay = .abortConfirm
            return []
        default:
            return nil
        }
    }

    /// Esc leaves the full log; on the step list it goes back to the preview while nothing
    /// has run.
    static func runBack(_ state: inout AppState) -> [WizardEffect]? {
        if state.run.showsFullLog {
            state.run.showsFullLog = false
            state.run.logScroll = min(state.run.logScroll, maximumLogScroll(state))
            return []
        }
        guard !state.run.isBusy, state.run.steps.allSatisfy({ $0.progress == .pending }) else { return nil }
        state.screen = .preview
        return []
    }

    /// The run screen follows a run this wizard did not start; a complete run shows its
    /// summary, verified once.
    static func runAttached(_ mode: RunMode?, _ state: inout AppState) -> [WizardEffect] {
        state.run.mode = mode
        state.run.selectionFollowsRun = true
        if let running = state.run.steps.firstIndex(where: \.progress.isRunning) { state.run.selected = running }
        guard mode == nil, state.run.isComplete else { return [] }
        return runIntent(.showSummary, key: .enter, &state) ?? []
    }

    static func startRunning(_ mode: RunMode, _ state: inout AppState) {
        state.run.mode = mode
        state.run.stoppedAt = nil
        state.run.selectionFollowsRun = true
        state.run.logScroll = 0
    }

    static func doneIntent(_ intent: Intent, key: Key, _ state: inout AppState) -> [WizardEffect]? {
        switch intent {
        case .scroll:
            let page = max(1, readable(Frame.body(state)).height - 1)
            let last = lastDoneScroll(state)
            state.doneScroll = max(0, min(last, newPosition(state.doneScroll, key: key, page: page, last: last)))
            return []
        case .choose:
            state.quitRequested = true
            return [.quit]
        case .back:
            state.screen = .run
            return []
        default:
            return nil
        }
    }

    /// The log counts up from its newest line: up is a larger offset, End follows the tail.
    static func logScroll(_ current: Int, key: Key, page: Int, maximum: Int) -> Int {
        let moved: Int
        switch key {
        case .up: moved = current + 1
        case .down: moved = current - 1
        case .pageUp: moved = current + page
        case .pageDown: moved = current - page
        case .home: moved = maximum
        case .end: moved = 0
        default: moved = current
        }
        return max(0, min(maximum, moved))
    }

    /// The farthest the log pane can scroll up: its first kept line at the top.
    static func maximumLogScroll(_ state: AppState) -> Int {
        guard let step = state.run.selectedStep else { return 0 }
        let layout = RunLayout(state)
        return LogPane.maximumScroll(step.log, width: layout.logWidth, height: layout.log.height, state.glyphs)
    }
}
