import Foundation
import Testing

/// preflight's report is wrapped at the terminal's width: COLUMNS when standard output is
/// not a terminal (as here, a pipe), and 80 without it; it used to be 96 whatever the width.
@Suite struct CheckReportWidthTests {
    let answers = "proxy: nginx\ndomain: station.invalid\nemail: admin@example.org\n"

    /// The lines of the checks' details ("seen:", "do:" and their continuations).
    func detailLines(_ output: String) -> [Substring] {
        output.split(separator: "\n").filter { $0.hasPrefix("    ") }
    }

    func preflight(_ environment: [String: String]) throws -> [Substring] {
        let root = try FixtureRoot()
        defer { root.remove() }
        let result = try CLI.run(["preflight", "--answers", try root.answers(answers)],
                                 environment: environment.merging(["LC_ALL": "C.UTF-8"]) { $1 })
        let lines = detailLines(result.stdout)
        #expect(lines.count > 10, "\(result.stdout)\(result.stderr)")
        return lines
    }

    /// A line may pass the width only when it holds one word too long for any line.
    func fits(_ line: Substring, _ width: Int) -> Bool {
        line.count <= width || line.split(separator: " ").count <= 2
    }

    @Test func atCOLUMNSWhenOutputIsNoTerminal() throws {
        let lines = try preflight(["COLUMNS": "60"])
        #expect(lines.allSatisfy { fits($0, 60) }, "\(lines.filter { !fits($0, 60) })")
        #expect(lines.contains { $0.count > 50 }, "the width is used, not a narrower one")
    }

    @Test func at80WithoutATerminalOrCOLUMNS() throws {
        let lines = try preflight(["COLUMNS": ""])
        #expect(lines.allSatisfy { fits($0, 80) }, "\(lines.filter { !fits($0, 80) })")
        #expect(lines.contains { $0.count > 70 })
    }
}
