import LTSetupCore
import LTSetupRuntime

/// Plain-text reports of a plan and a session, for terminals without the wizard.
enum ApplyReport {
    /// One line per step: what a run would do with it now.
    static func dryRun(_ plan: Plan) -> String {
        var out = "Plan for \(plan.answers.domain) (\(plan.answers.proxy.displayName)); nothing has been changed:\n"
        for (index, step) in plan.steps.enumerated() {
            let mark: String
            switch step.status {
            case .toDo: mark = "to do"
            case .alreadyDone: mark = "already done"
            case .skipped(let reason): mark = "not applicable: \(reason)"
            }
            out += "  [\(SessionSummary.pad(index + 1, plan.steps.count))/\(plan.steps.count)] \(step.title) — \(mark)\n"
            if step.status == .toDo {
                for action in step.actions { out += "        \(action.logLine)\n" }
            }
        }
        for note in plan.notes { out += "Note: \(note)\n" }
        out += "While it runs:\n"
        for line in plan.offAir { out += "  \(line)\n" }
        return out
    }
}
