/// The change from one version of a file to another as a GNU sed program that rewrites only
/// the changed lines, addressed by their numbers in the old version, for a script that must
/// not print the rest of the file (icecast.xml and config.yml hold passwords).
///
/// sed reads the old file once and every address counts its input lines, so the commands
/// never shift each other. Text given to `a`, `c` and `i` has its backslashes doubled, and a
/// line that starts with a blank gets a backslash first: GNU sed would otherwise drop the
/// blanks of a one-line form, and the backslash keeps them in every form.
public enum SedLineEdit {
    /// Why the change cannot be printed as line edits.
    public enum Refusal: Error, Equatable, Sendable {
        /// The new line (1-based) holds a secret: it would appear in the script.
        case secretLine(Int)
        /// A changed line has no newline at its end, which sed's `a`/`c` cannot reproduce.
        case noFinalNewline
        /// The old file is empty: sed runs no command on a file without lines.
        case emptyFile
    }

    public static func program(from old: String, to new: String) -> Result<String, Refusal> {
        let oldLines = TextLine.split(old)
        let newLines = TextLine.split(new)
        if oldLines.isEmpty { return .failure(.emptyFile) }
        let shownNew = SecretMask.maskedLines(new)
        var commands: [String] = []
        var run: [LineEdit] = []
        func flush() -> Refusal? {
            defer { run = [] }
            guard !run.isEmpty else { return nil }
            var removed: [Int] = []
            var inserted: [TextLine] = []
            var insertedAfter = 0
            for edit in run {
                switch edit {
                case .remove(let line, let old, _):
                    if !line.hasNewline { return .noFinalNewline }
                    removed.append(old)
                case .insert(let line, let old, let new):
                    if !line.hasNewline { return .noFinalNewline }
                    if shownNew[new] != line.text { return .secretLine(new + 1) }
                    if inserted.isEmpty { insertedAfter = old }
                    inserted.append(line)
                case .keep:
                    break
                }
            }
            let text = inserted.map { escaped($0.text) }.joined(separator: "\\\n")
            if let first = removed.first, let last = removed.last {
                let address = first == last ? "\(first + 1)" : "\(first + 1),\(last + 1)"
                commands.append(inserted.isEmpty ? "\(address)d" : "\(address)c\\\n\(text)")
            } else if insertedAfter == 0 {
                commands.append("1i\\\n\(text)")
            } else {
                commands.append("\(insertedAfter)a\\\n\(text)")
            }
            return nil
        }
        for edit in LineEdits.between(oldLines, newLines) {
            if edit.isChange {
                run.append(edit)
            } else if let refusal = flush() {
                return .failure(refusal)
            }
        }
        if let refusal = flush() { return .failure(refusal) }
        return .success(commands.map { $0 + "\n" }.joined())
    }

    /// One line of text for `a`, `c` or `i`.
    static func escaped(_ line: String) -> String {
        var out = line.first == " " || line.first == "\t" ? "\\" : ""
        for character in line {
            out += character == "\\" ? "\\\\" : String(character)
        }
        return out
    }
}
