/// What `lt-setup plan` prints by default: every step, to read. Commands as they would run,
/// new files in full, and each change to an existing file as a unified diff with three lines
/// of context, so that a change of three lines reads as three lines. Passwords and keys are
/// masked (see `SecretMask`) unless `showSecrets`.
///
/// It is not a script: `PlanScript` is the runnable form.
public enum PlanDocument {
    public static func render(_ plan: Plan, showSecrets: Bool = false) -> String {
        var out = header(plan, showSecrets: showSecrets)
        for (index, step) in plan.steps.enumerated() {
            out += "\n" + block(step, number: index + 1, of: plan.steps.count, showSecrets: showSecrets)
        }
        return out
    }

    static func header(_ plan: Plan, showSecrets: Bool) -> String {
        var out = "# lt-setup plan: \(PlanText.summary(plan)).\n"
        out += "# Made from LibreTime's admin guide \"Reverse proxy\". Nothing has been run or changed.\n"
        out += "# Each step with its commands; a new file in full, a changed file as a diff.\n"
        if showSecrets {
            out += "# Passwords and keys are shown (--show-secrets): keep this output private.\n"
        } else {
            out += "# Passwords and keys are shown as \(SecretMask.hidden) (--show-secrets shows them).\n"
        }
        out += "# `lt-setup apply` runs these steps with backups, config tests and resume;\n"
        out += "# `lt-setup plan --script` prints them as a shell script to run by hand.\n"
        return out + PlanText.answersAndNotes(plan)
    }

    static func block(_ step: Step, number: Int, of total: Int, showSecrets: Bool) -> String {
        var out = PlanText.heading(step, number: number, of: total)
        switch step.status {
        case .toDo:
            let body = step.actions.map { lines($0, showSecrets: showSecrets) }.joined()
            out += body.isEmpty ? "# Nothing to run.\n" : body
        case .alreadyDone:
            out += "# Already done: lt-setup skips this step.\n"
            out += PlanText.commentedOut(step.actions.map(PlanText.commandLines).joined())
        case .skipped(let reason):
            out += "# Skipped: \(reason)\n"
        }
        return out
    }

    static func lines(_ action: Action, showSecrets: Bool) -> String {
        switch action {
        case .write(let write):
            return fileLines(write, showSecrets: showSecrets)
        case .configTest(let command, _):
            return "# If this test fails, lt-setup apply puts the previous files back and restarts nothing.\n"
                + ShellQuote.command(command.argv, environment: command.environment) + "\n"
        default:
            return PlanText.commandLines(action)
        }
    }

    static func fileLines(_ write: FileWrite, showSecrets: Bool) -> String {
        let keeping = write.permissions == nil ? ", keeping its owner and mode" : ""
        switch write.previous {
        case .file(let old) where old == write.content:
            return "# \(write.path) is already as planned.\n"
        case .file(let old):
            return "# Change \(write.path)\(keeping):\n"
                + PlanText.diff(from: old, to: write.content, path: write.path, showSecrets: showSecrets)
                + PlanText.ownership(write)
        case .missing:
            return "# Create \(write.path).\n"
                + PlanText.hereDocument(write, content: PlanText.shown(write.content, showSecrets: showSecrets))
        default:
            return "# Replace \(write.path)\(keeping).\n"
                + PlanText.hereDocument(write, content: PlanText.shown(write.content, showSecrets: showSecrets))
        }
    }
}
