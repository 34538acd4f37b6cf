/// A one-line text field edited in place: the characters, and the cursor between them.
public struct TextField: Equatable, Sendable {
    /// The longest value a field takes: the longest DNS name.
    public static let defaultCapacity = 253

    public private(set) var characters: [Character]
    /// The cursor, as the number of characters before it (0...characters.count).
    public private(set) var cursor: Int
    public let capacity: Int
    /// More was typed or pasted than the field takes: what came past its capacity was
    /// dropped, so the value is not what was meant. Cleared by the next deletion.
    public private(set) var overflowed = false

    public init(_ text: String = "", capacity: Int = TextField.defaultCapacity) {
        characters = Array(text.prefix(capacity))
        cursor = characters.count
        self.capacity = capacity
    }

    public var text: String { String(characters) }

    /// What the field stands for in the answers: its text, marked with `…` when more was
    /// typed than it took, so that a saved draft, resumed, is still refused (a cut domain or
    /// URL names something else) instead of passing for what the operator meant.
    public var answer: String { overflowed ? text + Self.cutMark : text }
    public static let cutMark = "…"

    /// Inserts a printable character at the cursor; returns false when it is refused
    /// (a control character, or the field is full).
    @discardableResult
    public mutating func insert(_ character: Character) -> Bool {
        // A combining mark read on its own (the terminal sends each code point apart) joins
        // the character before it: `a` then U+0301 is `á`, which the validators then see,
        // instead of a mark silently dropped and a different name accepted.
        if cursor > 0, Self.isCombiningMark(character) {
            characters[cursor - 1] = Character(String(characters[cursor - 1]) + String(character))
            return true
        }
        guard Self.isPrintable(character) else { return false }
        guard characters.count < capacity else {
            overflowed = true
            return false
        }
        characters.insert(character, at: cursor)
        cursor += 1
        return true
    }

    static func isCombiningMark(_ character: Character) -> Bool {
        guard let scalar = character.unicodeScalars.first else { return false }
        return [.nonspacingMark, .enclosingMark, .spacingMark].contains(scalar.properties.generalCategory)
    }

    public mutating func deleteBackward() {
        overflowed = false
        guard cursor > 0 else { return }
        characters.remove(at: cursor - 1)
        cursor -= 1
    }

    public mutating func deleteForward() {
        overflowed = false
        guard cursor < characters.count else { return }
        characters.remove(at: cursor)
    }

    /// Ctrl-U: everything before the cursor.
    public mutating func deleteToStart() {
        overflowed = false
        characters.removeFirst(cursor)
        cursor = 0
    }

    /// Ctrl-W: the word before the cursor, and the separators after it. A word is letters
    /// and digits: in `radio.example.org` it takes one label, in an address one part.
    public mutating func deleteWordBackward() {
        overflowed = false
        var start = cursor
        while start > 0, !Self.isWordCharacter(characters[start - 1]) { start -= 1 }
        while start > 0, Self.isWordCharacter(characters[start - 1]) { start -= 1 }
        characters.removeSubrange(start..<cursor)
        cursor = start
    }

    static func isWordCharacter(_ character: Character) -> Bool {
        character.isLetter || character.isNumber
    }

    public mutating func moveLeft() { cursor = max(0, cursor - 1) }
    public mutating func moveRight() { cursor = min(characters.count, cursor + 1) }
    public mutating func moveHome() { cursor = 0 }
    public mutating func moveEnd() { cursor = characters.count }

    /// Replaces the whole value and puts the cursor at its end.
    public mutating func set(_ text: String) {
        overflowed = text.count > capacity
        characters = Array(text.prefix(capacity))
        cursor = characters.count
    }

    /// What can be typed: anything that takes room on screen. Control characters, escape
    /// sequences and combining marks on their own are refused.
    public static func isPrintable(_ character: Character) -> Bool {
        guard let scalar = character.unicodeScalars.first, scalar.value >= 0x20, scalar.value != 0x7F else {
            return false
        }
        return DisplayWidth.of(character) > 0
    }
}
