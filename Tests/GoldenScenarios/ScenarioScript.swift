import LTSetupCore
import LTSetupUI

/// A scenario cut at its keys, the way a program replays it: the reports that come before
/// the first key, then each key with the reports that follow it, up to the next key.
///
/// `wizard-replay NAME` answers the operator's keys with these reports in
/// place of a session, a run and a clock, and the tmux tests compute the frame each key
/// leads to from the same cut, so the two can never disagree on where a report belongs.
public struct ScenarioScript: Sendable {
    /// One key and the program's reports that follow it.
    public struct Turn: Equatable, Sendable {
        public let key: Key
        public let reports: [WizardAction]
    }

    /// Reports before any key: delivered before the first frame is painted.
    public let leading: [WizardAction]
    public let turns: [Turn]

    public init(_ scenario: GoldenScenario) {
        var leading: [WizardAction] = []
        var turns: [Turn] = []
        var key: Key?
        var reports: [WizardAction] = []
        for step in scenario.steps {
            switch step {
            case .key(let next):
                if let key { turns.append(Turn(key: key, reports: reports)) } else { leading = reports }
                key = next
                reports = []
            case .program(let action):
                reports.append(action)
            }
        }
        if let key { turns.append(Turn(key: key, reports: reports)) } else { leading = reports }
        self.leading = leading
        self.turns = turns
    }
}
