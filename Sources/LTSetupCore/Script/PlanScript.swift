/// `lt-setup plan --script`: the plan as a POSIX shell script that a person can read, run
/// (`sh FILE`) or paste into a root shell, and whose comments are true when they do.
///
/// - The steps run in one `( … )` subshell with `set -eu`: the first failure stops them and
///   says which step it was, without closing the shell they were pasted into.
/// - Before it replaces, removes or relinks a path, the script copies what is there to
///   `backupFolder` under the same path (`cp -Pp`). Not beside the file: nginx loads every
///   file in `sites-enabled/` and certbot runs every one in `renewal-hooks/deploy/`.
/// - A change to an existing file never prints that file: icecast.xml and config.yml hold
///   passwords. The script checks the file is still the one the plan was made from
///   (SHA-256), then rewrites only the changed lines by number with GNU sed
///   (`SedLineEdit`). A changed line that would hold a secret is not printed: the script
///   stops there and says why.
public enum PlanScript {
    public static let backupFolder = "/var/backups/lt-setup-script"

    public static func render(_ plan: Plan, showSecrets: Bool = false) -> String {
        var out = header(plan) + prelude
        let restored = Set(plan.steps.flatMap { $0.actions.flatMap(restoredSteps) })
        for (index, step) in plan.steps.enumerated() {
            out += "\n" + block(step, number: index + 1, in: plan, restored: restored, showSecrets: showSecrets)
        }
        out += "\necho \"lt-setup: every step ran. Copies of the paths it changed are in $backups.\"\n"
        return out + ")\n"
    }

    static func header(_ plan: Plan) -> String {
        var out = "#!/bin/sh\n"
        out += "# lt-setup plan: \(PlanText.summary(plan)).\n"
        out += "# Made from LibreTime's admin guide \"Reverse proxy\". Nothing has been run or changed.\n"
        out += "# Run it as root with `sh FILE`, or paste it into a root shell: the steps run in a\n"
        out += "# subshell with `set -eu`, so the first failure stops them and says where, and\n"
        out += "# leaves your shell open.\n"
        out += "# Before it replaces, removes or relinks a path, it copies what is there to\n"
        out += "# \(backupFolder) under the same path (cp -Pp); it stops rather than\n"
        out += "# overwrite a copy left there by an earlier run.\n"
        out += "# Existing files (icecast.xml and config.yml hold passwords) are not printed: the\n"
        out += "# script checks that each is still the file this plan was made from (SHA-256),\n"
        out += "# then rewrites only the planned lines with GNU sed.\n"
        out += "# `lt-setup apply` runs the same steps with backups, config tests that put files\n"
        out += "# back, and resume.\n"
        return out + PlanText.answersAndNotes(plan)
    }

    /// Opens the subshell and defines `keep`, which copies a path before it changes, and the
    /// report of where a failure stopped the steps.
    static let prelude = """
        # Pasted into an interactive bash, `!` in a file's text would be history-expanded.
        case $- in *H*) set +H ;; esac
        (
        set -eu
        backups=\(backupFolder)
        step='the start'
        trap 'status=$?; if [ "$status" -ne 0 ]; then echo "lt-setup: stopped in $step (status $status); the steps after it did not run. Copies of the paths it changed are in $backups." >&2; fi' EXIT
        kept=
        keep() {
            [ -e "$1" ] || [ -L "$1" ] || return 0
            case $kept in *"|$1|"*) return 0 ;; esac
            if [ -e "$backups$1" ] || [ -L "$backups$1" ]; then
                echo "lt-setup: $backups$1 is left from an earlier run: put it back or move it away first." >&2
                return 1
            fi
            (umask 077 && mkdir -p "$backups${1%/*}")
            cp -Pp "$1" "$backups$1"
            kept="$kept|$1|"
        }

        """

    static func block(_ step: Step, number: Int, in plan: Plan, restored: Set<StepID>, showSecrets: Bool) -> String {
        var out = PlanText.heading(step, number: number, of: plan.steps.count)
        switch step.status {
        case .toDo:
            out += "step=\(ShellQuote.word("Step \(number) of \(plan.steps.count): \(step.title)"))\n"
            out += "echo \"== $step\"\n"
            for action in step.actions {
                out += lines(action, in: plan, keeping: restored.contains(step.id), showSecrets: showSecrets)
            }
        case .alreadyDone:
            out += "# Already done when the plan was made: skipped.\n"
            out += PlanText.commentedOut(step.actions.map(PlanText.commandLines).joined())
        case .skipped(let reason):
            out += "# Skipped: \(reason)\n"
        }
        return out
    }

    /// The steps a config test puts back in `lt-setup apply`.
    static func restoredSteps(_ action: Action) -> [StepID] {
        if case .configTest(_, let restoring) = action { return restoring }
        return []
    }

    /// The shell lines of one action. `keeping`: the step's programs' paths are copied too
    /// (a2enmod's links), as a config test may need them put back.
    static func lines(_ action: Action, in plan: Plan, keeping: Bool, showSecrets: Bool) -> String {
        let q = ShellQuote.word
        switch action {
        case .write(let write):
            return fileLines(write, showSecrets: showSecrets)
        case .remove(let path), .symlink(let path, _):
            return "keep \(q(path))\n" + PlanText.commandLines(action)
        case .run(let command):
            let kept = keeping ? command.touches.map { "keep \(q($0))\n" }.joined() : ""
            return kept + PlanText.commandLines(action)
        case .configTest(_, let restoring):
            return configTestComment(restoring, in: plan) + PlanText.commandLines(action)
        default:
            return PlanText.commandLines(action)
        }
    }

    /// What a person does when the config test fails: the steps have stopped and nothing was
    /// restarted; the copies of the steps' paths go back, and paths without one were new.
    static func configTestComment(_ restoring: [StepID], in plan: Plan) -> String {
        var numbers: [String] = []
        var paths: [String] = []
        for (index, step) in plan.steps.enumerated() where restoring.contains(step.id) && step.status.willRun {
            numbers.append(String(index + 1))
            for action in step.actions {
                switch action {
                case .write, .remove, .symlink: paths += action.changedPaths
                case .run(let command): paths += command.touches
                default: break
                }
            }
        }
        var out = "# If this test fails, the steps stop here and nothing is restarted: the running\n"
        out += "# server keeps its previous configuration.\n"
        guard !paths.isEmpty else { return out }
        out += "# To put back what step\(numbers.count == 1 ? "" : "s") \(numbers.joined(separator: " and ")) changed (each copy moves back; a\n"
        out += "# path without a copy was new and is removed):\n"
        out += "#   b=\(backupFolder)\n"
        out += "#   for f in \(paths.map(ShellQuote.word).joined(separator: " ")); do\n"
        out += "#     if [ -e \"$b$f\" ] || [ -L \"$b$f\" ]; then mv -f \"$b$f\" \"$f\"; else rm -f \"$f\"; fi\n"
        out += "#   done\n"
        return out
    }

    /// A planned file: in full when it is new (lt-setup's own files hold no secret), by its
    /// changed lines when it exists.
    static func fileLines(_ write: FileWrite, showSecrets: Bool) -> String {
        let q = ShellQuote.word
        guard case .file(let old) = write.previous else {
            let verb = write.previous == .missing ? "Create" : "Replace"
            return "# \(verb) \(write.path).\n" + "keep \(q(write.path))\n"
                + PlanText.hereDocument(write, content: write.content)
        }
        if old == write.content { return "# \(write.path) is already as planned.\n" }
        var out = "# Change \(write.path)\(write.permissions == nil ? ", keeping its owner and mode" : ""):\n"
        out += PlanText.commentedOut(PlanText.diff(from: old, to: write.content, path: write.path, showSecrets: showSecrets))
        let program = SedLineEdit.program(from: old, to: write.content)
        if case .failure(let refusal) = program, refusal.printsSecret || SecretMask.hasSecret(write.content) {
            let message = "lt-setup: \(write.path): \(refusal.reason); this script does not print it. Run lt-setup apply, or make the change by hand as lt-setup plan shows it."
            return out + "echo \(q(message)) >&2\nexit 1\n"
        }
        out += guardLines(write.path, old: old)
        out += "keep \(q(write.path))\n"
        switch program {
        case .success(let sed):
            return out + "sed -i --follow-symlinks -e \(q(sed)) \(q(write.path))\n" + PlanText.ownership(write)
        case .failure:
            // Neither version holds a secret: the new one may be printed whole.
            return out + PlanText.hereDocument(write, content: write.content)
        }
    }

    /// Stops the steps unless the file is byte for byte the one the plan was made from.
    static func guardLines(_ path: String, old: String) -> String {
        let q = ShellQuote.word
        let hash = SHA256.hex(Array(old.utf8))
        let message = "lt-setup: \(path) is not the file this plan was made from: make a new plan."
        return "printf '%s  %s\\n' \(hash) \(q(path)) | sha256sum -c --quiet - >/dev/null 2>&1 \\\n"
            + "    || { echo \(q(message)) >&2; exit 1; }\n"
    }
}

extension SedLineEdit.Refusal {
    /// Whether the line edit was refused because it would print a secret.
    var printsSecret: Bool {
        if case .secretLine = self { return true }
        return false
    }

    var reason: String {
        switch self {
        case .secretLine(let line): "the planned line \(line) holds a secret"
        case .noFinalNewline: "a changed line has no newline at its end, so it cannot be rewritten line by line, and the file holds a secret"
        case .emptyFile: "the file is empty, so it cannot be rewritten line by line, and the new one holds a secret"
        }
    }
}
