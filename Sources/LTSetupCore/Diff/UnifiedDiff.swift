/// One line of a unified diff.
public enum DiffLine: Hashable, Sendable {
    /// `@@ -oldStart,oldCount +newStart,newCount @@`, 1-based as diff prints them.
    case hunk(oldStart: Int, oldCount: Int, newStart: Int, newCount: Int)
    case context(String)
    case removed(String)
    case added(String)
    /// `\ No newline at end of file`, after the line it is about.
    case noNewline

    /// The line as `diff -u` prints it.
    public var text: String {
        switch self {
        case .hunk(let oldStart, let oldCount, let newStart, let newCount):
            "@@ -\(Self.range(oldStart, oldCount)) +\(Self.range(newStart, newCount)) @@"
        case .context(let line): " " + line
        case .removed(let line): "-" + line
        case .added(let line): "+" + line
        case .noNewline: "\\ No newline at end of file"
        }
    }

    static func range(_ start: Int, _ count: Int) -> String {
        count == 1 ? "\(start)" : "\(start),\(count)"
    }
}

/// A unified diff, as `diff -u` makes it: changed lines with `context` unchanged lines
/// around them, in hunks.
public enum UnifiedDiff {
    /// The hunks that turn `old` into `new`; empty when they are the same.
    public static func lines(from old: String, to new: String, context: Int = 3) -> [DiffLine] {
        lines(from: old, to: new, context: context, shownOld: nil, shownNew: nil)
    }

    /// The hunks that turn `old` into `new`, each line shown as its counterpart in
    /// `shownOld` or `shownNew` (the same lines with their secrets masked, say): which lines
    /// differ is decided on the real text.
    public static func lines(from old: String, to new: String, context: Int = 3,
                             shownOld: [String]?, shownNew: [String]?) -> [DiffLine] {
        let edits = LineEdits.between(TextLine.split(old), TextLine.split(new))
        var lines: [DiffLine] = []
        for range in hunkRanges(edits, context: context) {
            lines += hunk(Array(edits[range]), shownOld: shownOld, shownNew: shownNew)
        }
        return lines
    }

    /// The whole diff with its `---`/`+++` header, or "" when the texts are the same.
    public static func text(from old: String, to new: String, oldName: String, newName: String, context: Int = 3) -> String {
        text(lines(from: old, to: new, context: context), oldName: oldName, newName: newName)
    }

    /// Diff lines as `diff -u` prints them, under their `---`/`+++` header; "" for none.
    public static func text(_ body: [DiffLine], oldName: String, newName: String) -> String {
        guard !body.isEmpty else { return "" }
        return (["--- \(oldName)", "+++ \(newName)"] + body.map(\.text)).joined(separator: "\n") + "\n"
    }

    /// The ranges of the edit script that make hunks: each change with up to `context`
    /// kept lines either side, hunks closer than that merged.
    static func hunkRanges(_ edits: [LineEdit], context: Int) -> [Range<Int>] {
        var ranges: [Range<Int>] = []
        for (index, edit) in edits.enumerated() where edit.isChange {
            let lower = max(0, index - context)
            let upper = min(edits.count, index + context + 1)
            if let last = ranges.last, lower <= last.upperBound {
                ranges[ranges.count - 1] = last.lowerBound..<max(last.upperBound, upper)
            } else {
                ranges.append(lower..<upper)
            }
        }
        return ranges
    }

    static func hunk(_ edits: [LineEdit], shownOld: [String]? = nil, shownNew: [String]? = nil) -> [DiffLine] {
        func shown(_ lines: [String]?, _ index: Int, _ line: TextLine) -> String {
            guard let lines, lines.indices.contains(index) else { return line.text }
            return lines[index]
        }
        var oldCount = 0, newCount = 0
        var body: [DiffLine] = []
        for edit in edits {
            let line: TextLine
            switch edit {
            case .keep(let kept, _, let new):
                line = kept
                oldCount += 1
                newCount += 1
                body.append(.context(shown(shownNew, new, kept)))
            case .remove(let removed, let old, _):
                line = removed
                oldCount += 1
                body.append(.removed(shown(shownOld, old, removed)))
            case .insert(let inserted, _, let new):
                line = inserted
                newCount += 1
                body.append(.added(shown(shownNew, new, inserted)))
            }
            if !line.hasNewline { body.append(.noNewline) }
        }
        let first = edits.first?.positions ?? (old: 0, new: 0)
        // An empty side names the line before the hunk, as diff does (0 at the top).
        let header = DiffLine.hunk(
            oldStart: oldCount == 0 ? first.old : first.old + 1, oldCount: oldCount,
            newStart: newCount == 0 ? first.new : first.new + 1, newCount: newCount)
        return [header] + body
    }
}
