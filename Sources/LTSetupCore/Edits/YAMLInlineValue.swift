/// The value written on a mapping key's own line (what follows `key:`), with any trailing
/// comment, read just far enough to interpret simple scalars and to replace the value while
/// keeping the comment.
struct YAMLInlineValue: Sendable, Equatable {
    enum Kind: Sendable, Equatable {
        /// Nothing (or only a comment) after the colon: null, or a block on the next lines.
        case empty
        case plain(String)
        case singleQuoted(String)
        case doubleQuoted(String)
        /// `&name` alone: the node on the following lines is anchored.
        case anchor(String)
        /// `*name` alone.
        case alias(String)
        /// Flow collections, block scalars (`|`, `>`), tags, multi-line quotes, … — anything
        /// a line-based reader cannot interpret or replace safely.
        case unsupported(String)
    }

    /// How a scalar value reads, for callers that need its meaning rather than its spelling.
    enum Reading: Sendable, Equatable {
        case null
        case text(String)
        case notAScalar
    }

    let kind: Kind
    /// From `#` to the end of the line, if there is a comment.
    let comment: String?
    /// The whitespace between the value and its comment.
    let gapBeforeComment: String

    /// Reads the value starting right after the key's colon.
    static func parse(_ characters: [Character], from start: Int) -> YAMLInlineValue {
        let valueStart = YAMLSyntax.skipWhitespace(characters, from: start)
        guard valueStart < characters.count else { return YAMLInlineValue(kind: .empty, comment: nil, gapBeforeComment: "") }
        if characters[valueStart] == "#" {
            return YAMLInlineValue(kind: .empty, comment: String(characters[valueStart...]), gapBeforeComment: "")
        }
        let (kind, valueEnd) = readValue(characters, from: valueStart)
        return finish(kind: kind, characters, valueEnd: valueEnd)
    }

    /// Splits what follows the value into gap and comment; anything else after the value
    /// (e.g. `"a" b`) means the line is not a simple scalar.
    private static func finish(kind: Kind, _ characters: [Character], valueEnd: Int) -> YAMLInlineValue {
        let commentStart = YAMLSyntax.skipWhitespace(characters, from: valueEnd)
        let gap = String(characters[valueEnd..<commentStart])
        if commentStart == characters.count {
            return YAMLInlineValue(kind: kind, comment: nil, gapBeforeComment: "")
        }
        if characters[commentStart] == "#", !gap.isEmpty {
            return YAMLInlineValue(kind: kind, comment: String(characters[commentStart...]), gapBeforeComment: gap)
        }
        return YAMLInlineValue(kind: .unsupported(String(characters[valueEnd...])), comment: nil, gapBeforeComment: "")
    }

    /// Reads one value token and returns it with the index just past it.
    private static func readValue(_ characters: [Character], from start: Int) -> (Kind, Int) {
        let followedBySpace = start + 1 == characters.count || YAMLSyntax.isWhitespace(characters[start + 1])
        if "-?:".contains(characters[start]), followedBySpace {
            // A sequence entry, explicit key or value indicator cannot start a plain scalar.
            return (.unsupported(String(characters[start...])), characters.count)
        }
        switch characters[start] {
        case "\"", "'":
            return readQuoted(characters, from: start)
        case "&", "*":
            let end = tokenEnd(characters, from: start + 1)
            let name = String(characters[(start + 1)..<end])
            let after = YAMLSyntax.skipWhitespace(characters, from: end)
            let restIsComment = after == characters.count || characters[after] == "#"
            guard !name.isEmpty, restIsComment else { return (.unsupported(String(characters[start...])), characters.count) }
            return (characters[start] == "&" ? .anchor(name) : .alias(name), end)
        case "[", "{", "|", ">", "!", "%", "@", "`":
            // Flow collections, block scalars, tags and reserved indicators.
            return (.unsupported(String(characters[start...])), characters.count)
        default:
            return readPlain(characters, from: start)
        }
    }

    /// A plain scalar ends at a comment (whitespace then `#`) or at the end of the line.
    private static func readPlain(_ characters: [Character], from start: Int) -> (Kind, Int) {
        var end = start
        var index = start
        while index < characters.count {
            if characters[index] == "#", index > start, YAMLSyntax.isWhitespace(characters[index - 1]) { break }
            if !YAMLSyntax.isWhitespace(characters[index]) { end = index + 1 }
            index += 1
        }
        return (.plain(String(characters[start..<end])), end)
    }

    /// Reads a quoted scalar that closes on this line and returns it with the index just past
    /// the closing quote. One that does not close continues on the next line, which a
    /// line-based edit cannot handle.
    static func readQuoted(_ characters: [Character], from start: Int) -> (Kind, Int) {
        let quote = characters[start]
        var text = ""
        var index = start + 1
        while index < characters.count {
            let character = characters[index]
            if quote == "'", character == "'" {
                // `''` is an escaped quote inside single quotes.
                guard index + 1 < characters.count, characters[index + 1] == "'" else {
                    return (.singleQuoted(text), index + 1)
                }
                text.append("'")
                index += 2
            } else if quote == "\"", character == "\"" {
                return (.doubleQuoted(text), index + 1)
            } else if quote == "\"", character == "\\", index + 1 < characters.count {
                text.append(contentsOf: unescape(characters[index + 1]))
                index += 2
            } else {
                text.append(character)
                index += 1
            }
        }
        return (.unsupported("an unterminated quoted value"), characters.count)
    }

    /// The common escapes; others are kept with their backslash so that such a value never
    /// compares equal to a plain one nor passes a character check.
    private static func unescape(_ character: Character) -> String {
        switch character {
        case "\"", "\\", "/": String(character)
        default: "\\" + String(character)
        }
    }

    private static func tokenEnd(_ characters: [Character], from start: Int) -> Int {
        var end = start
        while end < characters.count, !YAMLSyntax.isWhitespace(characters[end]) { end += 1 }
        return end
    }

    /// The scalar's meaning: YAML's null spellings and an empty value read as null.
    var reading: Reading {
        switch kind {
        case .empty: .null
        case .plain(let text): ["~", "null", "Null", "NULL"].contains(text) ? .null : .text(text)
        case .singleQuoted(let text), .doubleQuoted(let text): .text(text)
        case .anchor, .alias, .unsupported: .notAScalar
        }
    }

    /// Whether the value continues as a block on the following lines (nothing, or only an
    /// anchor, after the colon).
    var mayHoldBlock: Bool {
        switch kind {
        case .empty, .anchor: true
        default: false
        }
    }

    /// Whether the value is `[]`, an empty list in flow style, with or without a comment.
    var isEmptyFlowSequence: Bool {
        guard case .unsupported(let text) = kind, text.hasPrefix("[]") else { return false }
        let rest = text.dropFirst(2).drop(while: YAMLSyntax.isWhitespace)
        return rest.isEmpty || rest.hasPrefix("#")
    }

    /// The line rebuilt with `newValue` (a plain scalar) in place of the value, keeping
    /// everything up to the colon at `colonIndex` and the trailing comment.
    func replacingValue(in characters: [Character], colonIndex: Int, with newValue: String) -> String {
        var line = String(characters[...colonIndex]) + " " + newValue
        if let comment {
            // An empty value has no gap of its own: the spaces before `#` followed the colon.
            line += (kind == .empty ? " " : gapBeforeComment) + comment
        }
        return line
    }
}
