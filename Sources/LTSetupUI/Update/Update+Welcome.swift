import LTSetupCore

/// The welcome and proxy screens.
extension Wizard {
    /// The resume choices, in order.
    enum ResumeChoice: Int, CaseIterable {
        case resume, startOver, viewLog
    }

    static func welcomeIntent(_ intent: Intent, key: Key, _ state: inout AppState) -> [WizardEffect]? {
        switch intent {
        case .move:
            guard state.resumable != nil else { return nil }
            state.welcomeChoice = clamp(state.welcomeChoice + direction(key), ResumeChoice.allCases.count)
            return []
        case .choose:
            guard let session = state.resumable else {
                state.screen = .proxy
                return []
            }
            switch ResumeChoice(rawValue: state.welcomeChoice) ?? .resume {
            case .resume:
                state.planning = .building
                return [.resumeSession]
            case .startOver:
                state.resumable = nil
                state.welcomeChoice = 0
                state.planning = .idle
                state.screen = .proxy
                return [.startOver]
            case .viewLog:
                return [.openSessionLog(sessionID: session.id)]
            }
        default:
            return nil
        }
    }

    static func proxyIntent(_ intent: Intent, key: Key, _ state: inout AppState) -> [WizardEffect]? {
        let proxies = Proxy.allCases
        switch intent {
        case .move:
            let index = proxies.firstIndex(of: state.proxy) ?? 0
            state.proxy = proxies[clamp(index + direction(key), proxies.count)]
            return []
        case .choose:
            state.screen = .details
            return saveAnswers(&state)
        case .back:
            state.screen = .welcome
            return []
        default:
            return nil
        }
    }

    /// `value` kept within `0..<count`.
    static func clamp(_ value: Int, _ count: Int) -> Int {
        max(0, min(count - 1, value))
    }

    /// A resumed session: the form shows its answers, and the run screen its steps as far
    /// as they went.
    static func sessionResumed(_ plan: Plan, _ outcomes: [StepID: StepOutcome], _ state: inout AppState) {
        state.proxy = plan.answers.proxy
        state.details.fill(from: plan.answers.raw)
        state.savedAnswers = state.rawAnswers
        planReady(plan, &state)
        for index in state.run.steps.indices {
            guard let outcome = outcomes[state.run.steps[index].id] else { continue }
            state.run.steps[index].progress = .finished(outcome, seconds: 0)
            if case .failed = outcome { state.run.stoppedAt = state.run.steps[index].id }
            if outcome == .interrupted { state.run.stoppedAt = state.run.steps[index].id }
        }
        state.run.selected = state.run.steps.firstIndex { !$0.progress.isSettled } ?? 0
        state.resumable = nil
        state.screen = .run
    }

    static func planReady(_ plan: Plan, _ state: inout AppState) {
        state.plan = plan
        state.planning = .idle
        state.preview = PreviewState(files: PreviewFile.files(in: plan))
        state.run = RunState(plan: plan, logCapacity: state.run.logCapacity)
        state.verification = .idle
        state.preflight = .idle
        state.screen = .preflight
    }
}
