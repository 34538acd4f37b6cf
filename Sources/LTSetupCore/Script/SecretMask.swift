/// Which lines of a server's configuration hold a secret, and those lines with the secret
/// hidden, for everything `lt-setup plan` prints.
///
/// One list decides, by name: an XML element (`<source-password>` in icecast.xml) or a YAML
/// key (`api_key:` in config.yml) is secret when its name, lower-cased and with `-` read as
/// `_`, is `password`, `api_key` or `secret_key`, or ends in `password`, `_key`, `secret` or
/// `token`. A masked line keeps its indentation, key or tags and shows `********` for the
/// value. Commented-out settings are masked too: Debian's icecast.xml keeps a mount's
/// password in a comment.
public enum SecretMask {
    public static let hidden = "********"

    static let secretNames: Set<String> = ["password", "api_key", "secret_key"]
    static let secretSuffixes = ["password", "_key", "secret", "token"]

    /// Whether a setting of this name holds a secret.
    public static func isSecret(_ name: String) -> Bool {
        let normal = String(name.lowercased().map { $0 == "-" ? "_" : $0 })
        return secretNames.contains(normal) || secretSuffixes.contains { normal.hasSuffix($0) }
    }

    /// The text with every secret hidden; lines and their ends are kept.
    public static func masked(_ text: String) -> String {
        let lines = TextLine.split(text)
        return zip(lines, maskedLines(text)).map { $1 + ($0.hasNewline ? "\n" : "") }.joined()
    }

    /// The lines of `text` (as `TextLine.split` cuts them), each with its secrets hidden.
    public static func maskedLines(_ text: String) -> [String] {
        var state = State.plain
        return TextLine.split(text).map { mask($0.text, &state) }
    }

    /// Whether any line of `text` holds a secret.
    public static func hasSecret(_ text: String) -> Bool {
        zip(TextLine.split(text), maskedLines(text)).contains { $0.text != $1 }
    }

    /// What an earlier line left open: an XML element whose text goes on, or a YAML block
    /// scalar (`password: |`) whose lines are indented deeper than its key.
    enum State: Equatable {
        case plain
        case insideElement(String)
        case blockScalar(keyIndent: Int)
    }

    static func mask(_ line: String, _ state: inout State) -> String {
        switch state {
        case .plain:
            break
        case .insideElement(let name):
            let closing = "</\(name)>"
            guard let end = line.firstRange(of: closing) else { return indentation(of: line) + hidden }
            state = .plain
            let rest = String(line[end.lowerBound...])
            return indentation(of: line) + hidden + maskXML(rest, &state)
        case .blockScalar(let keyIndent):
            let trimmed = line.drop { $0 == " " }
            if trimmed.isEmpty { return line }
            if line.count - trimmed.count > keyIndent { return indentation(of: line) + hidden }
            state = .plain
        }
        if let yaml = maskYAML(line, &state) { return yaml }
        return maskXML(line, &state)
    }

    static func indentation(of line: String) -> String {
        String(line.prefix { $0 == " " || $0 == "\t" })
    }

    /// `KEY: VALUE` with a secret key, optionally in a list item or a comment; nil for any
    /// other line.
    static func maskYAML(_ line: String, _ state: inout State) -> String? {
        var index = line.startIndex
        func skip(_ characters: Set<Character>) {
            while index < line.endIndex, characters.contains(line[index]) { index = line.index(after: index) }
        }
        skip([" ", "\t", "#", "-"])
        let keyIndent = line.distance(from: line.startIndex, to: index)
        var keyStart = index, quote: Character?
        if index < line.endIndex, line[index] == "\"" || line[index] == "'" {
            quote = line[index]
            index = line.index(after: index)
            keyStart = index
        }
        while index < line.endIndex, line[index].isLetter || line[index].isNumber || "_-.".contains(line[index]) {
            index = line.index(after: index)
        }
        let key = line[keyStart..<index]
        if let quote {
            guard index < line.endIndex, line[index] == quote else { return nil }
            index = line.index(after: index)
        }
        guard !key.isEmpty, index < line.endIndex, line[index] == ":", isSecret(String(key)) else { return nil }
        let colon = line.index(after: index)
        let value = line[colon...].drop { $0 == " " || $0 == "\t" }
        if value.isEmpty { return line }
        if value.first == "|" || value.first == ">" {
            state = .blockScalar(keyIndent: keyIndent)
            return line
        }
        return String(line[..<colon]) + " " + hidden
    }

    /// Hides the text of every secret element on the line: `<admin-password>…</admin-password>`.
    static func maskXML(_ line: String, _ state: inout State) -> String {
        var out = ""
        var rest = Substring(line)
        while let open = rest.firstIndex(of: "<") {
            out += rest[..<open]
            rest = rest[open...]
            var nameEnd = rest.index(after: rest.startIndex)
            while nameEnd < rest.endIndex, rest[nameEnd].isLetter || rest[nameEnd].isNumber || "_-.:".contains(rest[nameEnd]) {
                nameEnd = rest.index(after: nameEnd)
            }
            let name = String(rest[rest.index(after: rest.startIndex)..<nameEnd])
            guard !name.isEmpty, isSecret(name), let tagEnd = rest[nameEnd...].firstIndex(of: ">"),
                  rest[rest.index(before: tagEnd)] != "/" else {
                out += "<"
                rest = rest.dropFirst()
                continue
            }
            let afterTag = rest.index(after: tagEnd)
            out += rest[..<afterTag]
            rest = rest[afterTag...]
            guard let closing = rest.firstRange(of: "</\(name)>") else {
                if !rest.isEmpty { out += hidden }
                state = .insideElement(name)
                return out
            }
            out += hidden
            out += rest[closing]
            rest = rest[closing.upperBound...]
        }
        return out + rest
    }
}

extension UnifiedDiff {
    /// The hunks that turn `old` into `new`, with every secret hidden in the lines shown;
    /// which lines differ is decided on the real text. For `plan` and the wizard's Preview.
    public static func maskedLines(from old: String, to new: String, context: Int = 3) -> [DiffLine] {
        lines(from: old, to: new, context: context,
              shownOld: SecretMask.maskedLines(old), shownNew: SecretMask.maskedLines(new))
    }
}
