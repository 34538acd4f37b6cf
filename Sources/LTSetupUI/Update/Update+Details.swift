import LTSetupCore

/// The details form: focus, editing, switches, and checking the answers.
extension Wizard {
    static func detailsIntent(_ intent: Intent, key: Key, _ state: inout AppState) -> [WizardEffect]? {
        switch intent {
        case .moveFocus:
            // Tab wraps around the form; the arrows stop at its ends.
            let wraps = key == .tab || key == .backTab
            return moveFocus(by: direction(key), wrapping: wraps, &state)
        case .submitField:
            let form = state.details
            if form.focus == .continueButton || form.focus == form.lastInputField { return submit(&state) }
            return moveFocus(by: 1, wrapping: false, &state)
        case .moveCursor:
            state.details.editText(state.details.focus) { moveCursor(&$0, key) }
            return []
        case .erase:
            state.details.editText(state.details.focus) { field in
                switch key {
                case .delete: field.deleteForward()
                case .control("w"): field.deleteWordBackward()
                case .control("u"): field.deleteToStart()
                default: field.deleteBackward()
                }
            }
            recheckEditedField(&state)
            return []
        case .toggle:
            toggle(&state)
            return saveAnswers(&state)
        case .changeOption:
            let options = ACMEChoice.allCases
            let index = options.firstIndex(of: state.details.acme) ?? 0
            state.details.acme = options[(index + direction(key) + options.count) % options.count]
            state.details.errors[.acmeURL] = nil
            return saveAnswers(&state)
        case .back:
            checkLeaving(&state)
            state.planning = .idle
            state.screen = .proxy
            return saveAnswers(&state)
        default:
            return nil
        }
    }

    static func moveCursor(_ field: inout TextField, _ key: Key) {
        switch key {
        case .left: field.moveLeft()
        case .right: field.moveRight()
        case .home: field.moveHome()
        default: field.moveEnd()
        }
    }

    static func typeCharacter(_ character: Character, _ state: inout AppState) {
        state.details.editText(state.details.focus) { $0.insert(character) }
        recheckEditedField(&state)
    }

    /// A field that shows an error is checked again at each edit, so the error goes away as
    /// soon as the value is right.
    static func recheckEditedField(_ state: inout AppState) {
        let field = state.details.focus
        if state.details.errors[field] != nil { state.details.check(field) }
    }

    /// Leaving a field checks it when something was typed (an empty required field is
    /// reported at Continue, not on the way through) and saves the answers.
    static func moveFocus(by step: Int, wrapping: Bool, _ state: inout AppState) -> [WizardEffect] {
        checkLeaving(&state)
        let order = state.details.focusOrder
        let index = order.firstIndex(of: state.details.focus) ?? 0
        var next = index + step
        next = wrapping ? (next + order.count) % order.count : clamp(next, order.count)
        state.details.focus = order[next]
        return saveAnswers(&state)
    }

    static func checkLeaving(_ state: inout AppState) {
        let field = state.details.focus
        let typed = state.details.text(field).map { !$0.text.isEmpty } ?? false
        if typed || state.details.errors[field] != nil { state.details.check(field) }
    }

    static func toggle(_ state: inout AppState) {
        switch state.details.focus {
        case .https:
            state.details.https.toggle()
            if !state.details.https {
                // Without a certificate, Icecast has nothing to serve over TLS.
                state.details.secureIcecast = false
                for field in [DetailsField.email, .acmeServer, .acmeURL, .secureIcecast, .icecastPort] {
                    state.details.errors[field] = nil
                }
            }
        case .secureIcecast:
            state.details.secureIcecast.toggle()
            if !state.details.secureIcecast { state.details.errors[.icecastPort] = nil }
        default:
            break
        }
    }

    /// Checks every answer; when all are valid, asks the program for the plan.
    static func submit(_ state: inout AppState) -> [WizardEffect] {
        let saved = saveAnswers(&state)
        guard let answers = state.details.validateAll(proxy: state.proxy) else { return saved }
        state.planning = .building
        return saved + [.buildPlan(answers)]
    }
}
