import LTSetupCore

extension Wizard {
    /// The keys that work in `state`, in footer order. `update` looks keys up here and the
    /// footer and help box are drawn from it: one source.
    public static func keyMap(for state: AppState) -> [KeyBinding] {
        if state.isTooSmall { return tooSmallKeys(state) }
        if let overlay = state.overlay { return overlayKeys(overlay) }
        let text = state.isEditingText
        let screenKeys: [KeyBinding]
        switch state.screen {
        case .welcome: screenKeys = welcomeKeys(state)
        case .proxy: screenKeys = proxyKeys
        case .details: screenKeys = detailsKeys(state)
        case .preflight: screenKeys = preflightKeys(state)
        case .preview: screenKeys = previewKeys(state)
        case .run: screenKeys = state.run.showsFullLog ? fullLogKeys(state) : runKeys(state)
        case .done: screenKeys = doneKeys(state)
        }
        return screenKeys + [helpKey(text: text), quitKey(text: text), redrawKey]
    }

    /// `?` or F1; in a text field `?` is text, so only F1.
    static func helpKey(text: Bool) -> KeyBinding {
        KeyBinding(text ? [.function(1)] : [.character("?"), .function(1)], "help", .showHelp)
    }

    /// Ctrl-L, as in every terminal program: for a screen garbled by another program's output.
    static let redrawKey = KeyBinding([.control("l")], "redraw the screen", .redraw, inFooter: false)

    /// `q` or Ctrl-Q; in a text field `q` is text, so only Ctrl-Q.
    static func quitKey(text: Bool) -> KeyBinding {
        KeyBinding(text ? [.control("q")] : [.character("q"), .control("q")], "quit", .quit)
    }

    static let backKey = KeyBinding([.escape], "back", .back)
    static let moveKey = KeyBinding([.up, .down, .tab, .backTab], "move", .move, shown: [.up, .down])

    static func tooSmallKeys(_ state: AppState) -> [KeyBinding] {
        // Quitting while a step runs needs the confirmation box, which does not fit.
        (state.run.isBusy ? [] : [quitKey(text: false)]) + [redrawKey]
    }

    static func overlayKeys(_ overlay: Overlay) -> [KeyBinding] {
        switch overlay {
        case .help:
            return [KeyBinding([.escape, .enter, .character("?"), .function(1)], "close", .closeOverlay)]
        case .quitConfirm:
            return [KeyBinding([.character("y")], "quit and stop the step", .confirm),
                    KeyBinding([.character("n"), .escape], "keep running", .cancel)]
        case .skipConfirm:
            return [KeyBinding([.character("y")], "skip it", .confirm),
                    KeyBinding([.character("n"), .escape], "cancel", .cancel)]
        case .abortConfirm:
            return [KeyBinding([.character("y")], "stop it", .confirm),
                    KeyBinding([.character("n"), .escape], "let it run", .cancel)]
        case .goOnConfirm:
            return [KeyBinding([.character("y")], "go on", .confirm),
                    KeyBinding([.character("n"), .escape], "stay", .cancel)]
        }
    }

    static func welcomeKeys(_ state: AppState) -> [KeyBinding] {
        if state.planning == .building { return [] }
        let choices = resumeChoiceCount(state)
        guard choices > 0 else { return [KeyBinding([.enter], "start", .choose)] }
        return (choices > 1 ? [moveKey] : []) + [KeyBinding([.enter], "choose", .choose)]
    }

    /// Continue only when no hard check failed; `r` checks again once results are in.
    static func preflightKeys(_ state: AppState) -> [KeyBinding] {
        guard let checks = state.preflight.checks else {
            return state.preflight == .checking ? [backKey] : [KeyBinding([.character("r")], "check", .retry), backKey]
        }
        var keys: [KeyBinding] = []
        if lastPreflightScroll(state) > 0 {
            keys.append(KeyBinding([.up, .down, .pageUp, .pageDown, .home, .end], "scroll", .scroll, shown: [.up, .down, .pageUp, .pageDown]))
        }
        if state.mayLeavePreflight {
            keys.append(KeyBinding([.enter], "continue", .choose))
        } else if !checks.allHardChecksPass {
            keys.append(KeyBinding([.character("g")], "go on anyway", .goOnAnyway))
        }
        keys.append(KeyBinding([.character("r")], "check again", .retry))
        return keys + [backKey]
    }

    static let proxyKeys = [moveKey, KeyBinding([.enter], "choose", .choose), backKey]

    static func detailsKeys(_ state: AppState) -> [KeyBinding] {
        if state.planning == .building { return [] }
        let form = state.details
        let submitsForm = form.focus == .continueButton || form.focus == form.lastInputField
        var keys = [
            KeyBinding([.tab, .backTab, .up, .down], "field", .moveFocus, shown: [.tab, .up, .down]),
            KeyBinding([.enter], submitsForm ? "continue" : "next", .submitField),
        ]
        switch form.focus.kind {
        case .text:
            keys.append(KeyBinding([.left, .right, .home, .end], "move the cursor", .moveCursor, inFooter: false))
            keys.append(KeyBinding([.backspace, .delete], "delete a character", .erase, inFooter: false))
            keys.append(KeyBinding([.control("w"), .control("u")], "delete a word, all before the cursor", .erase, inFooter: false))
        case .toggle:
            keys.append(KeyBinding([.character(" ")], "switch", .toggle))
        case .choice:
            keys.append(KeyBinding([.left, .right, .character(" ")], "change", .changeOption, shown: [.left, .right]))
        case .button:
            break
        }
        return keys + [backKey]
    }
}
