import GoldenScenarios
import LTSetupApp
import LTSetupCore
import LTSetupRuntime
import LTSetupUI

/// The wizard's backend in `wizard-replay NAME`: it carries out nothing and answers the
/// operator's keys with the golden scenario's own reports (plan, checks, run events, clock
/// ticks), so that the real loop, terminal, key reading and painter can be compared
/// with `screens/NAME.txt` even where a real run's output and times would differ every time.
///
/// Nothing on the machine is read or changed: no session file, no plan from disk, no
/// process. A key the scenario does not expect next ends the replay (no report follows it
/// any more), so a wrong key shows as a wrong frame instead of a plausible one.
final class GoldenReplay: WizardBackend {
    let scenario: GoldenScenario
    let script: ScenarioScript
    private var nextTurn = 0
    private var leadingDelivered = false

    init(_ scenario: GoldenScenario) {
        self.scenario = scenario
        script = ScenarioScript(scenario)
    }

    var isRunning: Bool { false }
    var waitDescriptors: [Int32] { [] }
    var pollTimeout: Int32 { 100 }
    var idlePollTimeout: Int32 { -1 }

    /// The scenario's setup, at the terminal's size and glyphs (the golden matches only when
    /// they are the scenario's).
    func setup(size: Size, glyphs: Glyphs) -> WizardSetup {
        var setup = scenario.setup
        setup.size = size
        setup.glyphs = glyphs
        return setup
    }

    func perform(_ effect: WizardEffect) -> [WizardAction] { [] }

    func service(readable: Set<Int32>) -> [WizardAction] {
        guard !leadingDelivered else { return [] }
        leadingDelivered = true
        return script.leading
    }

    func reports(afterKey key: Key) -> [WizardAction] {
        guard nextTurn < script.turns.count, script.turns[nextTurn].key == key else {
            nextTurn = script.turns.count
            return []
        }
        nextTurn += 1
        return script.turns[nextTurn - 1].reports
    }

    func stopAfterCurrentStep(cancel: Bool, because cause: StopCause) {}
    func logPath(of id: StepID) -> String? { nil }
    func summaryPath(of session: String) -> String? { nil }
}
