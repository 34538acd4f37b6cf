/// Text from outside lt-setup (a process name any local user chooses, a backend's HTTP
/// reason phrase, config.yml's values, a program's output) made safe to reach root's
/// terminal, or a file such text is read back from: every control character is shown as an
/// escape instead of acting. C0 controls, DEL, the C1 controls that some terminals obey
/// (U+009B is CSI, as ESC [ is), and the bidirectional overrides that reorder what is seen
/// all become `\x1b`, `\u{202e}`… A newline is kept where the text has lines; a tab is a
/// space.
public enum TerminalText {
    public static func safe(_ text: String, keepingNewlines: Bool = true) -> String {
        var out = ""
        out.unicodeScalars.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            switch scalar.value {
            case 0x0A where keepingNewlines:
                out.unicodeScalars.append(scalar)
            case 0x09:
                out += " "
            case 0x00..<0x20, 0x7F, 0x80..<0xA0:
                out += "\\x" + hex(scalar.value, digits: 2)
            case 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069:
                out += "\\u{" + hex(scalar.value, digits: 4) + "}"
            default:
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// Whether `text` reaches a terminal unchanged.
    public static func isSafe(_ text: String, keepingNewlines: Bool = true) -> Bool {
        safe(text, keepingNewlines: keepingNewlines) == text
    }

    static func hex(_ value: UInt32, digits: Int) -> String {
        let text = String(value, radix: 16)
        return String(repeating: "0", count: max(0, digits - text.count)) + text
    }
}
