import LTSetupCore

/// The keys of the preview, run and done screens.
extension Wizard {
    static func previewKeys(_ state: AppState) -> [KeyBinding] {
        let preview = state.preview
        var keys: [KeyBinding] = []
        switch preview.tab {
        case .files:
            if !preview.files.isEmpty {
                keys.append(KeyBinding([.up, .down], "file", .move))
                keys.append(KeyBinding([.pageUp, .pageDown, .home, .end], "scroll", .scroll, shown: [.pageUp, .pageDown]))
            }
            keys.append(KeyBinding([.tab, .backTab], "steps", .switchTab))
        case .steps:
            keys.append(KeyBinding([.up, .down, .pageUp, .pageDown, .home, .end], "step", .move, shown: [.up, .down]))
            keys.append(KeyBinding([.tab, .backTab], "files", .switchTab))
        }
        return keys + [KeyBinding([.enter], "continue", .choose), backKey]
    }

    static func runKeys(_ state: AppState) -> [KeyBinding] {
        let run = state.run
        var keys: [KeyBinding] = []
        if !run.steps.isEmpty { keys.append(KeyBinding([.up, .down], "step", .move)) }
        if run.isBusy {
            if run.running != nil { keys.append(KeyBinding([.character("x"), .control("c")], "stop step", .abort)) }
        } else if run.isComplete {
            keys.append(KeyBinding([.enter], "summary", .showSummary))
        } else if let stopped = run.stoppedAt, run.index(of: stopped) != nil {
            keys.append(KeyBinding([.character("r")], "retry", .retry))
        } else if run.hasWorkLeft {
            keys.append(KeyBinding([.enter, .character("a")], "run all", .runAll))
            keys.append(KeyBinding([.character("n")], "next step", .runNext))
        }
        if !run.isBusy, let step = run.selectedStep, !step.progress.isSettled {
            keys.append(KeyBinding([.character("s")], "skip", .skip))
        }
        if !run.steps.isEmpty {
            keys.append(KeyBinding([.character("l")], "log", .showLog))
            keys.append(KeyBinding([.pageUp, .pageDown, .home, .end], "scroll the log", .scroll, inFooter: false))
        }
        if !run.isBusy, run.steps.allSatisfy({ $0.progress == .pending }) { keys.append(backKey) }
        return keys
    }

    static func fullLogKeys(_ state: AppState) -> [KeyBinding] {
        var keys = [
            KeyBinding([.up, .down, .pageUp, .pageDown, .home, .end], "scroll", .scroll, shown: [.up, .down, .pageUp, .pageDown]),
            KeyBinding([.character("p")], "pager", .openPager),
        ]
        if state.run.running != nil { keys.append(KeyBinding([.character("x"), .control("c")], "stop step", .abort)) }
        keys.append(KeyBinding([.escape, .character("l")], "back", .back))
        return keys
    }

    static func doneKeys(_ state: AppState) -> [KeyBinding] {
        var keys: [KeyBinding] = []
        if lastDoneScroll(state) > 0 {
            keys.append(KeyBinding([.up, .down, .pageUp, .pageDown, .home, .end], "scroll", .scroll, shown: [.up, .down, .pageUp, .pageDown]))
        }
        return keys + [KeyBinding([.enter], "finish", .choose), KeyBinding([.escape], "back to the steps", .back)]
    }
}
