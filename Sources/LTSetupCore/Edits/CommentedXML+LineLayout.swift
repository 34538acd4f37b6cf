/// How a document lays its markup out on lines, so inserted lines look like their neighbours.
extension CommentedXML {
    /// The offset of the first byte of the line holding `position`.
    func lineStart(of position: Int) -> Int {
        var start = position
        while start > 0, bytes[start - 1] != MarkupByte.lineFeed { start -= 1 }
        return start
    }

    /// Just past the line feed that ends the line holding `position`, or nil on a last line
    /// without one.
    func nextLineStart(after position: Int) -> Int? {
        bytes[position...].firstIndex(of: MarkupByte.lineFeed).map { $0 + 1 }
    }

    /// Whether only indentation precedes `position` on its line.
    func startsLine(_ position: Int) -> Bool {
        bytes[lineStart(of: position)..<position].allSatisfy(MarkupByte.isIndent)
    }

    /// The spaces and tabs that begin the line holding `position`.
    func indentation(ofLineAt position: Int) -> [UInt8] {
        Array(bytes[lineStart(of: position)...].prefix(while: MarkupByte.isIndent))
    }

    /// Whether `range` holds nothing active: only white space and comments.
    func isInactive(_ range: Range<Int>) -> Bool {
        range.allSatisfy { MarkupByte.isSpace(bytes[$0]) || isInComment($0) }
    }

    /// The document's line ending: CRLF when its first line ends so, otherwise LF.
    var newline: [UInt8] {
        guard let lineFeed = bytes.firstIndex(of: MarkupByte.lineFeed), lineFeed > 0,
              bytes[lineFeed - 1] == MarkupByte.carriageReturn
        else { return [MarkupByte.lineFeed] }
        return [MarkupByte.carriageReturn, MarkupByte.lineFeed]
    }

    /// One level of indentation, read from the first element that sits on its own line one
    /// level below a parent on its own line; four spaces when the document shows none.
    var indentUnit: [UInt8] {
        for element in elements {
            guard let parentIndex = element.parent else { continue }
            let parent = elements[parentIndex]
            guard startsLine(element.openTag.lowerBound), startsLine(parent.openTag.lowerBound) else { continue }
            let inner = indentation(ofLineAt: element.openTag.lowerBound)
            let outer = indentation(ofLineAt: parent.openTag.lowerBound)
            if inner.count > outer.count, inner.starts(with: outer) {
                return Array(inner.dropFirst(outer.count))
            }
        }
        return Array(repeating: MarkupByte.space, count: 4)
    }
}
