/// Prints a plan as a commented POSIX shell script an operator can review: one block per
/// step with its title and guide section, the exact commands, and here-documents for the
/// content of every file.
public enum PlanScript {
    public static func render(_ plan: Plan) -> String {
        var out = header(plan)
        for (index, step) in plan.steps.enumerated() {
            out += "\n" + block(step, number: index + 1, of: plan.steps.count)
        }
        return out
    }

    static func header(_ plan: Plan) -> String {
        let answers = plan.answers
        var features = [answers.https ? "https" : "plain http"]
        if answers.secureIcecast { features.append("secure Icecast streams on port \(answers.icecastPort)") }
        var out = "#!/bin/sh\n"
        out += "# lt-setup plan: \(answers.domain) behind \(answers.proxy.displayName), with \(features.joined(separator: " and ")).\n"
        out += "# Made from LibreTime's admin guide \"Reverse proxy\". Nothing has been run or changed.\n"
        out += "# `lt-setup apply` runs these steps with backups, config tests and resume.\n"
        out += "# Answers:\n"
        for key in AnswerKey.allCases {
            out += "#   \(key.rawValue): \(answers.raw[key] ?? "")\n"
        }
        out += "# Services are restarted through \(plan.serviceManagerName).\n"
        for note in plan.notes { out += "# Note: \(note)\n" }
        out += "set -eu\n"
        return out
    }

    static func block(_ step: Step, number: Int, of total: Int) -> String {
        var out = "# ── Step \(number) of \(total): \(step.title)\n"
        out += "# Guide: \(step.guideSection)\n"
        out += "# Why: \(step.explanation)\n"
        let body = step.actions.map(lines).joined()
        switch step.status {
        case .toDo:
            out += body.isEmpty ? "# Nothing to run.\n" : body
        case .alreadyDone:
            out += "# Already done: lt-setup skips this step.\n"
            out += commentedOut(step.actions.map(summaryLines).joined())
        case .skipped(let reason):
            out += "# Skipped: \(reason)\n"
        }
        return out
    }

    static func commentedOut(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
            .map { "#   \($0)\n" }.joined()
    }

    /// The shell lines of one action.
    static func lines(_ action: Action) -> String {
        switch action {
        case .write(let write):
            return hereDocument(write)
        default:
            return summaryLines(action)
        }
    }

    /// The shell lines of one action, with a file's content left out.
    static func summaryLines(_ action: Action) -> String {
        let q = ShellQuote.word
        switch action {
        case .write(let write):
            return "# write \(write.path) (\(write.change.rawValue))\n"
        case .assemble(let assembly):
            let temporary = q(assembly.path + ".lt-setup-new")
            let permissions = assembly.permissions
            return "# Built with its final mode from the start: it holds the private key.\n"
                + "(umask 077 && cat \(assembly.sources.map(q).joined(separator: " ")) > \(temporary))\n"
                + "chown \(permissions.owner):\(permissions.group) \(temporary)\n"
                + "chmod \(permissions.octalMode) \(temporary)\n"
                + "mv -f \(temporary) \(q(assembly.path))\n"
        case .remove(let path):
            return "rm -f \(q(path))\n"
        case .symlink(let path, let target):
            return "ln -sfn \(q(target)) \(q(path))\n"
        case .run(let command):
            return ShellQuote.command(command.argv, environment: command.environment) + "\n"
        case .configTest(let command, _):
            return "# If this test fails, lt-setup puts the previous files back and restarts nothing.\n"
                + ShellQuote.command(command.argv, environment: command.environment) + "\n"
        case .restart(_, let command):
            return ShellQuote.command(command.argv, environment: command.environment) + "\n"
        }
    }

    static func hereDocument(_ write: FileWrite) -> String {
        let q = ShellQuote.word
        var delimiter = "LT_SETUP_EOF"
        let lines = write.content.split(separator: "\n", omittingEmptySubsequences: false)
        while lines.contains(where: { $0 == delimiter }) { delimiter += "_" }
        var out = "# \(write.change == .new ? "Create" : "Replace") \(write.path)"
        out += write.permissions == nil ? ", keeping its owner and mode.\n" : ".\n"
        out += "mkdir -p \(q(ServerPath.directory(of: write.path)))\n"
        out += "cat > \(q(write.path)) <<'\(delimiter)'\n"
        out += write.content
        if !write.content.hasSuffix("\n") { out += "\n" }
        out += "\(delimiter)\n"
        if let permissions = write.permissions {
            out += "chown \(permissions.owner):\(permissions.group) \(q(write.path))\n"
            out += "chmod \(permissions.octalMode) \(q(write.path))\n"
        }
        return out
    }
}
