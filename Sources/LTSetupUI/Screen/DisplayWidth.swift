/// How many terminal columns a character takes, without the C library: 0 for combining
/// marks and controls, 2 for East Asian wide and emoji presentation, else 1. Close enough
/// to `wcwidth` for what the wizard shows (answers are ASCII; log lines may be anything).
public enum DisplayWidth {
    public static func of(_ character: Character) -> Int {
        guard let scalar = character.unicodeScalars.first else { return 0 }
        let value = scalar.value
        if value < 0x20 || (0x7F..<0xA0).contains(value) { return 0 }
        switch scalar.properties.generalCategory {
        // Marks join the character before them. Format characters (the bidirectional
        // overrides and isolates that reorder what is seen, zero-width spaces, soft hyphens),
        // line and paragraph separators, and code points with no character take no column
        // either: the screen drops them, and a text field refuses them.
        case .nonspacingMark, .enclosingMark, .format, .lineSeparator, .paragraphSeparator, .surrogate,
             .unassigned, .control:
            return 0
        default:
            break
        }
        if isWide(value) || (character.unicodeScalars.count > 1 && scalar.properties.isEmojiPresentation) { return 2 }
        return 1
    }

    /// The columns `text` takes.
    public static func of(_ text: String) -> Int {
        text.reduce(0) { $0 + of($1) }
    }

    static func isWide(_ value: UInt32) -> Bool {
        switch value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
             0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
             0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x1F900...0x1F9FF, 0x20000...0x2FFFD, 0x30000...0x3FFFD:
            return true
        default:
            return false
        }
    }
}
