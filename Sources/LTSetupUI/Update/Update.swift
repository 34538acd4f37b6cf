import LTSetupCore

extension Wizard {
    /// Applies what happened to the state and returns what the program should do next.
    /// Pure: no clock, no I/O; the same state and action always give the same result.
    public static func update(_ state: inout AppState, _ action: WizardAction) -> [WizardEffect] {
        let screen = state.screen
        let effects = apply(action, &state)
        // Every move between screens is saved with the answers, so that a wizard cut off
        // anywhere before its run comes back to the same place.
        guard state.screen != screen else { return effects }
        return effects + saveAnswers(&state)
    }

    static func apply(_ action: WizardAction, _ state: inout AppState) -> [WizardEffect] {
        switch action {
        case .keyPressed(let key):
            return keyPressed(key, &state)
        case .resized(let size):
            state.size = size
            clampScrolls(&state)
            return []
        case .tick(let seconds):
            state.now = max(state.now, seconds)
            return []
        case .runEvent(let event):
            runEvent(event, &state)
            return []
        case .runEnded:
            state.run.mode = nil
            return []
        case .planReady(let plan):
            planReady(plan, &state)
            return startPreflight(&state)
        case .preflightReady(let checks):
            guard state.preflight == .checking else { return [] }
            state.preflight = .ready(checks)
            state.preflightScroll = 0
            return []
        case .verificationReady(let checks):
            guard state.verification == .checking else { return [] }
            state.verification = .ready(checks)
            return []
        case .planFailed(let message):
            state.planning = .failed(message)
            return []
        case .sessionResumed(let plan, let outcomes):
            sessionResumed(plan, outcomes, &state)
            return []
        case .otherRunEnded(let session):
            state.resumable = session
            state.welcomeChoice = 0
            return []
        case .sessionOpened(let locations):
            state.locations = locations
            return []
        case .sessionSaved:
            state.notice = nil
            return []
        case .sessionFailed(let message):
            state.notice = "Could not save the session: \(message). lt-setup goes on and tries again at the next answer."
            return []
        case .runRefused(let message):
            state.notice = "The run cannot start: \(message)."
            return []
        case .runAttached(let mode):
            return runAttached(mode, &state)
        case .runNote(let message):
            state.notice = "The run says: \(message)."
            return []
        }
    }

    /// A key is looked up in the current key map; in a text field, a printable character
    /// that no binding takes is typed.
    static func keyPressed(_ key: Key, _ state: inout AppState) -> [WizardEffect] {
        if let binding = keyMap(for: state).first(where: { $0.keys.contains(key) }) {
            return perform(binding.intent, key: key, &state) ?? []
        }
        if state.isEditingText, !state.isTooSmall, case .character(let character) = key {
            typeCharacter(character, &state)
        }
        return []
    }

    /// Carries out a binding's intent; nil when it does not apply in this state, which a key
    /// map must never offer (the tests check every binding shown).
    static func perform(_ intent: Intent, key: Key, _ state: inout AppState) -> [WizardEffect]? {
        switch intent {
        case .showHelp:
            state.overlay = .help
            return []
        case .quit:
            return quit(&state)
        case .redraw:
            return [.redraw]
        default:
            break
        }
        if let overlay = state.overlay { return overlayIntent(intent, overlay, &state) }
        switch state.screen {
        case .welcome: return welcomeIntent(intent, key: key, &state)
        case .proxy: return proxyIntent(intent, key: key, &state)
        case .details: return detailsIntent(intent, key: key, &state)
        case .preflight: return preflightIntent(intent, key: key, &state)
        case .preview: return previewIntent(intent, key: key, &state)
        case .run: return runIntent(intent, key: key, &state)
        case .done: return doneIntent(intent, key: key, &state)
        }
    }

    /// Quits at once, unless a step is running: then the operator confirms first.
    static func quit(_ state: inout AppState) -> [WizardEffect] {
        if state.run.isBusy {
            state.overlay = .quitConfirm
            return []
        }
        state.quitRequested = true
        return saveAnswers(&state) + [.quit]
    }

    /// Sends the answers and the screen to disk when either changed since the last save.
    /// Nothing is saved before the operator has chosen the proxy (until then no answer was
    /// given), nor on the welcome and done screens.
    static func saveAnswers(_ state: inout AppState) -> [WizardEffect] {
        let answering = state.screen == .details || state.savedAnswers != nil
        guard answering, state.screen != .welcome, state.screen != .done else { return [] }
        let raw = state.rawAnswers
        guard raw != state.savedAnswers || state.screen != state.savedScreen else { return [] }
        state.savedAnswers = raw
        state.savedScreen = state.screen
        return [.saveAnswers(raw, screen: state.screen)]
    }

    static func overlayIntent(_ intent: Intent, _ overlay: Overlay, _ state: inout AppState) -> [WizardEffect]? {
        switch (overlay, intent) {
        case (.help, .closeOverlay), (_, .cancel):
            state.overlay = nil
            return []
        case (.quitConfirm, .confirm):
            state.overlay = nil
            state.quitRequested = true
            return saveAnswers(&state) + [.quit]
        case (.skipConfirm(let id), .confirm):
            state.overlay = nil
            return [.skip(id)]
        case (.goOnConfirm, .confirm):
            state.overlay = nil
            state.preflightOverridden = true
            state.screen = .preview
            return []
        case (.abortConfirm, .confirm):
            state.overlay = nil
            return state.run.running == nil ? [] : [.abortStep]
        default:
            return nil
        }
    }

    /// A direction from the key pressed: -1 for up/back, +1 for down/forward.
    static func direction(_ key: Key) -> Int {
        switch key {
        case .up, .backTab, .left, .pageUp, .home: -1
        default: 1
        }
    }
}
