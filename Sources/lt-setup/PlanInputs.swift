import ArgumentParser
import Glibc
import LTSetupCore
import LTSetupRuntime

/// The options every command that builds a plan takes.
struct PlanInputs: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The answers file (YAML).", valueName: "file"), transform: OperatorPath.absolute)
    var answers: String

    /// The folder that stands for `/`.
    var root: String { rootOption ?? "/" }

    @Option(name: .customLong("root"), help: ArgumentHelp(
        "Read the server's current files under this folder instead of /, e.g. a copy of a server's /etc.",
        valueName: "dir"), transform: OperatorPath.absolute)
    var rootOption: String?

    func validate() throws {
        try OperatorPath.requireFolder(rootOption)
    }

    /// Loads and validates the answers, then builds the plan against the files under the
    /// root. Problems are printed for the operator and end the command without side effects.
    func plan() throws -> Plan {
        try Self.plan(answersPath: answers, root: root)
    }

    /// The plan for the answers file at `answersPath` against the files under `root`.
    static func plan(answersPath: String, root: String) throws -> Plan {
        let answers = try AnswersOption.load(answersPath)
        do {
            return try PlanBuilder.build(answers, on: DiskServerFiles(root: root))
        } catch {
            CommandOutput.error("\(error.message)\nNothing was written or run.")
            throw ExitCode(1)
        }
    }
}

/// `--answers FILE` alone, for the commands that check this server rather than plan for it.
struct AnswersOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The answers file (YAML), as for apply.", valueName: "file"),
            transform: OperatorPath.absolute)
    var answers: String

    func load() throws -> Answers {
        try Self.load(answers)
    }

    /// Loads and validates an answers file; problems are printed for the operator and end
    /// the command with status 2.
    static func load(_ path: String) throws -> Answers {
        do {
            return try AnswersFile.load(path)
        } catch {
            CommandOutput.error("the answers in \(path) cannot be used; nothing was written or run:")
            CommandOutput.detail(error.problems.map { "  \($0)" }.joined(separator: "\n"))
            throw ExitCode(2)
        }
    }
}

/// Where commands print.
enum CommandOutput {
    /// Runs `body`; an error is printed for the operator and ends the command with status 1.
    static func orExit<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let exit as ExitCode {
            throw exit
        } catch {
            self.error("\(error)")
            throw ExitCode(1)
        }
    }

    static func error(_ message: String) {
        detail("lt-setup: \(message)")
    }

    /// Lines that continue an error, without the program's name.
    static func detail(_ text: String) {
        var standardError = StandardError()
        print(text, to: &standardError)
    }
}

struct StandardError: TextOutputStream {
    mutating func write(_ text: String) {
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let count = bytes.withUnsafeBytes { Glibc.write(2, $0.baseAddress, $0.count) }
            if count <= 0 { return }
            bytes = bytes.dropFirst(count)
        }
    }
}
