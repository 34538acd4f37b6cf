import GoldenScenarios
import LTSetupCore
import LTSetupUI
import Testing

@Suite struct GoldenTests {
    @Test(arguments: GoldenScenarios.all.map(\.name))
    func frameMatchesItsGoldenFile(_ name: String) throws {
        let scenario = try #require(GoldenScenarios.named(name))
        GoldenFile.check(scenario.render().text, against: scenario.fileName)
    }

    @Test func everyGoldenFileHasAScenarioAndNamesAreUnique() {
        let names = GoldenScenarios.all.map(\.fileName)
        #expect(Set(names).count == names.count)
        if !GoldenFile.isRecording {
            #expect(GoldenFile.names() == names.sorted())
        }
    }

    @Test func theFixturePlanBuilds() throws {
        let plan = try #require(ScenarioFixtures.plan)
        #expect(plan.steps.count == 11)
        #expect(plan.steps.allSatisfy { $0.status == .toDo })
    }

    @Test func scenariosEndOnTheScreenTheirNameSays() {
        for scenario in GoldenScenarios.all {
            let state = scenario.replay().state
            let expected: String = switch state {
            case _ where state.isTooSmall: "too-small"
            case _ where state.overlay == .help: "help-\(state.screen.title.lowercased())"
            case _ where state.overlay == .quitConfirm: "quit-confirm"
            default: state.screen.title.lowercased()
            }
            #expect(scenario.name.hasPrefix(expected), "\(scenario.name) ends on \(expected)")
        }
    }

    /// The cut `wizard-replay` plays: every report stays in order after the key it follows,
    /// so playing the script leads to the scenario's own last frame.
    @Test(arguments: GoldenScenarios.all.map(\.name))
    func theScriptKeepsEveryReportAfterItsKey(_ name: String) throws {
        let scenario = try #require(GoldenScenarios.named(name))
        let script = ScenarioScript(scenario)
        let flattened = script.leading.map(ScenarioStep.program)
            + script.turns.flatMap { [ScenarioStep.key($0.key)] + $0.reports.map(ScenarioStep.program) }
        #expect(flattened == scenario.steps)
        var state = AppState(scenario.setup)
        for report in script.leading { _ = Wizard.update(&state, report) }
        for turn in script.turns {
            _ = Wizard.update(&state, .keyPressed(turn.key))
            for report in turn.reports { _ = Wizard.update(&state, report) }
        }
        #expect(Wizard.render(state) == scenario.render())
    }

    @Test func aScriptCutsAtEachKey() throws {
        let tick = WizardAction.tick(seconds: 1)
        let scenario = GoldenScenario("cut", setup: ScenarioFixtures.setup(80, 24, glyphs: .unicode, resumable: nil),
                                      steps: [.program(tick), .key(.enter), .key(.down), .program(.runEnded), .program(tick)])
        let script = ScenarioScript(scenario)
        #expect(script.leading == [tick])
        #expect(script.turns.map(\.key) == [.enter, .down])
        #expect(script.turns.map(\.reports) == [[], [.runEnded, tick]])
    }
}
