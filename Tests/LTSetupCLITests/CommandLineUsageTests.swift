import Foundation
import Testing

/// Usage errors exit 64 (sysexits' EX_USAGE) and say what was wrong; `--help` of every
/// command says what its exit statuses mean.
@Suite struct CommandLineUsageTests {
    @Test(arguments: [["aply"], ["aply", "--answers", "a.yml"], ["--plain", "statsu"], ["--root", "/", "undoo"]])
    func anUnknownCommandIsNamedWithTheCommandsThereAre(_ arguments: [String]) throws {
        let result = try CLI.run(arguments)
        let word = arguments.first { !$0.hasPrefix("-") && $0 != "/" } ?? ""
        #expect(result.status == 64)
        #expect(result.stderr.hasPrefix("lt-setup: unknown command '\(word)'. Commands: wizard, plan, render, preflight, apply, verify, status, undo, attach, prune."),
                "\(result.stderr)")
        // Not the wizard's usage, which would suggest the word was meant for it.
        #expect(!result.stderr.contains("lt-setup wizard"))
        #expect(result.stdout.isEmpty)
    }

    /// The wizard stays the default command: its options still need no command name.
    @Test func theWizardsOptionsStillWorkWithoutACommand() throws {
        let root = try FixtureRoot()
        defer { root.remove() }
        let result = try CLI.run(["--root", root.url.path, "--plain", "--session", root.url.path + "/s.json"], input: "")
        #expect(result.status == 1)
        #expect(result.stderr.contains("no more input: nothing was changed"), "\(result.stderr)")
    }

    /// The package's bash completion is made with argument parser's own option, whose value
    /// is no command name.
    @Test func theCompletionScriptIsStillGenerated() throws {
        let result = try CLI.run(["--generate-completion-script", "bash"])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("_lt-setup"))
    }

    @Test func anUnknownOptionIsAUsageError() throws {
        #expect(try CLI.run(["plan", "--answer", "a.yml"]).status == 64)
        #expect(try CLI.run(["status", "--sesion", "s.json"]).status == 64)
    }

    /// apply changes this server's own files: its help shows no --root, which it would
    /// only refuse.
    @Test func applyTakesNoRoot() throws {
        #expect(try !CLI.run(["apply", "--help"]).stdout.contains("--root"))
        let result = try CLI.run(["apply", "--answers", "/dev/null", "--root", "/tmp"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("--root"), "\(result.stderr)")
    }

    @Test(arguments: [["plan", "--answers", "/dev/null"], ["render", "--answers", "/dev/null", "--out", "/tmp/x"], ["--plain"], ["wizard"]])
    func aRootFolderThatDoesNotExistIsAUsageError(_ arguments: [String]) throws {
        let missing = "/nonexistent/lt-setup-root"
        let result = try CLI.run(arguments + ["--root", missing], input: "")
        #expect(result.status == 64, "\(result.stderr)")
        #expect(result.stderr.contains("--root \(missing): No such file or directory"), "\(result.stderr)")
    }

    static let documentedCommands = ["wizard", "preflight", "apply", "verify", "status", "undo"]

    /// Each command's help gives its exit statuses, usage errors included, and examples.
    @Test(arguments: documentedCommands)
    func eachCommandsHelpHasItsExitStatusesAndExamples(_ command: String) throws {
        let help = try CLI.run([command, "--help"], environment: ["COLUMNS": "200"])
        #expect(help.status == 0)
        let text = help.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(text.contains("Exit status: 0 "), "\(command)")
        #expect(text.contains("64 for a usage error"), "\(command)")
        #expect(text.contains("128+N after signal N"), "\(command)")
        #expect(text.contains("Examples: $ "), "\(command)")
        #expect(text.contains("lt-setup \(command == "wizard" ? "" : command)"), "\(command)")
    }

    @Test func theMainHelpGivesTheExitStatuses() throws {
        let help = try CLI.run(["--help"], environment: ["COLUMNS": "200"])
        let text = help.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(text.contains("2 when the answers file cannot be used"))
        #expect(text.contains("64 for a usage error"))
        #expect(!text.contains("expiry"))
    }
}
