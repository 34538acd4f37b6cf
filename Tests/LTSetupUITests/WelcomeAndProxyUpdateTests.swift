import GoldenScenarios
import LTSetupCore
@testable import LTSetupUI
import Testing

@Suite struct WelcomeAndProxyUpdateTests {
    @Test func theInitialStateIsTheWelcomeWithTheSuggestedBackend() {
        let setup = WizardSetup(size: Size(columns: 100, rows: 30), glyphs: .ascii, suggestedBackend: "127.0.0.1:8081",
                                locations: ScenarioFixtures.locations, streamMounts: ["main"], logCapacity: 50)
        let state = AppState(setup)
        #expect(state.screen == .welcome)
        #expect(state.details.backend.text == "127.0.0.1:8081")
        #expect(state.details.icecastPort.text == "8443")
        #expect(state.glyphs == .ascii)
        #expect(state.size == Size(columns: 100, rows: 30))
        #expect(state.run.logCapacity == 50)
        #expect(state.savedAnswers == nil)
    }

    @Test func enterOnAFreshWelcomeGoesToTheProxyAndSavesNothing() {
        var state = AppState.atWelcome
        #expect(state.press(.enter) == [])
        #expect(state.screen == .proxy)
    }

    @Test func resumeChoicesEachAskForTheirEffect() {
        let session = GoldenScenarios.resumable
        var state = AppState.after([], resumable: session)
        #expect(state.press(.enter) == [.resumeSession])
        #expect(state.planning == .building)

        state = AppState.after([], resumable: session)
        #expect(state.press(.down, .enter) == [.startOver])
        #expect(state.screen == .proxy)
        #expect(state.resumable == nil)

        state = AppState.after([], resumable: session)
        #expect(state.press(.down, .down, .down, .enter) == [.openSessionLog(sessionID: session.id)])
        #expect(state.screen == .welcome)
        #expect(state.welcomeChoice == 2)
    }

    /// Answers saved before a run: Resume fills the form and, as they were saved past the
    /// details, checks them and asks for the plan again, which leads to the preflight.
    @Test func savedAnswersFromThePreviewResumeThroughThePlanAndThePreflight() {
        var state = AppState.after([], draft: ScenarioFixtures.draft)
        #expect(state.lines.contains { $0.contains("Answers from an earlier lt-setup were found") })
        #expect(state.lines.contains { $0.contains("Stopped on the Preview screen") })
        #expect(state.footer.contains("Enter choose"))
        let raw = ScenarioFixtures.answers.raw
        #expect(state.press(.enter) == [.saveAnswers(raw, screen: .details), .buildPlan(ScenarioFixtures.answers)])
        #expect(state.draft == nil)
        #expect(state.planning == .building)
        #expect(state.details.domain.text == ScenarioFixtures.domain)
        #expect(state.details.email.text == ScenarioFixtures.email)
        #expect(state.send(ScenarioFixtures.planReply())
                == [.runPreflight(ScenarioFixtures.answers), .saveAnswers(raw, screen: .preflight)])
        #expect(state.screen == .preflight)
    }

    @Test func savedAnswersFromTheDetailsResumeOnTheDetails() {
        var draft = ScenarioFixtures.draft
        draft.screen = .details
        draft.answers[.domain] = "radio.example"
        draft.answers[.proxy] = "apache"
        var state = AppState.after([], draft: draft)
        #expect(state.press(.enter) == [], "already saved as it is")
        #expect(state.screen == .details)
        #expect(state.proxy == .apache)
        #expect(state.details.domain.text == "radio.example")
    }

    @Test func startingOverForgetsTheSavedAnswers() {
        var state = AppState.after([], draft: ScenarioFixtures.draft)
        #expect(state.press(.down, .down, .enter) == [.startOver], "two choices: Down stops at the last")
        #expect(state.screen == .proxy)
        #expect(state.draft == nil)
        #expect(state.details.domain.text == "")
    }

    /// Saved answers name their screen; every name reads back as the same screen.
    @Test func everyScreenIsReadBackFromItsSavedName() {
        for screen in WizardScreen.allCases { #expect(WizardScreen(savedName: screen.savedName) == screen) }
        #expect(WizardScreen(savedName: "preview") == .preview)
        #expect(WizardScreen(savedName: "Preview") == nil)
    }

    @Test func anUnfinishedSessionComesBeforeSavedAnswers() {
        let state = AppState.after([], resumable: GoldenScenarios.resumable, draft: ScenarioFixtures.draft)
        #expect(state.draft == nil)
        #expect(state.resumable == GoldenScenarios.resumable)
    }

    @Test func aResumedSessionOpensTheRunScreenWhereItStopped() {
        var state = AppState.after([], resumable: GoldenScenarios.resumable)
        state.press(.enter)
        let plan = Fixture.plan
        state.send(.sessionResumed(plan, outcomes: [Fixture.id(1): .done, Fixture.id(2): .alreadyDone,
                                                    Fixture.id(3): .done, Fixture.id(4): .done]))
        #expect(state.screen == .run)
        #expect(state.details.domain.text == ScenarioFixtures.domain)
        #expect(state.run.selected == 4)
        #expect(state.run.steps[4].progress == .pending)
        #expect(state.savedAnswers == plan.answers.raw)
        #expect(state.press(.enter) == [.startRun(.all)])
    }

    @Test func choosingTheProxySavesTheAnswersAtOnce() {
        var state = AppState.after(GoldenScenarios.toProxy)
        #expect(state.press(.down) == [])
        #expect(state.proxy == .apache)
        let effects = state.press(.enter)
        #expect(state.screen == .details)
        var expected = state.details.raw(proxy: .apache)
        expected[.proxy] = "apache"
        #expect(effects == [.saveAnswers(expected, screen: .details)])
        // Going back is saved too: a resume comes back to the screen the operator was on.
        #expect(state.press(.escape) == [.saveAnswers(expected, screen: .proxy)])
        #expect(state.screen == .proxy)
        #expect(state.press(.escape) == [])
        #expect(state.screen == .welcome)
    }

    @Test func quitOutsideARunQuitsAtOnce() {
        var state = AppState.atWelcome
        #expect(state.press(.character("q")) == [.quit])
        #expect(state.quitRequested)
        state = AppState.atWelcome
        #expect(state.press(.control("q")) == [.quit])
    }

    @Test func helpOpensAndClosesOverTheScreen() {
        var state = AppState.after(GoldenScenarios.toProxy)
        state.press(.character("?"))
        #expect(state.overlay == .help)
        #expect(state.footer == "Esc close")
        state.press(.down)
        #expect(state.proxy == .nginx, "keys of the screen below do not reach it")
        state.press(.escape)
        #expect(state.overlay == nil)
        state.press(.function(1))
        #expect(state.overlay == .help)
    }

    /// Reconnecting while the old lt-setup still finishes its step: Welcome says so and
    /// offers its log only; when it has ended, the session is offered to resume.
    @Test func aRunStillFinishingIsWatchedThenOfferedToResume() {
        var state = AppState.after([], resumable: GoldenScenarios.finishing)
        let text = Wizard.render(state).text
        #expect(text.contains("A run is still finishing its step."))
        #expect(text.contains("Running    4. Test the nginx configuration and restart nginx"))
        #expect(text.contains("process 1532"))
        #expect(!text.contains("Resume "))
        #expect(state.press(.down) == [])
        #expect(state.press(.enter) == [.openSessionLog(sessionID: GoldenScenarios.finishing.id)])
        var ended = GoldenScenarios.finishing
        ended.finishing = nil
        state.send(.otherRunEnded(ended))
        #expect(Wizard.render(state).text.contains("An unfinished session was found."))
        #expect(state.press(.enter) == [.resumeSession])
    }
}
