/// A run of lines holding the entries of one block mapping, whose keys start at `indentation`.
struct YAMLBlock: Sendable, Equatable {
    let lines: Range<Int>
    let indentation: Int
    /// True for a sequence item whose first key sits on the `- ` line itself (`- key: v`);
    /// that line's own indentation is the dash's, not the key's.
    let firstKeyOnFirstLine: Bool
}

/// One item of a block sequence: its lines from the `-` line to its last content line.
struct YAMLSequenceItem: Sendable, Equatable {
    let lines: Range<Int>
    let dashColumn: Int
}

/// The lines of a single YAML document and a reader for its block structure (mappings and
/// sequences nested by indentation). It reads only what an in-place edit needs and refuses
/// what it cannot read reliably, so that edits never rewrite the rest of the file.
struct YAMLBlockDocument: Sendable {
    let lines: [YAMLLine]
    /// The top-level node's lines, or nil when the document holds only comments.
    let root: YAMLBlock?

    init(_ text: String) throws(EditError) {
        let lines = YAMLLine.split(text)
        self.lines = lines
        let body = try Self.documentBody(lines)
        let content = body.filter { lines[$0].isContent }
        if let first = content.first, let last = content.last {
            root = YAMLBlock(lines: first..<(last + 1), indentation: lines[first].indentation, firstKeyOnFirstLine: false)
        } else {
            root = nil
        }
    }

    /// The lines between an optional `---` start marker and an optional `...` end marker;
    /// refuses several documents and tab indentation.
    private static func documentBody(_ lines: [YAMLLine]) throws(EditError) -> Range<Int> {
        var start = 0
        var end: Int?
        var seenStart = false
        var seenContent = false
        for (index, line) in lines.enumerated() where line.isContent {
            if line.hasTabInIndentation {
                throw EditError("line \(index + 1) is indented with a tab; YAML indentation must be spaces. Replace the tabs with spaces and run lt-setup again")
            }
            if end != nil || (isMarker(line.text, "---") && (seenStart || seenContent)) {
                throw EditError("the file holds several YAML documents (line \(index + 1)); LibreTime reads one. Keep only the configuration document and run lt-setup again")
            }
            if isMarker(line.text, "---") {
                guard markerHasNothingAfter(line.text) else {
                    throw EditError("line \(index + 1) has content after `---`; move it to the next line and run lt-setup again")
                }
                (start, seenStart) = (index + 1, true)
            } else if isMarker(line.text, "...") {
                end = index
            } else if line.text.hasPrefix("%"), !seenStart, !seenContent {
                start = index + 1  // A directive such as `%YAML 1.2`, before `---`.
            } else {
                seenContent = true
            }
        }
        return start..<(end ?? lines.count)
    }

    private static func isMarker(_ text: String, _ marker: String) -> Bool {
        text == marker || text.hasPrefix(marker + " ") || text.hasPrefix(marker + "\t")
    }

    private static func markerHasNothingAfter(_ text: String) -> Bool {
        let rest = text.dropFirst(3).drop(while: YAMLSyntax.isWhitespace)
        return rest.isEmpty || rest.hasPrefix("#")
    }

    // MARK: Mappings

    /// The entries of a block mapping. Lines more indented than the keys belong to the entry
    /// above them; anything else at the keys' level that is not a `key:` is refused rather
    /// than guessed at.
    func entries(of block: YAMLBlock, path: String) throws(EditError) -> [YAMLMappingEntry] {
        var entries: [YAMLMappingEntry] = []
        var index = block.lines.lowerBound
        while index < block.lines.upperBound {
            guard lines[index].isContent else {
                index += 1
                continue
            }
            let onFirstLine = block.firstKeyOnFirstLine && index == block.lines.lowerBound
            let column = onFirstLine ? block.indentation : lines[index].indentation
            guard column == block.indentation, var entry = YAMLMappingEntry.parse(lines[index].text, at: column, line: index) else {
                throw EditError("line \(index + 1) in \(path) is not a `key: value` entry lt-setup can read; edit config.yml by hand")
            }
            entry.valueLines = valueLines(after: index, keyColumn: column, value: entry.value, limit: block.lines.upperBound)
            entries.append(entry)
            index = max(entry.valueLines.upperBound, index + 1)
        }
        return entries
    }

    /// The lines after a key line that belong to its value: those indented deeper than the
    /// key, plus `- ` lines at the key's own column when the value is empty, because YAML
    /// lets a sequence under a mapping key sit at the key's indentation.
    private func valueLines(after line: Int, keyColumn: Int, value: YAMLInlineValue, limit: Int) -> Range<Int> {
        let mayHoldBlock = value.mayHoldBlock
        var last = line
        for index in (line + 1)..<max(limit, line + 1) where lines[index].isContent {
            let indentation = lines[index].indentation
            let compactSequence = mayHoldBlock && indentation == keyColumn && lines[index].isSequenceEntry(at: keyColumn)
            guard indentation > keyColumn || compactSequence else { break }
            last = index
        }
        return (line + 1)..<(last + 1)
    }

    /// The entry for `key` in a mapping, or nil when the mapping has no such key.
    func entry(named key: String, of block: YAMLBlock, path: String) throws(EditError) -> YAMLMappingEntry? {
        try YAMLMappingEntry.single(key, in: entries(of: block, path: path), path: path)
    }

    /// The block mapping that is `entry`'s value, or nil when the value is null. Flow style,
    /// scalars and aliases are refused: they cannot be navigated line by line.
    func mapping(of entry: YAMLMappingEntry, path: String) throws(EditError) -> YAMLBlock? {
        try requireBlockValue(entry, path: path, expected: "an indented block of `key: value` lines")
        guard let first = entry.valueLines.first(where: { lines[$0].isContent }) else { return nil }
        let indentation = lines[first].indentation
        guard indentation > entry.keyColumn, !lines[first].isSequenceEntry(at: indentation) else {
            throw EditError("`\(path)` (line \(entry.line + 1)) should be a mapping of `key: value` lines but is not; edit config.yml by hand")
        }
        return YAMLBlock(lines: first..<entry.valueLines.upperBound, indentation: indentation, firstKeyOnFirstLine: false)
    }

    private func requireBlockValue(_ entry: YAMLMappingEntry, path: String, expected: String) throws(EditError) {
        guard entry.value.mayHoldBlock else {
            throw EditError("`\(path)` (line \(entry.line + 1)) is written on one line (flow style, alias or scalar); lt-setup edits only \(expected). Edit config.yml by hand")
        }
    }

    // MARK: Sequences

    /// The items of the block sequence that is `entry`'s value (none when it is null or `[]`).
    func sequenceItems(of entry: YAMLMappingEntry, path: String) throws(EditError) -> [YAMLSequenceItem] {
        if entry.value.isEmptyFlowSequence { return [] }
        try requireBlockValue(entry, path: path, expected: "a block list (`- ` items on the lines below)")
        guard let first = entry.valueLines.first(where: { lines[$0].isContent }) else { return [] }
        let dashColumn = lines[first].indentation
        guard dashColumn >= entry.keyColumn, lines[first].isSequenceEntry(at: dashColumn) else {
            throw EditError("`\(path)` (line \(entry.line + 1)) should be a list of `- ` items but is not; edit config.yml by hand")
        }
        var starts: [Int] = []
        for index in first..<entry.valueLines.upperBound where lines[index].isContent {
            let indentation = lines[index].indentation
            guard indentation >= dashColumn, indentation > dashColumn || lines[index].isSequenceEntry(at: dashColumn) else {
                throw EditError("line \(index + 1) in \(path) is not a `- ` item lt-setup can read; edit config.yml by hand")
            }
            if indentation == dashColumn { starts.append(index) }
        }
        return starts.enumerated().map { position, start in
            let next = position + 1 < starts.count ? starts[position + 1] : entry.valueLines.upperBound
            let last = (start..<next).last(where: { lines[$0].isContent }) ?? start
            return YAMLSequenceItem(lines: start..<(last + 1), dashColumn: dashColumn)
        }
    }

    /// The mapping an item holds, whether its first key follows the dash (`- key: v`) or the
    /// dash line holds nothing but a comment and the keys start on the next line.
    func mapping(of item: YAMLSequenceItem, path: String) throws(EditError) -> YAMLBlock {
        let dashLine = item.lines.lowerBound
        let characters = Array(lines[dashLine].text)
        let afterDash = YAMLSyntax.skipWhitespace(characters, from: item.dashColumn + 1)
        if afterDash == characters.count || characters[afterDash] == "#" {
            guard let first = item.lines.dropFirst().first(where: { lines[$0].isContent }) else {
                throw EditError("\(path) (line \(dashLine + 1)) is empty; remove it or fill it in, then run lt-setup again")
            }
            return YAMLBlock(lines: first..<item.lines.upperBound, indentation: lines[first].indentation, firstKeyOnFirstLine: false)
        }
        guard YAMLMappingEntry.parse(lines[dashLine].text, at: afterDash, line: dashLine) != nil else {
            throw EditError("\(path) (line \(dashLine + 1)) is not a block of `key: value` lines; edit config.yml by hand")
        }
        return YAMLBlock(lines: item.lines, indentation: afterDash, firstKeyOnFirstLine: true)
    }

    // MARK: Anchors and merges

    /// The value of `key` in a mapping, or else in the mapping it merges with `<<: *name`
    /// (and so on down a chain of merges), or nil when neither has the key.
    func mergedEntry(_ key: String, in entries: [YAMLMappingEntry], path: String, depth: Int = 0) throws(EditError) -> YAMLMappingEntry? {
        if let own = try YAMLMappingEntry.single(key, in: entries, path: path) { return own }
        guard let merge = try YAMLMappingEntry.single("<<", in: entries, path: path) else { return nil }
        guard case .alias(let name) = merge.value.kind, depth < 8 else {
            throw EditError("\(path) merges `<<:` in a form lt-setup cannot follow (line \(merge.line + 1)); it reads only a single `<<: *name`. Set `\(key)` in \(path) itself and run lt-setup again")
        }
        guard let anchored = try anchoredMapping(named: name, before: merge.line) else { return nil }
        return try mergedEntry(key, in: self.entries(of: anchored, path: "&\(name)"), path: "&\(name)", depth: depth + 1)
    }

    /// The mapping anchored as `&name` by the last `key: &name` line before `line` (an alias
    /// refers to the latest definition before it), or nil when that mapping is empty.
    private func anchoredMapping(named name: String, before line: Int) throws(EditError) -> YAMLBlock? {
        for index in stride(from: line - 1, through: 0, by: -1) where lines[index].isContent {
            guard var entry = entryAnywhere(onLine: index), entry.value.kind == .anchor(name) else { continue }
            entry.valueLines = valueLines(after: index, keyColumn: entry.keyColumn, value: entry.value, limit: lines.count)
            return try mapping(of: entry, path: "&\(name)")
        }
        throw EditError("line \(line + 1) merges `*\(name)`, but no mapping is anchored as `&\(name)` before it; fix config.yml by hand")
    }

    /// The key entry on a line, looking past any `- ` sequence dashes in front of it.
    private func entryAnywhere(onLine index: Int) -> YAMLMappingEntry? {
        let characters = Array(lines[index].text)
        var column = lines[index].indentation
        while lines[index].isSequenceEntry(at: column) {
            column = YAMLSyntax.skipWhitespace(characters, from: column + 1)
        }
        return YAMLMappingEntry.parse(lines[index].text, at: column, line: index)
    }
}
