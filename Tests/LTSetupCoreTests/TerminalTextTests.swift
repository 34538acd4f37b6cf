@testable import LTSetupCore
import Testing

/// The one escaping of outside text on its way to a terminal.
@Suite struct TerminalTextTests {
    @Test func controlsAreShownNotObeyed() {
        #expect(TerminalText.safe("a\u{1B}[2Jb") == "a\\x1b[2Jb")
        #expect(TerminalText.safe("bell\u{07}del\u{7F}nul\u{0}") == "bell\\x07del\\x7fnul\\x00")
        // C1: U+009B is CSI to some terminals.
        #expect(TerminalText.safe("\u{9B}2J\u{85}") == "\\x9b2J\\x85")
        // Bidirectional overrides would reorder what the operator reads.
        #expect(TerminalText.safe("abc\u{202E}fed") == "abc\\u{202e}fed")
    }

    @Test func linesAndTextStay() {
        #expect(TerminalText.safe("one\ntwo\tthree ✔ é 日本") == "one\ntwo three ✔ é 日本")
        #expect(TerminalText.safe("one\ntwo", keepingNewlines: false) == "one\\x0atwo")
        #expect(TerminalText.isSafe("plain text, ⚠ included"))
        #expect(!TerminalText.isSafe("\u{1B}]0;title\u{07}"))
    }
}
