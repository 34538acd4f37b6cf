/// One step of the edit script that turns the old lines into the new.
public enum LineEdit: Hashable, Sendable {
    /// In both, at these 0-based positions.
    case keep(TextLine, old: Int, new: Int)
    /// Only in the old, at `old`; `new` lines of the new text come before it.
    case remove(TextLine, old: Int, new: Int)
    /// Only in the new, at `new`; `old` lines of the old text come before it.
    case insert(TextLine, old: Int, new: Int)

    /// The positions of the edit in the old and the new lines.
    public var positions: (old: Int, new: Int) {
        switch self {
        case .keep(_, let old, let new), .remove(_, let old, let new), .insert(_, let old, let new): (old, new)
        }
    }

    /// Whether the line is removed or inserted.
    public var isChange: Bool {
        if case .keep = self { return false }
        return true
    }
}

/// The shortest edit script between two lists of lines, by longest common subsequence.
public enum LineEdits {
    /// Above this many cells the LCS table is not built and the middle is shown as replaced
    /// wholesale: a preview must never stall on two huge unrelated files.
    public static let tableLimit = 4_000_000

    /// The edits that turn `old` into `new`, keeping as many lines as possible.
    public static func between(_ old: [TextLine], _ new: [TextLine]) -> [LineEdit] {
        var prefix = 0
        while prefix < old.count, prefix < new.count, old[prefix] == new[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < old.count - prefix, suffix < new.count - prefix,
              old[old.count - 1 - suffix] == new[new.count - 1 - suffix] { suffix += 1 }
        var edits: [LineEdit] = (0..<prefix).map { .keep(old[$0], old: $0, new: $0) }
        edits += middle(old, new, from: prefix, oldEnd: old.count - suffix, newEnd: new.count - suffix)
        for offset in (0..<suffix).reversed() {
            let oldIndex = old.count - 1 - offset
            edits.append(.keep(old[oldIndex], old: oldIndex, new: new.count - 1 - offset))
        }
        return edits
    }

    /// The edits between `old[start..<oldEnd]` and `new[start..<newEnd]`.
    static func middle(_ old: [TextLine], _ new: [TextLine], from start: Int, oldEnd: Int, newEnd: Int) -> [LineEdit] {
        let rows = oldEnd - start, columns = newEnd - start
        if rows == 0 || columns == 0 || rows * columns > tableLimit {
            return (start..<oldEnd).map { .remove(old[$0], old: $0, new: start) }
                + (start..<newEnd).map { .insert(new[$0], old: oldEnd, new: $0) }
        }
        // common[i][j]: the LCS length of old[start+i..<oldEnd] and new[start+j..<newEnd].
        let width = columns + 1
        var common = [Int](repeating: 0, count: (rows + 1) * width)
        for i in stride(from: rows - 1, through: 0, by: -1) {
            for j in stride(from: columns - 1, through: 0, by: -1) {
                common[i * width + j] = old[start + i] == new[start + j]
                    ? common[(i + 1) * width + j + 1] + 1
                    : max(common[(i + 1) * width + j], common[i * width + j + 1])
            }
        }
        var edits: [LineEdit] = []
        var i = 0, j = 0
        while i < rows || j < columns {
            if i < rows, j < columns, old[start + i] == new[start + j] {
                edits.append(.keep(old[start + i], old: start + i, new: start + j))
                i += 1
                j += 1
            } else if i < rows, j == columns || common[(i + 1) * width + j] >= common[i * width + j + 1] {
                // Removals before insertions, as diff prints them.
                edits.append(.remove(old[start + i], old: start + i, new: start + j))
                i += 1
            } else {
                edits.append(.insert(new[start + j], old: start + i, new: start + j))
                j += 1
            }
        }
        return edits
    }
}
