import CNcursesw
import LTSetupUI

/// Turns one key read from the keyboard (a `KEY_*` code from `wgetch`, or a character that
/// `UTF8Assembler` made of its bytes) into a `KeyInput`.
///
/// Kept apart from the reading so that the mapping is unit-tested without a terminal. In raw
/// mode with `nonl()`, the terminal delivers Enter as CR, Ctrl-H or DEL as Backspace, and
/// every other Ctrl-letter as its control code, including ^C, ^S, ^Q and ^Z.
public enum KeyDecoder {
    /// Decodes one key: `isKeyCode` when it is a `KEY_*` code (`value` is
    /// then a `KEY_*` code), else `value` is a character. The terminal size is needed only
    /// for `KEY_RESIZE`.
    public static func decode(isKeyCode: Bool, value: UInt32, size: () -> Size) -> KeyInput {
        isKeyCode ? decodeKeyCode(value, size: size) : decodeCharacter(value)
    }

    static func decodeKeyCode(_ code: UInt32, size: () -> Size) -> KeyInput {
        let signed = Int32(truncatingIfNeeded: code)
        if signed > KEY_F0 && signed <= KEY_F0 + 12 { return .key(.function(Int(signed - KEY_F0))) }
        switch signed {
        case KEY_RESIZE: return .resize(size())
        case KEY_UP: return .key(.up)
        case KEY_DOWN: return .key(.down)
        case KEY_LEFT: return .key(.left)
        case KEY_RIGHT: return .key(.right)
        case KEY_BTAB: return .key(.backTab)
        case KEY_ENTER: return .key(.enter)
        case KEY_BACKSPACE: return .key(.backspace)
        case KEY_DC: return .key(.delete)
        case KEY_HOME: return .key(.home)
        case KEY_END: return .key(.end)
        case KEY_PPAGE: return .key(.pageUp)
        case KEY_NPAGE: return .key(.pageDown)
        default: return .unknown(code)
        }
    }

    static func decodeCharacter(_ value: UInt32) -> KeyInput {
        switch value {
        case 9: return .key(.tab)
        case 10, 13: return .key(.enter)
        case 27: return .key(.escape)
        case 8, 127: return .key(.backspace)
        case 1...26:
            // 1 is ^A: the letter is the code plus 96 ('a' - 1).
            guard let letter = Unicode.Scalar(value + 96) else { return .unknown(value) }
            return .key(.control(Character(letter)))
        case 0..<32, 0x80..<0xA0:
            return .unknown(value)
        default:
            guard let scalar = Unicode.Scalar(value) else { return .unknown(value) }
            return .key(.character(Character(scalar)))
        }
    }
}

/// What one read of the keyboard returned, before decoding: a `KEY_*` code or a character.
public struct RawKey: Equatable, Sendable {
    public let isKeyCode: Bool
    public let value: UInt32

    public init(isKeyCode: Bool, value: UInt32) {
        self.isKeyCode = isKeyCode
        self.value = value
    }

    public static func character(_ value: UInt32) -> RawKey { RawKey(isKeyCode: false, value: value) }
}

/// Escape sequences that ncurses did not turn into a key (it knows the terminal's arrows
/// and function keys) are dropped whole: pasted or typed into a field, `ESC [ 2 J`, a
/// title (OSC) or a device string would otherwise come through as the Esc key followed by
/// their letters as keys, and Esc leaves the screen. An Esc read alone, or before a key
/// ncurses decoded, is the Esc key. A sequence is taken from one read of the keyboard: one
/// cut off at its end ends there, so that nothing typed later can be swallowed.
public enum EscapeSequences {
    static let escape: UInt32 = 0x1B
    static let bell: UInt32 = 0x07

    public static func dropped(from keys: [RawKey]) -> [RawKey] {
        var kept: [RawKey] = []
        var index = 0
        func character(at position: Int) -> UInt32? {
            position < keys.count && !keys[position].isKeyCode ? keys[position].value : nil
        }
        while index < keys.count {
            let key = keys[index]
            guard !key.isKeyCode else {
                kept.append(key)
                index += 1
                continue
            }
            switch key.value {
            case escape:
                // Esc alone, or before a decoded key, a control character or another Esc
                // (Esc pressed twice quickly): the Esc key.
                guard let next = character(at: index + 1), next >= 0x20, next != 0x7F else {
                    kept.append(key)
                    index += 1
                    continue
                }
                index = end(ofEscapeWith: next, after: index + 2, character)
            case 0x9B:
                index = end(ofControlSequenceFrom: index + 1, character)
            case 0x90, 0x98, 0x9D, 0x9E, 0x9F:
                index = end(ofStringFrom: index + 1, character)
            default:
                kept.append(key)
                index += 1
            }
        }
        return kept
    }

    /// Where an escape sequence that began with ESC `next` ends (the index after it).
    static func end(ofEscapeWith next: UInt32, after start: Int, _ character: (Int) -> UInt32?) -> Int {
        switch next {
        case 0x5B: // [: a control sequence
            return end(ofControlSequenceFrom: start, character)
        case 0x5D, 0x50, 0x5F, 0x5E, 0x58: // ] P _ ^ X: a string, to BEL or ST
            return end(ofStringFrom: start, character)
        case 0x4F: // O: SS3 and one character
            return character(start) == nil ? start : start + 1
        case 0x20...0x2F: // intermediates, then a final character (ESC ( B…)
            var index = start
            while let value = character(index), (0x20...0x2F).contains(value) { index += 1 }
            return character(index) == nil ? index : index + 1
        default: // ESC c (reset), ESC 7, Alt and a key…: the two together
            return start
        }
    }

    static func end(ofControlSequenceFrom start: Int, _ character: (Int) -> UInt32?) -> Int {
        var index = start
        while let value = character(index), (0x20...0x3F).contains(value) { index += 1 }
        if let value = character(index), (0x40...0x7E).contains(value) { index += 1 }
        return index
    }

    static func end(ofStringFrom start: Int, _ character: (Int) -> UInt32?) -> Int {
        var index = start
        while let value = character(index) {
            if value == bell || value == 0x9C { return index + 1 }
            if value == escape {
                return character(index + 1) == 0x5C ? index + 2 : index + 1
            }
            index += 1
        }
        return index
    }
}

/// The characters in the bytes `wgetch` returns, assembled here rather than by `wget_wch`:
/// ncurses' own assembly returns an error at a byte that is no UTF-8 and keeps what follows
/// it where `poll` cannot see it, so that text typed after such a byte was lost or held
/// until the next key. Here a byte that fits no character is dropped, alone, and the next
/// ones are read as they come. A character cut between two reads is completed by the next.
public struct UTF8Assembler: Sendable {
    var pending: [UInt8] = []
    var needed = 0

    public init() {}

    /// Takes one byte; returns the character it completes, if any.
    public mutating func take(_ byte: UInt8) -> Unicode.Scalar? {
        if !pending.isEmpty {
            if byte & 0xC0 == 0x80 {
                pending.append(byte)
                guard pending.count == needed else { return nil }
                defer { pending = [] }
                // Overlong forms and surrogates are refused by the decoder.
                return String(validating: pending, as: UTF8.self)?.unicodeScalars.first
            }
            // A character cut short: dropped, and this byte starts afresh.
            pending = []
        }
        switch byte {
        case 0x00...0x7F: return Unicode.Scalar(byte)
        case 0xC2...0xDF: needed = 2
        case 0xE0...0xEF: needed = 3
        case 0xF0...0xF4: needed = 4
        default: return nil
        }
        pending = [byte]
        return nil
    }
}
