import CNcursesw
import LTSetupTerminal
import Testing

/// Escape sequences ncurses did not decode are dropped whole, in one read of the keyboard.
@Suite struct EscapeSequencesTests {
    func raw(_ text: String) -> [RawKey] { text.unicodeScalars.map { .character($0.value) } }
    func text(_ keys: [RawKey]) -> String {
        String(String.UnicodeScalarView(keys.compactMap { Unicode.Scalar($0.value) }))
    }

    @Test func sequencesTypedIntoAFieldLeaveOnlyTheText() {
        let typed = "a\u{1B}[2Jb\u{1B}]0;PWNED\u{07}c\u{1B}P+q\u{1B}\\d\u{1B}[?1049le\u{1B}cf\u{1B}(Bg\u{1B}OPh\u{9B}31mi\u{9D}x\u{9C}j"
        #expect(text(EscapeSequences.dropped(from: raw(typed))) == "abcdefghij")
    }

    @Test func anEscAloneOrBeforeADecodedKeyIsTheEscKey() {
        #expect(EscapeSequences.dropped(from: raw("\u{1B}")) == raw("\u{1B}"))
        let beforeKey = raw("\u{1B}") + [RawKey(isKeyCode: true, value: UInt32(KEY_UP))]
        #expect(EscapeSequences.dropped(from: beforeKey) == beforeKey)
        // Esc pressed twice quickly comes in one read: two Esc keys.
        #expect(EscapeSequences.dropped(from: raw("\u{1B}\u{1B}")) == raw("\u{1B}\u{1B}"))
        #expect(EscapeSequences.dropped(from: raw("\u{1B}\u{1B}[2J")) == raw("\u{1B}"))
        #expect(EscapeSequences.dropped(from: raw("\u{1B}\t")) == raw("\u{1B}\t"))
    }

    /// A sequence cut off at the end of a read ends there: nothing typed later is eaten.
    @Test func anUnterminatedSequenceEndsWithItsRead() {
        #expect(EscapeSequences.dropped(from: raw("x\u{1B}]0;title")) == raw("x"))
        #expect(EscapeSequences.dropped(from: raw("y")) == raw("y"))
    }
}

/// Bytes that are no UTF-8 are dropped alone; what follows them is read.
@Suite struct UTF8AssemblerTests {
    func assembled(_ bytes: [UInt8]) -> String {
        var assembler = UTF8Assembler()
        return String(String.UnicodeScalarView(bytes.compactMap { assembler.take($0) }))
    }

    @Test func invalidBytesAreDroppedAndTheRestKept() {
        for bad: [UInt8] in [[0x9B], [0xFF], [0xC3], [0xE2, 0x82], [0xC0, 0xAF], [0xED, 0xA0, 0x80]] {
            #expect(assembled(Array("ab".utf8) + bad + Array("cd".utf8)) == "abcd", "\(bad)")
        }
    }

    @Test func charactersOfSeveralBytesAreAssembled() {
        #expect(assembled(Array("é€📻x".utf8)) == "é€📻x")
    }
}
