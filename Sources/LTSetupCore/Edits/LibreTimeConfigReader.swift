/// What verification reads back from LibreTime's `config.yml`.
public struct LibreTimeSettings: Sendable, Equatable {
    /// `general.public_url`; nil when absent or empty.
    public let publicURL: String?
    /// `stream.outputs.icecast`, in order.
    public let icecastOutputs: [IcecastOutput]

    public init(publicURL: String?, icecastOutputs: [IcecastOutput]) {
        self.publicURL = publicURL
        self.icecastOutputs = icecastOutputs
    }
}

/// One item of `stream.outputs.icecast`, with the values it merges from its anchor.
public struct IcecastOutput: Sendable, Equatable {
    /// 1-based position in the list.
    public let position: Int
    public let enabled: Bool
    /// The mount without a leading `/`; nil when missing or empty.
    public let mount: String?
    /// nil when missing or empty (LibreTime then derives it from general.public_url).
    public let publicURL: String?

    public init(position: Int, enabled: Bool, mount: String?, publicURL: String?) {
        self.position = position
        self.enabled = enabled
        self.mount = mount
        self.publicURL = publicURL
    }
}

/// Reads the values lt-setup sets in `config.yml`, with the same line-by-line reader its
/// edits use, so that what is checked is what was written: anchors merged (`<<: *name`) as
/// LibreTime merges them.
public enum LibreTimeConfigReader {
    public static func read(_ yaml: String) -> Result<LibreTimeSettings, EditError> {
        Result { () throws(EditError) -> LibreTimeSettings in
            let document = try YAMLBlockDocument(yaml)
            guard let root = document.root else { return LibreTimeSettings(publicURL: nil, icecastOutputs: []) }
            var publicURL: String?
            if let general = try document.entry(named: "general", of: root, path: "the top level"),
               let block = try document.mapping(of: general, path: "general") {
                publicURL = try text(document.entry(named: "public_url", of: block, path: "general"))
            }
            return LibreTimeSettings(publicURL: publicURL, icecastOutputs: try outputs(document, root: root))
        }
    }

    private static func outputs(_ document: YAMLBlockDocument, root: YAMLBlock) throws(EditError) -> [IcecastOutput] {
        guard let stream = try document.entry(named: "stream", of: root, path: "the top level"),
              let streamBlock = try document.mapping(of: stream, path: "stream"),
              let outputs = try document.entry(named: "outputs", of: streamBlock, path: "stream"),
              let outputsBlock = try document.mapping(of: outputs, path: "stream.outputs"),
              let icecast = try document.entry(named: "icecast", of: outputsBlock, path: "stream.outputs")
        else { return [] }
        var result: [IcecastOutput] = []
        for (offset, item) in try document.sequenceItems(of: icecast, path: "stream.outputs.icecast").enumerated() {
            let path = "Icecast output \(offset + 1) in stream.outputs.icecast"
            let entries = try document.entries(of: document.mapping(of: item, path: path), path: path)
            let enabled = try text(document.mergedEntry("enabled", in: entries, path: path))?.lowercased()
            var mount = try text(document.mergedEntry("mount", in: entries, path: path))
            if let raw = mount, raw.hasPrefix("/") { mount = String(raw.dropFirst()) }
            result.append(IcecastOutput(
                position: offset + 1,
                enabled: ["true", "yes", "on"].contains(enabled ?? "false"),
                mount: mount,
                publicURL: try text(document.mergedEntry("public_url", in: entries, path: path))))
        }
        return result
    }

    /// A one-line scalar's text; nil for a missing entry, null or empty.
    private static func text(_ entry: YAMLMappingEntry?) -> String? {
        guard let entry, case .text(let text) = entry.scalar, !text.isEmpty else { return nil }
        return text
    }
}
