/// One `key: value` entry of a block mapping: the key's line, where the key and colon sit on
/// it, the value written on that line, and the following lines that belong to the value.
struct YAMLMappingEntry: Sendable, Equatable {
    /// Index of the key's line in the document's lines.
    let line: Int
    let key: String
    let keyColumn: Int
    let colonIndex: Int
    let value: YAMLInlineValue
    /// The lines after the key's line that belong to its value (nested block, continuation
    /// lines), ending at the last content line; empty when the value is on the key's line.
    var valueLines: Range<Int>

    /// Reads a mapping key starting at `column`, or nil when the text there is not one
    /// (a sequence entry, a flow collection, a scalar, …).
    static func parse(_ text: String, at column: Int, line: Int) -> YAMLMappingEntry? {
        let characters = Array(text)
        guard column < characters.count else { return nil }
        let key: String
        var afterKey: Int
        if characters[column] == "\"" || characters[column] == "'" {
            let (kind, end) = YAMLInlineValue.readQuoted(characters, from: column)
            switch kind {
            case .singleQuoted(let text), .doubleQuoted(let text): key = text
            default: return nil
            }
            afterKey = YAMLSyntax.skipWhitespace(characters, from: end)
        } else {
            guard let colon = plainKeyEnd(characters, from: column) else { return nil }
            key = String(characters[column..<colon]).trimmingTrailingWhitespace()
            afterKey = colon
        }
        // The colon must be followed by whitespace or end the line to separate a value.
        guard afterKey < characters.count, characters[afterKey] == ":",
              afterKey + 1 == characters.count || YAMLSyntax.isWhitespace(characters[afterKey + 1]) else { return nil }
        let value = YAMLInlineValue.parse(characters, from: afterKey + 1)
        return YAMLMappingEntry(line: line, key: key, keyColumn: column, colonIndex: afterKey,
                                value: value, valueLines: (line + 1)..<(line + 1))
    }

    /// Index of the colon ending a plain key, or nil when the text is not a plain key.
    private static func plainKeyEnd(_ characters: [Character], from start: Int) -> Int? {
        let first = characters[start]
        let followedBySpace = start + 1 == characters.count || YAMLSyntax.isWhitespace(characters[start + 1])
        // Characters that start something other than a plain key (collections, anchors,
        // aliases, tags, block scalars, comments, `- `, `? `, `: `).
        if "[]{},#&*!|>%@`".contains(first) || ("-?:".contains(first) && followedBySpace) { return nil }
        var index = start
        while index < characters.count {
            let character = characters[index]
            if character == ":", index + 1 == characters.count || YAMLSyntax.isWhitespace(characters[index + 1]) {
                return index
            }
            if character == "#", index > start, YAMLSyntax.isWhitespace(characters[index - 1]) { return nil }
            index += 1
        }
        return nil
    }

    /// The index of the entry's last content line.
    var lastLine: Int {
        valueLines.isEmpty ? line : valueLines.upperBound - 1
    }

    /// The value's meaning as a one-line scalar; a value that continues on further lines is
    /// not one, even if it is a scalar, because it cannot be read or replaced line by line.
    var scalar: YAMLInlineValue.Reading {
        valueLines.isEmpty ? value.reading : .notAScalar
    }

    /// The entry for `key` among `entries`, or nil; a key given twice is an error because
    /// YAML readers disagree on which one wins.
    static func single(_ key: String, in entries: [YAMLMappingEntry], path: String) throws(EditError) -> YAMLMappingEntry? {
        let matches = entries.filter { $0.key == key }
        guard matches.count <= 1 else {
            let lines = matches.map { String($0.line + 1) }.joined(separator: ", ")
            throw EditError("`\(key)` appears \(matches.count) times in \(path) (lines \(lines)); keep only one and run lt-setup again")
        }
        return matches.first
    }
}

private extension String {
    /// The string without trailing spaces and tabs.
    func trimmingTrailingWhitespace() -> String {
        var end = endIndex
        while end > startIndex, YAMLSyntax.isWhitespace(self[index(before: end)]) { end = index(before: end) }
        return String(self[..<end])
    }
}
