/// One line of a text file, and whether a newline ends it (only the last line may lack one).
public struct TextLine: Hashable, Sendable {
    public let text: String
    public let hasNewline: Bool

    public init(_ text: String, hasNewline: Bool = true) {
        self.text = text
        self.hasNewline = hasNewline
    }

    /// The lines of `text`: `"a\nb\n"` is two lines, `"a\nb"` two lines the last without a
    /// newline, `""` none.
    public static func split(_ text: String) -> [TextLine] {
        guard !text.isEmpty else { return [] }
        var parts = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let endsWithNewline = text.hasSuffix("\n")
        if endsWithNewline { parts.removeLast() }
        return parts.enumerated().map { index, part in
            TextLine(part, hasNewline: endsWithNewline || index < parts.count - 1)
        }
    }
}
