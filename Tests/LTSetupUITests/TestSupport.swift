import GoldenScenarios
import LTSetupCore
@testable import LTSetupUI

/// Driving the wizard in tests: states reached by the golden scenarios' steps, keys, actions.
extension AppState {
    static func after(_ steps: [ScenarioStep], columns: Int = 80, rows: Int = 24, glyphs: Glyphs = .unicode,
                      resumable: ResumableSession? = nil, draft: ResumableDraft? = nil,
                      previewRoot: String? = nil) -> AppState {
        var setup = ScenarioFixtures.setup(columns, rows, glyphs: glyphs, resumable: resumable, draft: draft)
        setup.previewRoot = previewRoot
        return GoldenScenario("test", setup: setup, steps: steps).replay().state
    }

    static var atWelcome: AppState { after([]) }
    static var atDetails: AppState { after(GoldenScenarios.toDetails) }
    static var atPreview: AppState { after(GoldenScenarios.toPreview) }
    static var atRunPending: AppState { after(GoldenScenarios.toRun) }

    /// Presses the keys in turn; returns every effect asked for.
    @discardableResult
    mutating func press(_ keys: Key...) -> [WizardEffect] {
        keys.flatMap { Wizard.update(&self, .keyPressed($0)) }
    }

    @discardableResult
    mutating func type(_ text: String) -> [WizardEffect] {
        text.flatMap { Wizard.update(&self, .keyPressed(.character($0))) }
    }

    @discardableResult
    mutating func send(_ actions: WizardAction...) -> [WizardEffect] {
        actions.flatMap { Wizard.update(&self, $0) }
    }

    /// The footer row as drawn.
    var footer: String {
        let screen = Wizard.render(self)
        return screen.text.split(separator: "\n", omittingEmptySubsequences: false)[size.rows - 1]
            .trimmingPrefix(" ").description
    }

    /// The rendered frame as lines.
    var lines: [String] {
        Wizard.render(self).text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    }
}

extension Substring {
    func trimmingPrefix(_ character: Character) -> Substring {
        var rest = self
        while rest.first == character { rest.removeFirst() }
        return rest
    }
}

enum Fixture {
    /// Built once: planning is pure but not free.
    static let plan: Plan = ScenarioFixtures.plan
        ?? Plan(answers: ScenarioFixtures.answers, steps: [], notes: [], serviceManagerName: "none")

    static func id(_ number: Int) -> StepID { plan.steps[number - 1].id }

    static let domainKeys = GoldenScenarios.typing(ScenarioFixtures.domain)
}
