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

    /// True when the operator answers yes on a terminal; false without one.
    static func askYesNo(_ question: String) -> Bool {
        guard isatty(0) == 1 else { return false }
        print("\(question) [y/N] ", terminator: "")
        fflush(nil)
        guard let answer = readLine() else { return false }
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
