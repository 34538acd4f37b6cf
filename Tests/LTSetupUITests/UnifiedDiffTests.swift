import Foundation
import LTSetupCore
import LTSetupUI
import Testing

@Suite struct UnifiedDiffTests {
    @Test func sameTextsHaveNoDiff() {
        #expect(UnifiedDiff.lines(from: "a\nb\n", to: "a\nb\n").isEmpty)
        #expect(UnifiedDiff.text(from: "", to: "", oldName: "a", newName: "b") == "")
    }

    @Test func oneChangedLineWithContext() {
        let old = "1\n2\n3\n4\n5\n6\n7\n8\n9\n"
        let new = "1\n2\n3\n4\nfive\n6\n7\n8\n9\n"
        let text = UnifiedDiff.text(from: old, to: new, oldName: "a/x", newName: "b/x")
        #expect(text == """
            --- a/x
            +++ b/x
            @@ -2,7 +2,7 @@
             2
             3
             4
            -5
            +five
             6
             7
             8

            """)
    }

    @Test func newFileAgainstEmpty() {
        #expect(UnifiedDiff.lines(from: "", to: "a\nb\n").map(\.text) == ["@@ -0,0 +1,2 @@", "+a", "+b"])
        #expect(UnifiedDiff.lines(from: "a\n", to: "").map(\.text) == ["@@ -1 +0,0 @@", "-a"])
    }

    @Test func insertionWithoutContextNamesTheLineBefore() {
        let lines = UnifiedDiff.lines(from: "a\nb\nc\n", to: "a\nb\nx\ny\nc\n", context: 0)
        #expect(lines.map(\.text) == ["@@ -2,0 +3,2 @@", "+x", "+y"])
    }

    @Test func distantChangesMakeTwoHunksAndNearOnesOne() {
        let old = (1...20).map(String.init).joined(separator: "\n") + "\n"
        var far = old.replacingFirst("2\n", with: "two\n")
        far = far.replacingFirst("19\n", with: "nineteen\n")
        let hunks = UnifiedDiff.lines(from: old, to: far).filter { if case .hunk = $0 { true } else { false } }
        #expect(hunks.count == 2)
        let near = old.replacingFirst("5\n", with: "five\n").replacingFirst("9\n", with: "nine\n")
        #expect(UnifiedDiff.lines(from: old, to: near).first?.text == "@@ -2,11 +2,11 @@")
    }

    @Test func missingFinalNewlineIsShown() {
        let lines = UnifiedDiff.lines(from: "a\nb", to: "a\nb\n")
        #expect(lines.map(\.text) == ["@@ -1,2 +1,2 @@", " a", "-b", "\\ No newline at end of file", "+b"])
    }

    @Test func theScriptIsMinimalAndRebuildsBothSides() {
        var generator = SplitMix(seed: 7)
        for _ in 0..<200 {
            let old = randomLines(&generator)
            let new = randomLines(&generator)
            let edits = LineEdits.between(old, new)
            #expect(edits.compactMap { if case .keep(let l, _, _) = $0 { l } else { nil } }.count == lcs(old, new))
            #expect(edits.compactMap { if case .insert = $0 { nil } else { $0.line } } == old)
            #expect(edits.compactMap { if case .remove = $0 { nil } else { $0.line } } == new)
        }
    }

    @Test func hugeUnrelatedMiddlesAreReplacedWholesale() {
        let old = (0..<2100).map { TextLine("o\($0)") }
        let new = (0..<2100).map { TextLine("n\($0)") }
        let edits = LineEdits.between(old, new)
        #expect(edits.count == 4200)
        #expect(edits.first == .remove(TextLine("o0"), old: 0, new: 0))
    }

    func randomLines(_ generator: inout SplitMix) -> [TextLine] {
        (0..<Int(generator.next() % 12)).map { _ in TextLine(["a", "b", "c", "d"][Int(generator.next() % 4)]) }
    }

    func lcs(_ a: [TextLine], _ b: [TextLine]) -> Int {
        var table = [[Int]](repeating: [Int](repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0..<a.count {
            for j in 0..<b.count {
                table[i + 1][j + 1] = a[i] == b[j] ? table[i][j] + 1 : max(table[i][j + 1], table[i + 1][j])
            }
        }
        return table[a.count][b.count]
    }
}

extension LineEdit {
    var line: TextLine {
        switch self {
        case .keep(let line, _, _), .remove(let line, _, _), .insert(let line, _, _): line
        }
    }
}

extension String {
    func replacingFirst(_ target: String, with replacement: String) -> String {
        guard let range = range(of: target) else { return self }
        return replacingCharacters(in: range, with: replacement)
    }
}

/// A small deterministic generator, so that a failure can be replayed.
struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
