import LTSetupCore

/// The preview screen.
extension Wizard {
    static func previewIntent(_ intent: Intent, key: Key, _ state: inout AppState) -> [WizardEffect]? {
        switch intent {
        case .move:
            switch state.preview.tab {
            case .files:
                guard !state.preview.files.isEmpty else { return nil }
                state.preview.selectedFile = clamp(state.preview.selectedFile + direction(key), state.preview.files.count)
                state.preview.contentScroll = 0
            case .steps:
                let count = state.plan?.steps.count ?? 0
                guard count > 0 else { return nil }
                state.preview.selectedStep = clamp(newPosition(state.preview.selectedStep, key: key, page: 5, last: count - 1), count)
            }
            return []
        case .scroll:
            guard let file = state.preview.file else { return nil }
            let page = max(1, PreviewLayout(state).content.height - 1)
            let last = lastContentScroll(file, state)
            state.preview.contentScroll = max(0, min(last, newPosition(state.preview.contentScroll, key: key, page: page, last: last)))
            return []
        case .switchTab:
            state.preview.tab = state.preview.tab == .files ? .steps : .files
            return []
        case .choose:
            state.screen = .run
            return []
        case .back:
            // The preflight results stay: back on their screen, r checks again.
            state.screen = .preflight
            return []
        default:
            return nil
        }
    }

    /// Where a position goes for a paging key: a line for the arrows, a page for PgUp/PgDn,
    /// the ends for Home/End.
    static func newPosition(_ current: Int, key: Key, page: Int, last: Int) -> Int {
        switch key {
        case .up: current - 1
        case .down: current + 1
        case .pageUp: current - page
        case .pageDown: current + page
        case .home: 0
        case .end: last
        default: current
        }
    }

    /// The farthest the content pane scrolls: its last line at the bottom.
    static func lastContentScroll(_ file: PreviewFile, _ state: AppState) -> Int {
        let content = PreviewLayout(state).content
        return max(0, previewContent(file, width: content.width - 8).count - content.height)
    }

    /// Keeps scroll positions within what the current size shows.
    static func clampScrolls(_ state: inout AppState) {
        if let file = state.preview.file {
            state.preview.contentScroll = min(state.preview.contentScroll, lastContentScroll(file, state))
        }
        state.run.logScroll = min(state.run.logScroll, maximumLogScroll(state))
        state.doneScroll = min(state.doneScroll, lastDoneScroll(state))
    }
}
