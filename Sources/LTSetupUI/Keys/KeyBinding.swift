/// A key binding with its own help: the keys, what they do in a word or two, and the intent
/// `Wizard.update` carries out. The footer and the help box are drawn from the same
/// bindings the update function looks keys up in, so a key shown always works.
public struct KeyBinding: Equatable, Sendable {
    public let keys: [Key]
    /// The keys the footer names (the others still work, and the help box lists them).
    public let shown: [Key]
    /// What the keys do: `quit`, `next field`.
    public let help: String
    public let intent: Intent
    /// Whether the footer lists it; the help box lists every binding.
    public let inFooter: Bool

    /// `shown` defaults to the first key, or the first two when they are an arrow pair.
    public init(_ keys: [Key], _ help: String, _ intent: Intent, shown: [Key]? = nil, inFooter: Bool = true) {
        self.keys = keys
        self.shown = shown ?? Array(keys.prefix(KeyNames.startsWithArrowPair(keys) ? 2 : 1))
        self.help = help
        self.intent = intent
        self.inFooter = inFooter
    }

    /// The keys as the footer shows them: `↑↓`, `Tab/↑↓`, `Enter`.
    public func footerLabel(_ glyphs: Glyphs) -> String {
        KeyNames.label(shown, glyphs)
    }

    /// Every key, as the help box shows them: `↑↓ Tab Shift-Tab`.
    public func helpLabel(_ glyphs: Glyphs) -> String {
        KeyNames.label(keys, glyphs, separator: " ")
    }
}

/// The names keys are shown by.
public enum KeyNames {
    /// `Enter`, `Esc`, `^Q`, `F1`, `Space`, an arrow from the glyphs.
    public static func name(_ key: Key, _ glyphs: Glyphs) -> String {
        switch key {
        case .character(" "): "Space"
        case .character(let character): String(character)
        case .up: glyphs.arrowUp
        case .down: glyphs.arrowDown
        case .left: glyphs.arrowLeft
        case .right: glyphs.arrowRight
        case .tab: "Tab"
        case .backTab: "Shift-Tab"
        case .enter: "Enter"
        case .escape: "Esc"
        case .backspace: "Backspace"
        case .delete: "Del"
        case .home: "Home"
        case .end: "End"
        case .pageUp: "PgUp"
        case .pageDown: "PgDn"
        case .function(let number): "F\(number)"
        case .control(let character): "^" + character.uppercased()
        }
    }

    /// Names joined by `separator`, with an arrow pair written as one (`↑↓`, or `Up/Dn` in
    /// ASCII).
    public static func label(_ keys: [Key], _ glyphs: Glyphs, separator: String = "/") -> String {
        var names: [String] = []
        var index = 0
        while index < keys.count {
            if index + 1 < keys.count, let pair = arrowPair(keys[index], keys[index + 1], glyphs) {
                names.append(pair)
                index += 2
            } else {
                names.append(name(keys[index], glyphs))
                index += 1
            }
        }
        return names.joined(separator: separator)
    }

    /// Whether the keys begin with ↑↓ or ←→, which the footer names together.
    static func startsWithArrowPair(_ keys: [Key]) -> Bool {
        keys.count >= 2 && [(Key.up, Key.down), (.left, .right)].contains { $0 == keys[0] && $1 == keys[1] }
    }

    static func arrowPair(_ first: Key, _ second: Key, _ glyphs: Glyphs) -> String? {
        guard startsWithArrowPair([first, second]) else { return nil }
        let a = name(first, glyphs), b = name(second, glyphs)
        return DisplayWidth.of(a) == 1 && DisplayWidth.of(b) == 1 ? a + b : a + "/" + b
    }
}
