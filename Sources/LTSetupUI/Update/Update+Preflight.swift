import LTSetupCore

/// The preflight screen: the checks run when it opens, again on `r`; a failed hard check
/// keeps the operator from going on to the preview.
extension Wizard {
    static func preflightIntent(_ intent: Intent, key: Key, _ state: inout AppState) -> [WizardEffect]? {
        switch intent {
        case .choose:
            guard state.mayLeavePreflight else { return nil }
            state.screen = .preview
            return []
        case .goOnAnyway:
            guard !state.mayLeavePreflight, state.preflight.checks != nil else { return nil }
            state.overlay = .goOnConfirm
            return []
        case .retry:
            guard state.preflight != .checking, state.plan != nil else { return nil }
            return startPreflight(&state)
        case .scroll:
            guard state.preflight.checks != nil else { return nil }
            let page = max(1, PreflightLayout(state).list.height - 1)
            let last = lastPreflightScroll(state)
            state.preflightScroll = max(0, min(last, newPosition(state.preflightScroll, key: key, page: page, last: last)))
            return []
        case .back:
            state.preflight = .idle
            state.preflightOverridden = false
            state.preflightScroll = 0
            state.screen = .details
            return []
        default:
            return nil
        }
    }

    /// Asks the program to check the server for the plan's answers; "Checking…" until the
    /// results come back.
    static func startPreflight(_ state: inout AppState) -> [WizardEffect] {
        guard let answers = state.plan?.answers else { return [] }
        state.preflight = .checking
        state.preflightOverridden = false
        state.preflightScroll = 0
        return [.runPreflight(answers)]
    }

    /// The farthest the check list scrolls: its last line at the bottom.
    static func lastPreflightScroll(_ state: AppState) -> Int {
        let layout = PreflightLayout(state)
        return max(0, preflightLines(state, width: layout.list.width).count - layout.list.height)
    }
}
