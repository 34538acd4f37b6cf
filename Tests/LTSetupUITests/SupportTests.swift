import GoldenScenarios
import Foundation
import LTSetupCore
@testable import LTSetupUI
import Testing

@Suite struct LogRingTests {
    @Test func itKeepsTheNewestLinesInOrder() {
        var ring = LogRing(capacity: 3)
        for number in 1...5 { ring.append(LogLine("\(number)")) }
        #expect(ring.count == 3)
        #expect(ring.total == 5)
        #expect(ring.dropped == 2)
        #expect(ring.lines(from: 0, count: 10).map(\.text) == ["3", "4", "5"])
        #expect(ring.lines(from: 1, count: 1).map(\.text) == ["4"])
        #expect(ring.lines(from: 5, count: 1).isEmpty)
        #expect(ring.last?.text == "5")
    }

    @Test func aZeroCapacityStillKeepsTheLastLine() {
        var ring = LogRing(capacity: 0)
        ring.append(LogLine("a"))
        ring.append(LogLine("b"))
        #expect(ring.lines(from: 0, count: 5).map(\.text) == ["b"])
    }
}

@Suite struct TextFitTests {
    @Test func wrapBreaksBetweenWordsAndKeepsColumns() {
        #expect(TextFit.wrap("one two three", 7) == ["one two", "three"])
        #expect(TextFit.wrap("Domain     x", 20) == ["Domain     x"])
        #expect(TextFit.wrap("a    b", 3) == ["a", "b"])
        #expect(TextFit.wrap("abcdefgh", 3) == ["abc", "def", "gh"])
        #expect(TextFit.wrap("", 5) == [""])
        #expect(TextFit.wrap("日本", 1) == ["日", "本"], "a character wider than the line still goes somewhere")
    }

    @Test func truncateEndsWithTheEllipsis() {
        #expect(TextFit.truncate("abcdef", 4, ellipsis: "…") == "abc…")
        #expect(TextFit.truncate("abcdef", 4, ellipsis: "...") == "a...")
        #expect(TextFit.truncate("abc", 4, ellipsis: "…") == "abc")
    }
}

@Suite struct GoldenFileTests {
    @Test func recordingWritesTheFileAndFails() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("lt-setup-golden-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        withKnownIssue {
            GoldenFile.check("frame\n", against: "x-80x24.txt", recording: true, in: directory)
        } matching: { issue in
            issue.comments.contains { $0.rawValue.contains("recorded screens/x-80x24.txt (new)") }
        }
        let written = try String(contentsOf: directory.appendingPathComponent("x-80x24.txt"), encoding: .utf8)
        #expect(written == "frame\n")
        GoldenFile.check("frame\n", against: "x-80x24.txt", recording: false, in: directory)
    }

    @Test func aMismatchFailsWithALineDiff() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("lt-setup-golden-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try "a\nb\nc\n".write(to: directory.appendingPathComponent("y.txt"), atomically: true, encoding: .utf8)
        withKnownIssue {
            GoldenFile.check("a\nB\nc\n", against: "y.txt", recording: false, in: directory)
        } matching: { issue in
            issue.comments.contains { $0.rawValue.contains("-b\n+B") }
        }
        withKnownIssue {
            GoldenFile.check("a\n", against: "missing.txt", recording: false, in: directory)
        } matching: { issue in
            issue.comments.contains { $0.rawValue.contains("missing") }
        }
    }
}

@Suite struct RenderRobustnessTests {
    static let sizes = [(0, 0), (1, 1), (10, 3), (79, 23), (80, 23), (79, 24), (80, 24), (81, 25), (100, 30), (200, 60)]

    @Test func everyScenarioRendersAtEverySize() {
        for scenario in GoldenScenarios.all {
            let state = scenario.replay().state
            for (columns, rows) in Self.sizes {
                var resized = state
                _ = Wizard.update(&resized, .resized(Size(columns: columns, rows: rows)))
                let screen = Wizard.render(resized)
                #expect(rows == 0 || screen.text.split(separator: "\n", omittingEmptySubsequences: false).count == rows + 1)
                if let cursor = screen.cursor {
                    #expect(cursor.column >= 0 && cursor.column < columns && cursor.row >= 0 && cursor.row < rows)
                }
            }
        }
    }

    @Test func withANoticeEveryScreenStillFits() {
        for scenario in GoldenScenarios.all {
            var state = scenario.replay().state
            _ = Wizard.update(&state, .sessionFailed(String(repeating: "disk full ", count: 20)))
            let lines = state.lines
            #expect(lines.count == state.size.rows + 1)
            if !state.isTooSmall {
                #expect(lines[state.size.rows - 2].hasPrefix(" ! Could not save the session"))
            }
        }
    }
}
