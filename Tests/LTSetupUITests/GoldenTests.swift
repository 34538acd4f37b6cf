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
        #expect(plan.steps.count == 12)
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
}
