/// Line replacements and insertions planned while reading a document, applied together at
/// the end so that the line numbers found while reading stay valid until then.
struct YAMLLineEdits: Sendable {
    private var replacements: [Int: String] = [:]
    private var insertions: [Int: [String]] = [:]

    /// Plans `text` to replace the text of line `line` (its line ending is kept).
    mutating func replace(line: Int, with text: String) {
        replacements[line] = text
    }

    /// Plans a new line holding `text` after line `line`.
    mutating func insert(_ text: String, after line: Int) {
        insertions[line, default: []].append(text)
    }

    /// Plans replacing the one-line scalar value of `entry` with the plain scalar
    /// `newValue`, keeping its trailing comment. A value that already reads as `newValue`
    /// is left alone, however it is quoted, so that applying an edit twice changes nothing.
    mutating func replaceValue(of entry: YAMLMappingEntry, with newValue: String, in lines: [YAMLLine], path: String) throws(EditError) {
        switch entry.scalar {
        case .text(let old) where old == newValue:
            return
        case .text, .null:
            let characters = Array(lines[entry.line].text)
            replace(line: entry.line, with: entry.value.replacingValue(in: characters, colonIndex: entry.colonIndex, with: newValue))
        case .notAScalar:
            throw EditError("`\(path)` (line \(entry.line + 1)) is not a one-line value lt-setup can replace; set it to \(newValue) by hand")
        }
    }

    /// The document's text with the planned edits. An inserted line takes the line ending of
    /// the line before it, so CRLF files stay CRLF; after a last line without a newline it
    /// gets none, and that line gets one, so the file's final-newline state is kept.
    func applied(to lines: [YAMLLine]) -> String {
        var result: [YAMLLine] = []
        result.reserveCapacity(lines.count + insertions.count)
        let newline = lines.first(where: { !$0.ending.isEmpty })?.ending ?? "\n"
        for (index, line) in lines.enumerated() {
            result.append(YAMLLine(text: replacements[index] ?? line.text, ending: line.ending))
            for text in insertions[index] ?? [] {
                let ending = result[result.count - 1].ending
                if ending.isEmpty { result[result.count - 1].ending = newline }
                result.append(YAMLLine(text: text, ending: ending))
            }
        }
        return result.map { $0.text + $0.ending }.joined()
    }
}
