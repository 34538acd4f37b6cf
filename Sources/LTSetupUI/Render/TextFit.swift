/// Fitting text into columns: word wrapping and shortening with an ellipsis.
enum TextFit {
    /// `text` cut to `width` columns, ending in `ellipsis` when something was cut.
    static func truncate(_ text: String, _ width: Int, ellipsis: String) -> String {
        guard width > 0 else { return "" }
        guard DisplayWidth.of(text) > width else { return text }
        let room = width - DisplayWidth.of(ellipsis)
        guard room > 0 else { return String(ellipsis.prefix(width)) }
        return prefix(text, columns: room) + ellipsis
    }

    /// The longest start of `text` that takes at most `columns`.
    static func prefix(_ text: String, columns: Int) -> String {
        var out = ""
        var used = 0
        for character in text {
            let width = DisplayWidth.of(character)
            if used + width > columns { break }
            out.append(character)
            used += width
        }
        return out
    }

    /// `text` as lines of at most `width` columns, broken between words; a word longer than
    /// a line is broken where it must. Newlines in `text` start new lines. Runs of spaces
    /// inside a line are kept (columns of labels and values); a break drops its spaces.
    static func wrap(_ text: String, _ width: Int) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = ""
            var fresh = true
            var afterBreak = false
            for word in paragraph.split(separator: " ", omittingEmptySubsequences: false) {
                if afterBreak, fresh, word.isEmpty { continue }
                let candidate = fresh ? String(word) : line + " " + word
                if DisplayWidth.of(candidate) <= width {
                    line = candidate
                    fresh = false
                    continue
                }
                if !fresh { lines.append(trailingSpacesRemoved(line)) }
                afterBreak = true
                var rest = String(word)
                while DisplayWidth.of(rest) > width {
                    // A character wider than the whole line still goes somewhere.
                    let head = prefix(rest, columns: width).isEmpty ? String(rest.prefix(1)) : prefix(rest, columns: width)
                    lines.append(head)
                    rest.removeFirst(head.count)
                }
                line = rest
                fresh = rest.isEmpty
            }
            if !(fresh && afterBreak) { lines.append(line) }
        }
        return lines
    }

    static func trailingSpacesRemoved(_ line: String) -> String {
        var line = line
        while line.last == " " { line.removeLast() }
        return line
    }

    /// `text` padded with spaces to `width` columns (or cut to it).
    static func pad(_ text: String, _ width: Int) -> String {
        let used = DisplayWidth.of(text)
        return used >= width ? prefix(text, columns: width) : text + String(repeating: " ", count: width - used)
    }
}
