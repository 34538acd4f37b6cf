import ArgumentParser
import Glibc
import LTSetupCore
import LTSetupRuntime

/// Asking the operator before changing the server.
enum Confirmation {
    /// Shows what will run and asks; without a terminal to ask on, refuses with what to do.
    static func ask(plan: Plan) throws {
        print(ApplyReport.dryRun(plan), terminator: "")
        guard askYesNo("Apply these steps to this server now?") else {
            CommandOutput.error("nothing was changed. Add --yes to apply without asking.")
            throw ExitCode(1)
        }
    }

    /// True when the operator answers yes. `apply` asks on a terminal only (piped input is
    /// no operator's); the line-by-line wizard asks where it asked its questions, its input
    /// (over `ssh HOST lt-setup`, without -t, that is a pipe), and shows the answer there.
    static func askYesNo(_ question: String, onTerminalOnly: Bool = true) -> Bool {
        guard !onTerminalOnly || isatty(0) == 1 else { return false }
        print("\(question) [y/N] ", terminator: "")
        fflush(nil)
        guard let answer = readLine() else { return false }
        if isatty(0) == 0 { print(answer) }
        return ["y", "yes"].contains(answer.lowercased().trimmingWhitespace())
    }
}

extension String {
    func trimmingWhitespace() -> String {
        var text = Substring(self)
        while let first = text.first, first.isWhitespace { text = text.dropFirst() }
        while let last = text.last, last.isWhitespace { text = text.dropLast() }
        return String(text)
    }
}
