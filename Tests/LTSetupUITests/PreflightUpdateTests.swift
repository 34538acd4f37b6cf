import GoldenScenarios
import LTSetupCore
@testable import LTSetupUI
import Testing

@Suite struct PreflightUpdateTests {
    static var checking: AppState { AppState.after(GoldenScenarios.toPreflight) }

    static func ready(_ checks: [Check]) -> AppState {
        var state = checking
        state.send(.preflightReady(checks))
        return state
    }

    @Test func theScreenSaysCheckingUntilTheResultsComeBack() {
        var state = Self.checking
        #expect(state.screen == .preflight)
        #expect(state.lines[0].contains("4/7 Preflight"))
        #expect(state.lines.contains { $0.contains("Checking…") })
        #expect(state.press(.enter) == [], "nothing to go on to yet")
        #expect(state.screen == .preflight)
        #expect(state.press(.character("r")) == [], "already checking")
        #expect(state.footer.hasPrefix("Esc back"))
    }

    @Test func warningsDoNotBlock() {
        var state = Self.ready(ScenarioFixtures.preflightOK)
        #expect(ScenarioFixtures.preflightOK.warnings.count == 2)
        #expect(state.footer.contains("Enter continue"))
        #expect(state.lines.contains { $0.contains("⚠ IPv6") })
        #expect(state.lines.contains { $0.contains("do    remove the AAAA record") })
        #expect(state.press(.enter) == [.saveAnswers(state.rawAnswers, screen: .preview)])
        #expect(state.screen == .preview)
    }

    @Test func aFailedHardCheckBlocksAndSaysWhat() {
        var state = Self.ready(ScenarioFixtures.preflightBlocked)
        #expect(!state.footer.contains("Enter"))
        #expect(state.footer.contains("r check again"))
        #expect(state.footer.contains("Esc back"))
        #expect(state.lines.contains { $0.contains("Blocked by domain") })
        #expect(state.press(.enter) == [])
        #expect(state.screen == .preflight, "Enter does not go on past a failed hard check")
    }

    @Test func gGoesOnPastAFailedCheckAfterAsking() {
        var state = Self.ready(ScenarioFixtures.preflightBlocked)
        #expect(state.footer.contains("g go on anyway"))
        #expect(state.lines.contains { $0.contains("Blocked by domain: fix it and press r, or g goes on anyway.") })
        state.press(.character("g"))
        #expect(state.overlay == .goOnConfirm)
        #expect(state.lines.contains { $0.contains("Go on anyway?") })
        state.press(.character("n"))
        #expect(state.overlay == nil)
        #expect(state.screen == .preflight, "n stays")
        state.press(.character("g"), .character("y"))
        #expect(state.screen == .preview)
        #expect(state.preflightOverridden)
        // Back on the preflight screen, checking again asks again.
        state.press(.escape)
        #expect(state.screen == .preflight)
        state.press(.enter)
        #expect(state.screen == .preview, "the confirmation holds until the checks run again")
        state.press(.escape, .character("r"))
        #expect(!state.preflightOverridden)
        state.send(.preflightReady(ScenarioFixtures.preflightBlocked))
        #expect(state.press(.enter) == [])
        #expect(state.screen == .preflight)
    }

    @Test func aPassingPreflightOffersNoWayPast() {
        var state = Self.ready(ScenarioFixtures.preflightOK)
        #expect(!state.footer.contains("go on anyway"))
        state.press(.character("g"))
        #expect(state.overlay == nil)
    }

    @Test func aRootPreviewKeepsTheVerdictsAndGoesOnSinceNothingRuns() {
        var state = AppState.after(GoldenScenarios.toPreflight, previewRoot: "/srv/copy")
        state.send(.preflightReady(ScenarioFixtures.preflightBlocked))
        #expect(state.lines.contains { $0.contains("Enter goes on to the preview (nothing runs); blocked for a run by domain.") })
        #expect(state.lines.contains { $0.contains("✖") }, "the failed check keeps its verdict")
        #expect(!state.footer.contains("go on anyway"))
        state.press(.enter)
        #expect(state.screen == .preview)
    }

    @Test func aRootPreviewSaysSoAndPromisesNoSaving() {
        let welcome = AppState.after([], previewRoot: "/srv/copy")
        #expect(welcome.lines.joined(separator: " ").contains("This is a preview (--root)"))
        #expect(!welcome.lines.joined(separator: " ").contains("saved as you go"))
        let details = AppState.after(GoldenScenarios.toDetails, previewRoot: "/srv/copy")
        #expect(details.lines.contains { $0.contains("A preview: answers are not saved, and nothing runs.") })
        #expect(AppState.atDetails.lines.contains { $0.contains("Answers are saved as you go") })
    }

    @Test func rChecksAgainAndEscGoesBackToTheDetails() {
        var state = Self.ready(ScenarioFixtures.preflightBlocked)
        #expect(state.press(.character("r")) == [.runPreflight(ScenarioFixtures.answers)])
        #expect(state.preflight == .checking)
        state.send(.preflightReady(ScenarioFixtures.preflightOK))
        #expect(state.mayLeavePreflight)
        state.press(.escape)
        #expect(state.screen == .details)
        #expect(state.preflight == .idle)
    }

    @Test func aLongListScrolls() {
        var state = Self.ready(ScenarioFixtures.preflightBlocked)
        let last = Wizard.lastPreflightScroll(state)
        #expect(last > 0)
        state.press(.down)
        #expect(state.preflightScroll == 1)
        state.press(.end)
        #expect(state.preflightScroll == last)
        #expect(state.lines.contains { $0.contains("Firewall") })
        state.press(.home)
        #expect(state.preflightScroll == 0)
    }

    @Test func everyKeyShownIsHandled() {
        for state in [Self.checking, Self.ready(ScenarioFixtures.preflightOK), Self.ready(ScenarioFixtures.preflightBlocked)] {
            for binding in Wizard.keyMap(for: state) {
                var copy = state
                #expect(Wizard.perform(binding.intent, key: binding.keys[0], &copy) != nil, "\(binding.help)")
            }
        }
    }
}
