import Glibc
import TmuxTestSupport
import Testing

/// Every test that drives `terminal-demo` through tmux, one at a time: they measure timing
/// (Esc within 100 ms) and share two CPU cores with tmux and the demo.
@Suite(.serialized) struct TerminalEndToEnd {
    /// Starts the demo in its own tmux session and waits for its whole first frame: `firstFrame`
    /// and the box's bottom line, which is painted last.
    static func startDemo(_ arguments: String = "", columns: Int = 80, rows: Int = 24,
                          environment: [String: String] = [:], unsetting: [String] = [],
                          reportingRestore: Bool = false, firstFrame: String = "count: 0") throws -> TmuxSession {
        let command = reportingRestore ? TerminalDemo.commandReportingRestore(arguments) : TerminalDemo.command(arguments)
        let session = try TmuxSession(command: command, columns: columns, rows: rows,
                                      environment: environment, unsetting: unsetting)
        try session.waitFor("\"\(firstFrame)\" and the bottom line") { screen in
            let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
            return screen.contains(firstFrame) && lines.count >= rows && !lines[rows - 1].isEmpty
        }
        return session
    }
}
