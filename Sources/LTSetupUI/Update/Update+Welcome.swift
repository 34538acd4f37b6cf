import LTSetupCore

/// The welcome and proxy screens.
extension Wizard {
    /// The resume choices, in order; saved answers have no log to view.
    enum ResumeChoice: Int, CaseIterable {
        case resume, startOver, viewLog
    }

    /// How many resume choices the welcome screen offers: none on a fresh start.
    static func resumeChoiceCount(_ state: AppState) -> Int {
        // While another lt-setup finishes its step, only its log can be viewed.
        if state.resumable?.finishing != nil { return 1 }
        if state.resumable != nil { return ResumeChoice.allCases.count }
        return state.draft == nil ? 0 : 2
    }

    static func welcomeIntent(_ intent: Intent, key: Key, _ state: inout AppState) -> [WizardEffect]? {
        switch intent {
        case .move:
            let count = resumeChoiceCount(state)
            guard count > 0 else { return nil }
            state.welcomeChoice = clamp(state.welcomeChoice + direction(key), count)
            return []
        case .choose:
            if let draft = state.draft { return draftChoice(draft, &state) }
            guard let session = state.resumable else {
                state.screen = .proxy
                return []
            }
            if session.finishing != nil { return [.openSessionLog(sessionID: session.id)] }
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

    /// Resume or start over, for answers saved before a run started. Resume fills the form
    /// and goes back to the screen they were saved on; past the details, the answers are
    /// checked and the plan made again, as Continue does (the server may have changed since),
    /// which leads to the preflight.
    static func draftChoice(_ draft: ResumableDraft, _ state: inout AppState) -> [WizardEffect] {
        let choice = ResumeChoice(rawValue: state.welcomeChoice) ?? .resume
        state.draft = nil
        state.welcomeChoice = 0
        guard choice == .resume else {
            state.screen = .proxy
            return [.startOver]
        }
        state.proxy = draft.answers[.proxy].flatMap(Proxy.init(rawValue:)) ?? .nginx
        state.details.fill(from: draft.answers)
        state.savedAnswers = draft.answers
        state.savedScreen = draft.screen
        switch draft.screen {
        case .welcome, .proxy:
            state.screen = .proxy
            return []
        case .details:
            state.screen = .details
            return []
        case .preflight, .preview, .run, .done:
            state.screen = .details
            return submit(&state)
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
