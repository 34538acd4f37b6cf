import CNcursesw
import LTSetupUI

/// Turns what `wget_wch` returns into a `KeyInput`.
///
/// Kept apart from the reading so that the mapping is unit-tested without a terminal. In raw
/// mode with `nonl()`, the terminal delivers Enter as CR, Ctrl-H or DEL as Backspace, and
/// every other Ctrl-letter as its control code, including ^C, ^S, ^Q and ^Z.
public enum KeyDecoder {
    /// Decodes one `wget_wch` result: `isKeyCode` when it returned `KEY_CODE_YES` (`value` is
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
