import Foundation
import Testing

/// Nothing read from outside reaches root's terminal as escape sequences, whichever command
/// prints it: here a session file whose step says it failed with an escape sequence, a C1
/// CSI and a bidirectional override in its words (a program's output ends up there).
@Suite struct TerminalSafetyTests {
    @Test func statusShowsEscapesInsteadOfSendingThem() throws {
        let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../LTSetupRuntimeTests/Fixtures/session-v1.json").standardized
        var session = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: fixture)) as? [String: Any])
        var steps = try #require(session["steps"] as? [[String: Any]])
        steps[3]["status"] = "failed"
        steps[3]["detail"] = "nginx: \u{1B}]0;owned\u{07}\u{1B}[2J\u{9B}31mbad\u{202E}txt.sh"
        session["steps"] = steps
        let root = try FixtureRoot()
        defer { root.remove() }
        let path = root.url.appendingPathComponent("session.json")
        try JSONSerialization.data(withJSONObject: session).write(to: path)
        let result = try CLI.run(["status", "--session", path.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("nginx: \\x1b]0;owned\\x07\\x1b[2J\\x9b31mbad\\u{202e}txt.sh"), "\(result.stdout)")
        for control in ["\u{1B}", "\u{07}", "\u{9B}", "\u{202E}"] {
            #expect(!result.stdout.contains(control))
        }
    }
}
