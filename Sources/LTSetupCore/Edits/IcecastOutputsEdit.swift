/// Sets the public URL of each enabled Icecast output in LibreTime's config.yml
/// (`stream.outputs.icecast`, a list of up to three outputs that usually merge a shared
/// `&default_icecast_output` mapping).
enum IcecastOutputsEdit {
    private static let path = "stream.outputs.icecast"

    /// Plans `public_url: <base>/<mount>` for every enabled output. A config without
    /// `stream.outputs.icecast` has no Icecast outputs, so there is nothing to set.
    static func planPublicURLs(in document: YAMLBlockDocument, base: String, edits: inout YAMLLineEdits) throws(EditError) {
        guard let icecast = try icecastEntry(in: document) else { return }
        let items = try document.sequenceItems(of: icecast, path: path)
        for (offset, item) in items.enumerated() {
            try planPublicURL(of: item, position: offset + 1, in: document, base: base, edits: &edits)
        }
    }

    private static func icecastEntry(in document: YAMLBlockDocument) throws(EditError) -> YAMLMappingEntry? {
        guard let root = document.root,
              let stream = try document.entry(named: "stream", of: root, path: "the top level"),
              let streamBlock = try document.mapping(of: stream, path: "stream"),
              let outputs = try document.entry(named: "outputs", of: streamBlock, path: "stream"),
              let outputsBlock = try document.mapping(of: outputs, path: "stream.outputs")
        else { return nil }
        return try document.entry(named: "icecast", of: outputsBlock, path: "stream.outputs")
    }

    private static func planPublicURL(of item: YAMLSequenceItem, position: Int, in document: YAMLBlockDocument,
                                      base: String, edits: inout YAMLLineEdits) throws(EditError) {
        let itemPath = "Icecast output \(position) in \(path)"
        let mapping = try document.mapping(of: item, path: itemPath)
        let entries = try document.entries(of: mapping, path: itemPath)
        // LibreTime's default for `enabled` is false.
        guard let enabled = try document.mergedEntry("enabled", in: entries, path: itemPath),
              try isTrue(enabled, itemPath: itemPath) else { return }
        let mount = try IcecastMount.validated(mountText(document.mergedEntry("mount", in: entries, path: itemPath), itemPath: itemPath),
                                               position: position)
        let url = base + "/" + mount
        // Only the output's own key counts: one in the merged anchor is shared by all outputs.
        if let own = try YAMLMappingEntry.single("public_url", in: entries, path: itemPath) {
            try edits.replaceValue(of: own, with: url, in: document.lines, path: "public_url of \(itemPath)")
        } else {
            let after = insertionLine(item: item, mapping: mapping, entries: entries)
            edits.insert(String(repeating: " ", count: mapping.indentation) + "public_url: " + url, after: after)
        }
    }

    /// Where a missing `public_url` goes: after the output's own `enabled:` line, which
    /// LibreTime's file has just before it, else after the item's first line — or after the
    /// whole first entry when that sits on the `- ` line and spans several lines.
    private static func insertionLine(item: YAMLSequenceItem, mapping: YAMLBlock, entries: [YAMLMappingEntry]) -> Int {
        if let enabled = entries.first(where: { $0.key == "enabled" }) { return enabled.lastLine }
        if mapping.firstKeyOnFirstLine, let first = entries.first { return first.lastLine }
        return item.lines.lowerBound
    }

    /// Reads `enabled` the way LibreTime does: YAML 1.1 booleans, whatever their case.
    private static func isTrue(_ entry: YAMLMappingEntry, itemPath: String) throws(EditError) -> Bool {
        if case .text(let text) = entry.scalar {
            switch text.lowercased() {
            case "true", "yes", "on": return true
            case "false", "no", "off": return false
            default: break
            }
        }
        throw EditError("`enabled` of \(itemPath) (line \(entry.line + 1)) must be true or false; fix it and run lt-setup again")
    }

    private static func mountText(_ entry: YAMLMappingEntry?, itemPath: String) throws(EditError) -> String {
        guard let entry else {
            throw EditError("\(itemPath) is enabled but has no `mount:`; add the Icecast mount it streams to and run lt-setup again")
        }
        switch entry.scalar {
        case .text(let text): return text
        case .null:
            throw EditError("\(itemPath) is enabled but its `mount:` (line \(entry.line + 1)) is empty; set the Icecast mount it streams to and run lt-setup again")
        case .notAScalar:
            throw EditError("`mount` of \(itemPath) (line \(entry.line + 1)) is not a one-line value lt-setup can read; edit config.yml by hand")
        }
    }
}
