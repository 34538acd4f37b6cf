import LTSetupCore

/// The files of a plan's steps that will run, in the order they are touched.
extension PreviewFile {
    /// The files the plan's steps to do write, remove, link or build, in plan order.
    public static func files(in plan: Plan) -> [PreviewFile] {
        plan.steps.filter { $0.status.willRun }.flatMap { step in
            step.actions.compactMap { action in file(for: action, in: step, plan: plan.steps) }
        }
    }

    static func file(for action: Action, in step: Step, plan: [Step]) -> PreviewFile? {
        let later = laterChanges(to: path(of: action) ?? "", after: step, in: plan)
        switch action {
        case .write(let write):
            return written(write, step: step, notes: later)
        case .assemble(let assembly):
            let notes = ["Built when this step runs, from:"] + assembly.sources.map { "  " + $0 }
                + ["It holds the private key: only its owner and group can read it."]
            return PreviewFile(path: assembly.path, change: .built(sources: assembly.sources), step: step.id,
                               permissions: describe(assembly.permissions), lines: notes.map { PreviewLine($0, .note) } + later)
        case .remove(let path):
            let notes = ["Removed if it is there; a backup is kept, and `sudo lt-setup undo` puts it back.",
                         step.explanation]
            return PreviewFile(path: path, change: .removed, step: step.id, permissions: nil,
                               lines: notes.map { PreviewLine($0, .note) })
        case .symlink(let path, let target):
            let notes = ["A link to \(target).", step.explanation]
            return PreviewFile(path: path, change: .link(target: target), step: step.id, permissions: nil,
                               lines: notes.map { PreviewLine($0, .note) })
        case .run, .configTest, .restart:
            return nil
        }
    }

    static func written(_ write: FileWrite, step: Step, notes: [PreviewLine]) -> PreviewFile {
        let permissions = write.permissions.map(describe)
        switch write.previous {
        case .missing:
            let lines = SecretMask.maskedLines(write.content).map { PreviewLine($0, .content) }
            return PreviewFile(path: write.path, change: .new, step: step.id, permissions: permissions,
                               lines: notes + lines, added: lines.count)
        case .file(let old) where old == write.content:
            return PreviewFile(path: write.path, change: .unchanged, step: step.id, permissions: permissions,
                               lines: notes + [PreviewLine("The file on disk already has this content.", .note)])
        case .file(let old):
            // Passwords and keys are masked, as in `lt-setup plan`: a screen may be shared.
            let diff = UnifiedDiff.maskedLines(from: old, to: write.content)
            let lines = diff.map(previewLine)
            return PreviewFile(path: write.path, change: .changed, step: step.id, permissions: permissions,
                               lines: notes + lines,
                               added: lines.filter { $0.kind == .added }.count,
                               removed: lines.filter { $0.kind == .removed }.count)
        case .symlink, .directory, .unreadable:
            let lines = ["What is there now is not a file lt-setup can show; it is backed up and replaced by:"]
                .map { PreviewLine($0, .note) } + SecretMask.maskedLines(write.content).map { PreviewLine($0, .content) }
            return PreviewFile(path: write.path, change: .changed, step: step.id, permissions: permissions,
                               lines: notes + lines)
        }
    }

    static func previewLine(_ line: DiffLine) -> PreviewLine {
        switch line {
        case .hunk: PreviewLine(line.text, .hunk)
        case .context: PreviewLine(line.text, .context)
        case .added: PreviewLine(line.text, .added)
        case .removed: PreviewLine(line.text, .removed)
        case .noNewline: PreviewLine(line.text, .note)
        }
    }

    /// Notes for a file that a later step's program changes again (certbot adds its https
    /// lines to the site file). `plan` is every step, so that a step has the number the Run
    /// screen gives it, whether the steps before it run or are done already.
    static func laterChanges(to path: String, after step: Step, in plan: [Step]) -> [PreviewLine] {
        guard !path.isEmpty, let start = plan.firstIndex(where: { $0.id == step.id }) else { return [] }
        return plan[(start + 1)...].filter(\.status.willRun).compactMap { later in
            let programs = later.actions.compactMap { action -> String? in
                guard case .run(let command) = action, command.touches.contains(path) else { return nil }
                return command.argv.first
            }
            guard let program = programs.first, let number = plan.firstIndex(where: { $0.id == later.id }) else { return nil }
            return PreviewLine("Step \(number + 1) changes it again when it runs: \(program) adds to it.", .note)
        }
    }

    static func path(of action: Action) -> String? {
        switch action {
        case .write(let write): write.path
        case .assemble(let assembly): assembly.path
        case .remove(let path), .symlink(let path, _): path
        case .run, .configTest, .restart: nil
        }
    }

    static func describe(_ permissions: FilePermissions) -> String {
        "\(permissions.owner):\(permissions.group) \(permissions.octalMode)"
    }
}
