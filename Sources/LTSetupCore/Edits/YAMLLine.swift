/// One physical line of a YAML file, kept with its own line ending so that the file can be
/// rebuilt byte for byte after a few lines were changed.
struct YAMLLine: Sendable, Equatable {
    /// The line without its terminator.
    var text: String
    /// `"\n"`, `"\r\n"`, or `""` for a last line that has no newline.
    var ending: String

    /// Splits `text` into lines. Works on bytes because Swift treats `"\r\n"` as a single
    /// `Character`, so splitting characters on `"\n"` would miss CRLF line ends.
    static func split(_ text: String) -> [YAMLLine] {
        let pieces = Array(text.utf8).split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        return pieces.enumerated().map { index, piece in
            guard index < pieces.count - 1 else {
                // Text after the last newline (empty when the file ends with one).
                return YAMLLine(text: String(decoding: piece, as: UTF8.self), ending: "")
            }
            if piece.last == UInt8(ascii: "\r") {
                return YAMLLine(text: String(decoding: piece.dropLast(), as: UTF8.self), ending: "\r\n")
            }
            return YAMLLine(text: String(decoding: piece, as: UTF8.self), ending: "\n")
        }
    }

    /// Number of leading spaces: YAML's block indentation.
    var indentation: Int {
        text.prefix(while: { $0 == " " }).count
    }

    /// Whether the line holds YAML content, as opposed to being blank or only a comment.
    /// Structure is read from content lines alone.
    var isContent: Bool {
        guard let first = text.first(where: { $0 != " " && $0 != "\t" }) else { return false }
        return first != "#"
    }

    /// Whether the indentation of a content line contains a tab, which YAML forbids and
    /// which would make column counting ambiguous.
    var hasTabInIndentation: Bool {
        isContent && text.prefix(while: { $0 == " " || $0 == "\t" }).contains("\t")
    }

    /// Whether a block sequence entry (`-` followed by whitespace or the line end) starts
    /// at `column`.
    func isSequenceEntry(at column: Int) -> Bool {
        let characters = Array(text)
        guard column < characters.count, characters[column] == "-" else { return false }
        return column + 1 == characters.count || YAMLSyntax.isWhitespace(characters[column + 1])
    }
}

/// Small character classes shared by the line-based YAML readers.
enum YAMLSyntax {
    static func isWhitespace(_ character: Character) -> Bool {
        character == " " || character == "\t"
    }

    /// Index of the first non-whitespace character at or after `start`, or `characters.count`.
    static func skipWhitespace(_ characters: [Character], from start: Int) -> Int {
        var index = start
        while index < characters.count, isWhitespace(characters[index]) { index += 1 }
        return index
    }
}
