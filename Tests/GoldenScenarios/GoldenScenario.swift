import LTSetupCore
import LTSetupUI

/// One step of a scenario: a key the operator presses, or something the program reports
/// (a plan, a run event, a tick of the clock).
public enum ScenarioStep: Equatable, Sendable {
    case key(Key)
    case program(WizardAction)

    /// The action `Wizard.update` receives for this step.
    public var action: WizardAction {
        switch self {
        case .key(let key): .keyPressed(key)
        case .program(let action): action
        }
    }
}

/// A screen state worth a golden file, as the way to reach it: an initial setup and the
/// keys and program reports that follow. The pure renderer's tests and the tmux tests of
/// the real binary replay the same steps and compare with the same file.
public struct GoldenScenario: Sendable {
    /// `run-failed-80x24`: the golden file's name without `.txt`.
    public let name: String
    public let setup: WizardSetup
    public let steps: [ScenarioStep]

    /// - Parameter base: `<screen>-<state>`; the size is added to make the name.
    public init(_ base: String, setup: WizardSetup, steps: [ScenarioStep]) {
        name = "\(base)-\(setup.size.columns)x\(setup.size.rows)"
        self.setup = setup
        self.steps = steps
    }

    /// The file in `screens/`.
    public var fileName: String { name + ".txt" }

    /// The state the steps lead to from the setup, and every effect asked for on the way.
    public func replay() -> (state: AppState, effects: [WizardEffect]) {
        var state = AppState(setup)
        var effects: [WizardEffect] = []
        for step in steps { effects += Wizard.update(&state, step.action) }
        return (state, effects)
    }

    /// The frame the scenario ends on, as the golden file holds it.
    public func render() -> Screen {
        Wizard.render(replay().state)
    }
}
