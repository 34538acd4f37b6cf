import Testing
@testable import LTSetupRuntime

extension ProcessRunnerTests {
    /// The byte-to-line rules, fed in every possible way of cutting the input into reads.
    @Suite struct LineSplitting {
        private func split(_ chunks: [[UInt8]], maxLineBytes: Int = LineSplitter.maxLineBytes) -> [String] {
            var splitter = LineSplitter(maxLineBytes: maxLineBytes)
            var lines: [String] = []
            for chunk in chunks {
                chunk.withUnsafeBytes { splitter.feed($0) { lines.append($0) } }
            }
            splitter.finish { lines.append($0) }
            return lines
        }

        /// Splits as one read, then byte by byte: both must give the same lines.
        private func lines(_ text: String) -> [String] {
            let bytes = Array(text.utf8)
            let whole = split([bytes])
            let single = split(bytes.map { [$0] })
            #expect(whole == single, "cutting the input into reads changed the lines")
            return whole
        }

        @Test func lineEndings() {
            #expect(lines("a\nb\r\nc") == ["a", "b", "c"])
            #expect(lines("\n\n") == ["", ""])
            #expect(lines("") == [])
        }

        @Test func carriageReturnKeepsTheLastText() {
            #expect(lines("1%\r2%\r3%\n") == ["3%"])
            #expect(lines("done\r\n") == ["done"])
            #expect(lines("done\r\r\n") == ["done"])
            #expect(lines("old\r\u{1B}[Knew\n") == ["new"])
            #expect(lines("50%\r") == ["50%"])
        }

        @Test func escapeSequencesAndControlsAreDropped() {
            #expect(lines("\u{1B}[1;31mred\u{1B}[0m\n") == ["red"])
            #expect(lines("\u{1B}]0;title\u{07}text\n") == ["text"])
            #expect(lines("\u{1B}]8;;http://x\u{1B}\\link\u{1B}]8;;\u{1B}\\\n") == ["link"])
            #expect(lines("\u{1B}(Bcharset\u{1B}=\n") == ["charset"])
            #expect(lines("bell\u{07} back\u{08}space\u{7F}\tend\n") == ["bell backspace\tend"])
            // A sequence broken by a newline does not swallow the line.
            #expect(lines("\u{1B}[12\nnext\n") == ["", "next"])
            // U+009B is CSI to some terminals, and valid UTF-8: dropped too.
            #expect(lines("a\u{9B}2Jb\u{85}c\n") == ["a2Jbc"])
        }

        @Test func invalidUTF8IsReplaced() {
            let lines = split([[0xff, 0x41, 0xc3], [0x0a]])
            #expect(lines == ["\u{FFFD}A\u{FFFD}"])
        }

        @Test func longLinesAreCutOnCharacterBoundaries() {
            let text = Array(String(repeating: "é", count: 10).utf8) + [0x0a]  // 20 bytes
            let lines = split([text], maxLineBytes: 7)
            #expect(lines == ["ééé", "ééé", "ééé", "é"])
            #expect(split([Array("abcdefghij\n".utf8)], maxLineBytes: 4) == ["abcd", "efgh", "ij"])
        }
    }
}
