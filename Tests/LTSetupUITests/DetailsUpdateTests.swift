import GoldenScenarios
import LTSetupCore
@testable import LTSetupUI
import Testing

@Suite struct DetailsUpdateTests {
    @Test func printableKeysAreTextInAField() {
        var state = AppState.atDetails
        #expect(state.type("q?x") == [])
        #expect(state.details.domain.text == "q?x")
        #expect(!state.quitRequested)
        #expect(state.overlay == nil)
        #expect(state.footer.contains("^Q quit"))
        #expect(state.footer.contains("F1 help"))
        #expect(!state.footer.contains("q quit"))
    }

    @Test func theCursorMovesAndDeletesInPlace() {
        var state = AppState.atDetails
        state.type("radio.org")
        state.press(.home, .right, .right, .right, .right, .right)
        state.type("-x")
        #expect(state.details.domain.text == "radio-x.org")
        state.press(.backspace, .backspace, .delete)
        #expect(state.details.domain.text == "radioorg")
        state.press(.end)
        state.type("!")
        #expect(state.details.domain.text == "radioorg!")
        #expect(state.details.domain.cursor == 9)
    }

    /// Ctrl-W takes the word before the cursor (a label of a domain), Ctrl-U all before it:
    /// a wrong value is fixed without a Backspace per character.
    @Test func ctrlWDeletesAWordAndCtrlUAllBeforeTheCursor() {
        var state = AppState.atDetails
        state.type("radio.exmaple.org")
        state.press(.control("w"))
        #expect(state.details.domain.text == "radio.exmaple.")
        state.press(.control("w"))
        #expect(state.details.domain.text == "radio.")
        state.type("example.org")
        #expect(state.details.domain.text == "radio.example.org")
        state.press(.home, .right, .right, .right, .right, .right, .control("u"))
        #expect(state.details.domain.text == ".example.org")
        #expect(state.details.domain.cursor == 0)
        state.type("stream")
        #expect(state.details.domain.text == "stream.example.org")
        #expect(Wizard.keyMap(for: state).contains { $0.keys.contains(.control("w")) && $0.keys.contains(.control("u")) })
    }

    @Test func theCursorIsWhereTheFieldIsEdited() {
        var state = AppState.atDetails
        state.type("abc")
        state.press(.left)
        let screen = Wizard.render(state)
        let row = state.lines.firstIndex { $0.contains("Domain") } ?? -1
        let column = state.lines[row].distance(of: "[abc") + 1 + 2
        #expect(screen.cursor == Position(column: column, row: row))
        state.press(.tab, .tab)
        #expect(Wizard.render(state).cursor == nil, "no cursor on a switch")
    }

    @Test func aFieldTakesAtMost253Characters() {
        var state = AppState.atDetails
        state.type(String(repeating: "a", count: 300))
        #expect(state.details.domain.characters.count == 253)
        state.press(.escape)
        #expect(state.details.domain.text.count == 253)
    }

    /// A paste longer than the field is not silently cut into a value that passes: the
    /// field says it dropped the rest.
    @Test func aValueLongerThanTheFieldIsAnError() {
        var state = AppState.atDetails
        state.type(String(repeating: "a", count: 250) + ".example.org")
        #expect(state.details.domain.overflowed)
        state.press(.tab)
        #expect(state.details.errors[.domain]?.hasPrefix("is longer than 253 characters") == true)
        state.press(.backTab, .backspace)
        #expect(state.details.errors[.domain] == nil || state.details.errors[.domain]?.hasPrefix("is longer") == false)
    }

    /// The terminal sends a combining mark as a code point of its own: it joins the letter
    /// before it, and the validator sees the name as typed.
    @Test func aCombiningMarkJoinsTheLetterBeforeIt() {
        var field = TextField()
        for character in ["r", "a", "\u{301}", "d"] as [Character] { field.insert(character) }
        #expect(field.text == "ra\u{301}d")
        #expect(field.characters.count == 3)
        var state = AppState.atDetails
        state.type("ra")
        state.press(.character("\u{301}"))
        state.type("dio.example.org")
        state.press(.tab)
        #expect(state.details.errors[.domain] != nil, "rádio.example.org is not taken for radio.example.org")
    }

    @Test func controlCharactersAreNotTyped() {
        var field = TextField()
        let escape = field.insert("\u{1B}")
        let delete = field.insert("\u{7F}")
        let accent = field.insert("é")
        #expect(!escape && !delete && accent)
        #expect(field.text == "é")
    }

    @Test func tabVisitsTheFieldsInTheAnswersFilesOrderAndWraps() {
        var state = AppState.atDetails
        var order: [DetailsField] = [state.details.focus]
        for _ in 0..<8 {
            state.press(.tab)
            order.append(state.details.focus)
        }
        #expect(order == [.domain, .backend, .https, .email, .acmeServer, .secureIcecast, .icecastPort, .continueButton, .domain])
        state.press(.backTab)
        #expect(state.details.focus == .continueButton)
        state.press(.down)
        #expect(state.details.focus == .continueButton, "the arrows stop at the ends")
        state.press(.up)
        #expect(state.details.focus == .icecastPort)
    }

    @Test func withoutHTTPSTheCertificateFieldsAreSkippedAndSecureIcecastIsOff() {
        var state = AppState.atDetails
        state.press(.tab, .tab)
        let effects = state.press(.character(" "))
        #expect(!state.details.https)
        #expect(!state.details.secureIcecast)
        #expect(effects == [.saveAnswers(state.rawAnswers, screen: .details)])
        #expect(state.rawAnswers[.https] == "false")
        #expect(state.rawAnswers[.secureIcecast] == "false")
        state.press(.tab)
        #expect(state.details.focus == .continueButton)
        #expect(state.lines.contains { $0.contains("used only with HTTPS") })
    }

    @Test func aCustomACMEServerShowsItsURLField() {
        var state = AppState.atDetails
        state.press(.tab, .tab, .tab, .tab)
        #expect(state.details.focus == .acmeServer)
        state.press(.left)
        #expect(state.details.acme == .custom)
        state.press(.tab)
        #expect(state.details.focus == .acmeURL)
        state.press(.tab, .tab, .tab, .enter)
        #expect(state.details.errors[.acmeURL]?.hasPrefix("is required") == true)
        state.type("http://acme.example.org/directory")
        #expect(state.details.errors[.acmeURL]?.contains("https URL") == true, "the error follows the edit")
    }

    @Test func leavingAFieldShowsItsErrorUnderIt() {
        var state = AppState.atDetails
        state.type("libretime")
        let effects = state.press(.tab)
        let message = "needs at least one dot, e.g. libretime.example.org; a bare name cannot get a public certificate"
        #expect(state.details.errors[.domain] == message)
        #expect(effects == [.saveAnswers(state.rawAnswers, screen: .details)])
        #expect(state.savedAnswers?[.domain] == "libretime")
        let lines = state.lines
        let field = lines.firstIndex { $0.contains("Domain") } ?? 0
        #expect(lines[field + 1].contains("✖ Domain needs at least one dot"))
    }

    @Test func anErrorGoesAwayAsSoonAsTheValueIsRight() {
        var state = AppState.atDetails
        state.type("libretime")
        state.press(.tab, .backTab)
        #expect(state.details.errors[.domain] != nil)
        state.type(".example.org")
        #expect(state.details.errors[.domain] == nil)
    }

    @Test func anEmptyFieldIsNotReportedOnTheWayThrough() {
        var state = AppState.atDetails
        #expect(state.savedAnswers == state.rawAnswers, "saved when the proxy was chosen")
        #expect(state.press(.tab) == [], "nothing changed: nothing to save")
        #expect(state.details.errors.isEmpty)
    }

    @Test func continueWithProblemsShowsThemAllAndFocusesTheFirst() {
        var state = AppState.atDetails
        state.press(.tab, .tab, .tab, .tab, .tab, .tab)
        state.press(.end, .backspace, .backspace, .backspace, .backspace)
        state.type("443")
        let effects = state.press(.enter)
        #expect(!effects.contains { if case .buildPlan = $0 { true } else { false } })
        #expect(effects == [.saveAnswers(state.rawAnswers, screen: .details)])
        #expect(Set(state.details.errors.keys) == [.domain, .email, .icecastPort])
        #expect(state.details.errors[.icecastPort] == "is taken by the web proxy; use another port, such as 8443")
        #expect(state.details.focus == .domain)
        #expect(state.planning == .idle)
    }

    @Test func continueWithValidAnswersSavesThemAndAsksForThePlan() {
        var state = AppState.after(GoldenScenarios.filled)
        let leavingEmail = state.press(.tab)
        #expect(leavingEmail == [.saveAnswers(state.rawAnswers, screen: .details)])
        #expect(state.savedAnswers?[.email] == ScenarioFixtures.email)
        state.press(.tab, .tab)
        #expect(state.details.focus == .icecastPort)
        let effects = state.press(.enter)
        #expect(effects == [.buildPlan(ScenarioFixtures.answers)], "the answers were saved as they were given")
        #expect(state.planning == .building)
        #expect(state.press(.enter) == [], "the form waits for the plan")
        #expect(state.footer == "? help  q quit")
        state.send(.planFailed("nginx: /etc/nginx/sites-available/x.conf is a directory"))
        #expect(state.planning == .failed("nginx: /etc/nginx/sites-available/x.conf is a directory"))
        #expect(state.lines.contains { $0.contains("No plan could be made") })
        #expect(state.press(.character("q")) == [], "q is text again")
    }

    @Test func thePlanOpensThePreflightAndAsksForTheChecks() {
        var state = AppState.after(GoldenScenarios.filled + [.key(.tab), .key(.tab), .key(.tab), .key(.enter)])
        #expect(state.send(ScenarioFixtures.planReply())
                == [.runPreflight(ScenarioFixtures.answers), .saveAnswers(state.rawAnswers, screen: .preflight)])
        #expect(state.screen == .preflight)
        #expect(state.preflight == .checking)
        #expect(state.preview.files.count == 7)
        #expect(state.run.steps.count == 11)
    }

    @Test func escGoesBackToTheProxyAndSavesWhatWasTyped() {
        var state = AppState.atDetails
        state.type("radio.example.org")
        let effects = state.press(.escape)
        #expect(state.screen == .proxy)
        #expect(effects == [.saveAnswers(state.rawAnswers, screen: .proxy)])
        #expect(state.press(.enter) == [.saveAnswers(state.rawAnswers, screen: .details)],
                "back again: only the screen is new")
        #expect(state.details.domain.text == "radio.example.org")
    }

    @Test func ctrlQInAFieldSavesAndQuits() {
        var state = AppState.atDetails
        state.type("radio.example.org")
        #expect(state.press(.control("q")) == [.saveAnswers(state.rawAnswers, screen: .details), .quit])
    }

    @Test func sessionSaveProblemsAreShownAndCleared() {
        var state = AppState.atDetails
        state.send(.sessionFailed("/var/lib/lt-setup: read-only file system"))
        #expect(state.lines[22].contains("Could not save the session"))
        state.send(.sessionSaved)
        #expect(state.notice == nil)
    }
}

extension String {
    /// The column where `text` starts, counting characters (the frames here are one cell
    /// per character).
    func distance(of text: String) -> Int {
        guard let range = range(of: text) else { return -1 }
        return self.distance(from: startIndex, to: range.lowerBound)
    }

    /// At 80×24 every field's hint is shown whole, wrapped where it must be, never cut with
    /// an ellipsis ("e.g. radio.ex…").
    @Test func everyHintIsShownWholeAt80Columns() {
        var state = AppState.atDetails
        for field in state.details.focusOrder where field != .continueButton {
            state.details.focus = field
            let text = Wizard.render(state).text
            let words = field.hint.split(separator: " ")
            #expect(!text.contains("…"), "\(field)")
            #expect(text.split(separator: " ").contains { $0 == words.last! }, "\(field): \(field.hint)")
        }
    }
}
