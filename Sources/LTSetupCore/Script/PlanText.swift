/// What `lt-setup plan` prints in both its forms, the document and the script: the summary
/// of the answers, and each step's heading.
enum PlanText {
    /// `DOMAIN behind nginx, with https and secure Icecast streams on port 8443`.
    static func summary(_ plan: Plan) -> String {
        let answers = plan.answers
        var features = [answers.https ? "https" : "plain http"]
        if answers.secureIcecast { features.append("secure Icecast streams on port \(answers.icecastPort)") }
        return "\(answers.domain) behind \(answers.proxy.displayName), with \(features.joined(separator: " and "))"
    }

    /// The answers and what the plan relied on, as comment lines.
    static func answersAndNotes(_ plan: Plan) -> String {
        var out = "# Answers:\n"
        for key in AnswerKey.allCases {
            out += "#   \(key.rawValue): \(plan.answers.raw[key] ?? "")\n"
        }
        out += "# Services are restarted through \(plan.serviceManagerName).\n"
        for note in plan.notes { out += "# Note: \(note)\n" }
        return out
    }

    static func heading(_ step: Step, number: Int, of total: Int) -> String {
        "# ── Step \(number) of \(total): \(step.title)\n"
            + "# Guide: \(step.guideSection)\n"
            + "# Why: \(step.explanation)\n"
    }

    static func commentedOut(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
            .map { "#   \($0)\n" }.joined()
    }

    /// The shell lines of an action that writes no file.
    static func commandLines(_ action: Action) -> String {
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
        case .run(let command), .configTest(let command, _), .restart(_, let command):
            return ShellQuote.command(command.argv, environment: command.environment) + "\n"
        }
    }

    /// A file in full in a quoted here-document, so that nothing in it is expanded.
    static func hereDocument(_ write: FileWrite, content: String) -> String {
        let q = ShellQuote.word
        var delimiter = "LT_SETUP_EOF"
        let lines = content.split(separator: "\n", omittingEmptySubsequences: false)
        while lines.contains(where: { $0 == delimiter }) { delimiter += "_" }
        var out = "mkdir -p \(q(ServerPath.directory(of: write.path)))\n"
        out += "cat > \(q(write.path)) <<'\(delimiter)'\n"
        out += content
        if !content.hasSuffix("\n") { out += "\n" }
        out += "\(delimiter)\n"
        return out + ownership(write)
    }

    static func ownership(_ write: FileWrite) -> String {
        guard let permissions = write.permissions else { return "" }
        let path = ShellQuote.word(write.path)
        return "chown \(permissions.owner):\(permissions.group) \(path)\n"
            + "chmod \(permissions.octalMode) \(path)\n"
    }

    /// The text of a file as shown to a reader: masked unless asked otherwise.
    static func shown(_ text: String, showSecrets: Bool) -> String {
        showSecrets ? text : SecretMask.masked(text)
    }

    /// The unified diff of a planned change to an existing file, secrets masked unless asked.
    static func diff(from old: String, to new: String, path: String, showSecrets: Bool) -> String {
        let lines = showSecrets ? UnifiedDiff.lines(from: old, to: new) : UnifiedDiff.maskedLines(from: old, to: new)
        return UnifiedDiff.text(lines, oldName: path, newName: "\(path) (planned)")
    }
}
