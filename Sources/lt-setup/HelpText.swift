/// Help text that several commands share, written once: the exit statuses every command
/// uses, for each command's `--help` (and the README, which says the same).
enum HelpText {
    /// The exit status of a usage error (an unknown command or option, a missing value),
    /// as sysexits.h's EX_USAGE; swift-argument-parser's own code for a validation failure.
    static let usageStatus: Int32 = 64

    /// The statuses every command shares, after its own meaning of 0 and 1.
    static let sharedStatuses = """
        2 when the answers file cannot be used (nothing is written or run), \
        64 for a usage error (an unknown command or option, a missing or bad value), \
        128+N after signal N (130 after Ctrl-C).
        """

    /// A command's "Exit status:" paragraph: what 0 and 1 mean for it, then the shared ones.
    static func exitStatus(success: String, failure: String) -> String {
        "Exit status: 0 \(success), 1 \(failure), \(sharedStatuses)"
    }

    /// "Examples:" and one indented command line each.
    static func examples(_ lines: [String]) -> String {
        "Examples:\n" + lines.map { "  $ \($0)" }.joined(separator: "\n")
    }
}
