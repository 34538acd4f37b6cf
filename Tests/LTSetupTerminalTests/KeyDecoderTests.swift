import CNcursesw
import LTSetupTerminal
import LTSetupUI
import Testing

@Suite struct KeyDecoderTests {
    let size = Size(columns: 100, rows: 30)

    func character(_ value: UInt32) -> KeyInput {
        KeyDecoder.decode(isKeyCode: false, value: value) { size }
    }

    func code(_ value: Int32) -> KeyInput {
        KeyDecoder.decode(isKeyCode: true, value: UInt32(value)) { size }
    }

    @Test func controlCharactersThatAreKeysOfTheirOwn() {
        #expect(character(9) == .key(.tab))
        #expect(character(13) == .key(.enter))
        #expect(character(10) == .key(.enter))
        #expect(character(27) == .key(.escape))
        #expect(character(127) == .key(.backspace))
        #expect(character(8) == .key(.backspace))
    }

    @Test func otherControlCharactersAreCtrlLetters() {
        #expect(character(1) == .key(.control("a")))
        #expect(character(3) == .key(.control("c")))
        #expect(character(19) == .key(.control("s")))
        #expect(character(26) == .key(.control("z")))
        #expect(character(0) == .unknown(0))
        #expect(character(28) == .unknown(28))
        #expect(character(0x85) == .unknown(0x85))
    }

    @Test func printableCharacters() {
        #expect(character(0x71) == .key(.character("q")))
        #expect(character(0x20) == .key(.character(" ")))
        #expect(character(0xE9) == .key(.character("é")))
        #expect(character(0x65E5) == .key(.character("日")))
    }

    @Test func keyCodes() {
        #expect(code(KEY_UP) == .key(.up))
        #expect(code(KEY_DOWN) == .key(.down))
        #expect(code(KEY_LEFT) == .key(.left))
        #expect(code(KEY_RIGHT) == .key(.right))
        #expect(code(KEY_BTAB) == .key(.backTab))
        #expect(code(KEY_ENTER) == .key(.enter))
        #expect(code(KEY_BACKSPACE) == .key(.backspace))
        #expect(code(KEY_DC) == .key(.delete))
        #expect(code(KEY_HOME) == .key(.home))
        #expect(code(KEY_END) == .key(.end))
        #expect(code(KEY_PPAGE) == .key(.pageUp))
        #expect(code(KEY_NPAGE) == .key(.pageDown))
        #expect(code(KEY_F0 + 1) == .key(.function(1)))
        #expect(code(KEY_F0 + 12) == .key(.function(12)))
        #expect(code(KEY_F0 + 13) == .unknown(UInt32(KEY_F0 + 13)))
        #expect(code(KEY_IC) == .unknown(UInt32(KEY_IC)))
        #expect(code(KEY_RESIZE) == .resize(size))
    }
}
