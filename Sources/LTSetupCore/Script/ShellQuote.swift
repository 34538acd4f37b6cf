/// POSIX shell quoting for the commands that `lt-setup plan` prints.
///
/// lt-setup itself never runs a shell; this is only for a script the operator reads or runs.
public enum ShellQuote {
    /// The word unchanged if it has only characters no shell treats specially, else in single
    /// quotes with embedded single quotes closed, escaped and reopened.
    public static func word(_ word: String) -> String {
        let safe = !word.isEmpty && word.utf8.allSatisfy { byte in
            HostName.isLetterOrDigit(byte) || "@%+=:,./_-".utf8.contains(byte)
        }
        if safe { return word }
        var out = "'"
        for character in word {
            out += character == "'" ? "'\\''" : String(character)
        }
        return out + "'"
    }

    /// A command line: environment assignments, then the quoted argv.
    public static func command(_ argv: [String], environment: [String: String] = [:]) -> String {
        let assignments = environment.keys.sorted().map { "\($0)=\(word(environment[$0] ?? ""))" }
        return (assignments + argv.map(word)).joined(separator: " ")
    }
}
