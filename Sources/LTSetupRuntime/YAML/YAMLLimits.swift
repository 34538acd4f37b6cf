/// Bounds on the YAML handed to the parser. An alias may stand for a whole node, and
/// aliases of aliases grow exponentially when expanded ("billion laughs"): a config.yml of
/// a few hundred bytes exhausted memory. LibreTime's config.yml and an answers file use no
/// aliases, and are a few kilobytes.
public enum YAMLLimits {
    public static let maximumBytes = 1 << 20
    public static let maximumAliases = 32

    /// Why `text` is not parsed, or nil.
    public static func refusal(_ text: String) -> String? {
        if text.utf8.count > maximumBytes {
            return "it is larger than \(maximumBytes / 1024) KiB, which no LibreTime configuration is"
        }
        let aliases = aliasCount(text)
        if aliases > maximumAliases {
            return "it uses \(aliases) YAML aliases (*name); at most \(maximumAliases) are read, since each may stand for a whole part of the file"
        }
        return nil
    }

    /// The aliases in `text`: a `*` that starts a token (after a space, a line start, `[`,
    /// `{`, `,` or `:`) outside quotes and comments, followed by an anchor name.
    static func aliasCount(_ text: String) -> Int {
        var count = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var quote: Character?
            var previous: Character = " "
            for character in line {
                if let open = quote {
                    if character == open { quote = nil }
                } else if character == "\"" || character == "'" {
                    quote = character
                } else if character == "#" && (previous == " " || previous == "\t") {
                    break
                } else if character == "*" && " \t[{,:-".contains(previous) {
                    count += 1
                }
                previous = character
            }
        }
        return count
    }
}
