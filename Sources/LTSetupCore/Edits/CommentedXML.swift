/// An XML document's bytes with its comments told apart from its active markup.
///
/// Icecast's shipped config is mostly commented-out examples (a TLS socket, an
/// `<ssl-certificate>`, whole mounts), so a text search would find settings Icecast ignores.
/// This scanner records every `<!-- … -->` and the active elements with their nesting, which
/// is all the edits need. It is not a general XML parser: no entities, no DTD, no namespaces.
struct CommentedXML {
    /// The document exactly as read; edits are expressed as offsets into it.
    let bytes: [UInt8]
    /// Each comment from its `<!--` through its `-->`, in document order.
    private(set) var comments: [Range<Int>] = []
    /// The active elements in document order (by start tag), parents before children.
    private(set) var elements: [XMLElementSpan] = []

    private init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// Scans the whole document.
    static func scan(_ bytes: [UInt8]) -> Result<CommentedXML, EditError> {
        scan(bytes, in: bytes.startIndex..<bytes.endIndex)
    }

    /// Scans only `range` of `bytes` (e.g. the inside of one comment); offsets stay absolute.
    ///
    /// Fails when the markup is not well-formed enough to know what is active: an
    /// unterminated comment, a tag without `>`, or end tags that do not match. Icecast's
    /// parser (libxml2) refuses such a file too, so there is nothing safe to edit.
    static func scan(_ bytes: [UInt8], in range: Range<Int>) -> Result<CommentedXML, EditError> {
        var document = CommentedXML(bytes: bytes)
        var open: [Int] = []
        var position = range.lowerBound
        while position < range.upperBound {
            guard bytes[position] == MarkupByte.lessThan else {
                position += 1
                continue
            }
            switch document.readMarkup(at: position, limit: range.upperBound, open: &open) {
            case .success(let next): position = next
            case .failure(let error): return .failure(error)
            }
        }
        if let unclosed = open.last {
            let element = document.elements[unclosed]
            return .failure(document.malformed(
                "<\(element.name)> on line \(document.lineNumber(at: element.openTag.lowerBound)) is never closed"))
        }
        return .success(document)
    }

    /// Reads the markup starting with the `<` at `start`; returns where scanning resumes.
    private mutating func readMarkup(at start: Int, limit: Int, open: inout [Int]) -> Result<Int, EditError> {
        // Comments, CDATA, processing instructions and declarations hold no active tags.
        let skipped: [(opener: String, closer: String, what: String)] = [
            ("<!--", "-->", "comment"), ("<![CDATA[", "]]>", "CDATA section"),
            ("<?", "?>", "processing instruction"), ("<!", ">", "declaration"),
        ]
        for kind in skipped where matches(kind.opener, at: start, limit: limit) {
            guard let end = find(kind.closer, from: start + kind.opener.utf8.count, limit: limit) else {
                return .failure(malformed("the \(kind.what) opened with \(kind.opener) on line "
                    + "\(lineNumber(at: start)) is never closed with \(kind.closer)"))
            }
            if kind.opener == "<!--" { comments.append(start..<end) }
            return .success(end)
        }
        return readTag(at: start, limit: limit, open: &open)
    }

    /// Reads a start, end or empty-element tag and updates the element tree.
    private mutating func readTag(at start: Int, limit: Int, open: inout [Int]) -> Result<Int, EditError> {
        let line = lineNumber(at: start)
        guard let end = tagEnd(from: start + 1, limit: limit) else {
            return .failure(malformed("the tag starting on line \(line) has no closing >"))
        }
        let isEndTag = bytes[start + 1] == MarkupByte.slash
        let nameStart = isEndTag ? start + 2 : start + 1
        var nameEnd = nameStart
        while nameEnd < end, !MarkupByte.endsName(bytes[nameEnd]) { nameEnd += 1 }
        guard nameEnd > nameStart else {
            return .failure(malformed("the < on line \(line) does not start a tag"))
        }
        let name = String(decoding: bytes[nameStart..<nameEnd], as: UTF8.self)
        if isEndTag {
            guard let index = open.popLast(), elements[index].name == name else {
                return .failure(malformed("</\(name)> on line \(line) does not close the element opened before it"))
            }
            elements[index].content = elements[index].openTag.upperBound..<start
            elements[index].closeTag = start..<end
            return .success(end)
        }
        let openTag = start..<end
        elements.append(XMLElementSpan(
            name: name, openTag: openTag, content: end..<end, closeTag: nil, parent: open.last))
        if bytes[end - 2] != MarkupByte.slash { open.append(elements.count - 1) }
        return .success(end)
    }

    /// Just past the `>` that ends a tag, skipping quoted attribute values (they may hold `>`).
    private func tagEnd(from start: Int, limit: Int) -> Int? {
        var quote: UInt8?
        for position in start..<limit {
            let byte = bytes[position]
            if let open = quote {
                if byte == open { quote = nil }
            } else if byte == MarkupByte.quote || byte == MarkupByte.apostrophe {
                quote = byte
            } else if byte == MarkupByte.greaterThan {
                return position + 1
            }
        }
        return nil
    }

    /// Whether `text` appears at `position`, entirely before `limit`.
    private func matches(_ text: String, at position: Int, limit: Int) -> Bool {
        let pattern = Array(text.utf8)
        guard position + pattern.count <= limit else { return false }
        return bytes[position..<(position + pattern.count)].elementsEqual(pattern)
    }

    /// Just past the first `text` at or after `start`, entirely before `limit`.
    private func find(_ text: String, from start: Int, limit: Int) -> Int? {
        let length = text.utf8.count
        var position = start
        while position + length <= limit {
            if matches(text, at: position, limit: limit) { return position + length }
            position += 1
        }
        return nil
    }

    private func malformed(_ problem: String) -> EditError {
        EditError("icecast.xml is not well-formed: \(problem); Icecast cannot read it either, so fix it by hand first")
    }
}

extension CommentedXML {
    /// The indices (into `elements`) of the active elements named `name`, in document order.
    func indices(named name: String) -> [Int] {
        elements.indices.filter { elements[$0].name == name }
    }

    /// The indices of the active direct children of `parent` named `name`, in document order.
    func children(of parent: Int, named name: String) -> [Int] {
        elements.indices.filter { elements[$0].parent == parent && elements[$0].name == name }
    }

    /// The active text of element `index`: its content without comments, trimmed of whitespace.
    func text(of index: Int) -> String {
        var active = elements[index].content.filter { !isInComment($0) }.map { bytes[$0] }
        while let last = active.last, MarkupByte.isSpace(last) { active.removeLast() }
        let first = active.firstIndex { !MarkupByte.isSpace($0) } ?? active.endIndex
        return String(decoding: active[first...], as: UTF8.self)
    }

    /// The active text of the last active child of `parent` named `name` (Icecast, reading
    /// children in order, keeps the last value), or nil when there is none.
    func childText(of parent: Int, named name: String) -> String? {
        children(of: parent, named: name).last.map(text(of:))
    }

    /// Whether the byte at `position` belongs to a comment (markers included).
    func isInComment(_ position: Int) -> Bool {
        comments.contains { $0.contains(position) }
    }

    /// The innermost active element whose content holds `position`, or nil outside all of them.
    ///
    /// Elements are in start-tag order, so the last one holding the position is the deepest.
    func innermostElement(containing position: Int) -> Int? {
        elements.indices.last { elements[$0].content.contains(position) }
    }

    /// The 1-based line of `position`, for messages that point the operator at the file.
    func lineNumber(at position: Int) -> Int {
        bytes[..<min(position, bytes.count)].reduce(1) { $1 == MarkupByte.lineFeed ? $0 + 1 : $0 }
    }
}
