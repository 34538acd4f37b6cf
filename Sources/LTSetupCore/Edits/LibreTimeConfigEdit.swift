/// Edits LibreTime's `/etc/libretime/config.yml` so that LibreTime announces its HTTPS
/// addresses.
///
/// The file is edited line by line, by its block structure, never re-serialised: it is the
/// operator's file (comments, anchors, key order) and LibreTime's installer writes it with
/// a YAML anchor that a YAML round trip would expand.
public enum LibreTimeConfigEdit {
    /// The mount points of the enabled Icecast outputs, in order (`main`), for the stream
    /// URLs the wizard shows. Found by the same rules the edit uses (anchors merged,
    /// LibreTime's defaults), by planning the edit with a marker base and reading it back.
    public static func enabledIcecastMounts(in yaml: String) -> [String] {
        let marker = "https://lt-setup-mount.invalid/"
        guard case .success(let marked) = setPublicURLs(in: yaml, siteURL: "https://lt-setup.invalid",
                                                         icecastStreamBase: String(marker.dropLast())) else { return [] }
        return marked.split(separator: "\n").compactMap { line in
            guard let range = line.firstRange(of: marker) else { return nil }
            let mount = line[range.upperBound...].prefix { !$0.isWhitespace }
            return mount.isEmpty ? nil : String(mount)
        }
    }

    /// Sets general.public_url to `siteURL` (keeping any path the old value had) and, when
    /// `icecastStreamBase` is given (e.g. "https://radio.example.org:8443"), sets the public_url of each
    /// ENABLED output in stream.outputs.icecast to "\(icecastStreamBase)/\(mount)".
    ///
    /// `siteURL` and `icecastStreamBase` must already be validated URLs made of URL-safe
    /// characters: they are written as plain YAML scalars. Applying the edit to its own
    /// result changes nothing. Fails, with what to do, on files it cannot edit safely:
    /// no `general:`, flow-style sections, several documents, tab indentation, unsafe mounts.
    public static func setPublicURLs(in yaml: String, siteURL: String, icecastStreamBase: String?) -> Result<String, EditError> {
        Result { () throws(EditError) -> String in
            let document = try YAMLBlockDocument(yaml)
            var edits = YAMLLineEdits()
            try planGeneralPublicURL(in: document, siteURL: siteURL, edits: &edits)
            if let icecastStreamBase {
                try IcecastOutputsEdit.planPublicURLs(in: document, base: icecastStreamBase, edits: &edits)
            }
            return edits.applied(to: document.lines)
        }
    }

    /// Plans general.public_url, replacing its value or inserting it as general's first entry.
    private static func planGeneralPublicURL(in document: YAMLBlockDocument, siteURL: String, edits: inout YAMLLineEdits) throws(EditError) {
        guard let root = document.root, let general = try document.entry(named: "general", of: root, path: "the top level") else {
            throw EditError("config.yml has no top-level `general:` section, which LibreTime requires; check that this is LibreTime's config.yml, or add `general:` with `  public_url: \(siteURL)` by hand")
        }
        let block = try document.mapping(of: general, path: "general")
        if let block, let existing = try document.entry(named: "public_url", of: block, path: "general") {
            let oldPath: String? = if case .text(let old) = existing.scalar { pathOf(url: old) } else { nil }
            try edits.replaceValue(of: existing, with: joined(siteURL, path: oldPath), in: document.lines, path: "general.public_url")
        } else {
            // Same indentation as general's other entries; two spaces when it has none.
            let indentation = block?.indentation ?? general.keyColumn + 2
            edits.insert(String(repeating: " ", count: indentation) + "public_url: " + siteURL, after: general.line)
        }
    }

    /// `siteURL` followed by the old URL's path, so that a LibreTime served under a path
    /// (e.g. `/radio`) keeps being reached there.
    private static func joined(_ siteURL: String, path: String?) -> String {
        guard let path, path != "/" else { return siteURL }
        return (siteURL.hasSuffix("/") ? String(siteURL.dropLast()) : siteURL) + path
    }

    /// The path of `scheme://authority/path?query#fragment`, or nil when the text is not such
    /// a URL or has no path.
    static func pathOf(url: String) -> String? {
        guard let schemeEnd = url.firstRange(of: "://") else { return nil }
        let afterScheme = url[schemeEnd.upperBound...]
        guard let pathStart = afterScheme.firstIndex(where: { "/?#".contains($0) }),
              afterScheme[pathStart] == "/" else { return nil }
        let path = afterScheme[pathStart...].prefix(while: { $0 != "?" && $0 != "#" })
        return String(path)
    }
}
