/// One replacement of a byte range of a document; an empty range inserts.
///
/// Edits are planned against the original bytes and applied together, so each plan can use
/// the scanner's offsets without recomputing them after the others.
struct ByteSplice: Equatable, Sendable {
    let range: Range<Int>
    let replacement: [UInt8]

    init(_ range: Range<Int>, with replacement: [UInt8]) {
        self.range = range
        self.replacement = replacement
    }

    /// An insertion of `text` at `position`.
    static func insert(_ text: [UInt8], at position: Int) -> ByteSplice {
        ByteSplice(position..<position, with: text)
    }

    /// A removal of `range`.
    static func remove(_ range: Range<Int>) -> ByteSplice {
        ByteSplice(range, with: [])
    }
}

extension Array where Element == UInt8 {
    /// The bytes with every splice applied; the splices must not overlap.
    ///
    /// They are applied from the end backwards so earlier offsets stay valid. At the same
    /// start, the wider range goes first so that an insertion there is not swallowed by it.
    func applying(_ splices: [ByteSplice]) -> [UInt8] {
        let ordered = splices.sorted {
            ($0.range.lowerBound, $0.range.upperBound) > ($1.range.lowerBound, $1.range.upperBound)
        }
        var result = self
        for splice in ordered {
            result.replaceSubrange(splice.range, with: splice.replacement)
        }
        return result
    }
}
