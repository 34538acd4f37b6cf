/// The `<ssl-certificate>` half of the Icecast edit.
extension IcecastConfigEdit {
    /// The splices that make the root's `<paths>` name `path` as the TLS certificate.
    static func certificateSplices(_ document: CommentedXML, root: Int, path: [UInt8]) throws(EditError) -> [ByteSplice] {
        guard let paths = document.children(of: root, named: "paths").first else {
            throw EditError("icecast.xml has no active <paths> element, so lt-setup cannot tell where "
                + "<ssl-certificate> goes; restore the packaged icecast.xml or set secure_icecast: false")
        }
        let certificates = document.children(of: paths, named: "ssl-certificate")
        if certificates.isEmpty {
            return [newCertificate(document, in: paths, path: path)]
        }
        // Icecast keeps the last one, but leaving an older path in an earlier one would
        // mislead whoever reads the file next, so every active one is set.
        return certificates.compactMap { setCertificate(document, $0, path: path) }
    }

    /// Sets one `<ssl-certificate>` to `path`, or nil when it already says exactly that.
    static func setCertificate(_ document: CommentedXML, _ certificate: Int, path: [UInt8]) -> ByteSplice? {
        let span = document.elements[certificate]
        guard span.closeTag != nil else {
            return ByteSplice(span.whole, with: element(path))
        }
        if document.bytes[span.content].elementsEqual(path) { return nil }
        return ByteSplice(span.content, with: path)
    }

    /// A new `<ssl-certificate>` as the last child of `<paths>`: on its own line before the
    /// `</paths>` line, indented like the last child that starts a line (or one level deeper
    /// than `</paths>`), as the guide shows; inline when `</paths>` does not start its line.
    static func newCertificate(_ document: CommentedXML, in paths: Int, path: [UInt8]) -> ByteSplice {
        let span = document.elements[paths]
        guard let closeTag = span.closeTag else {
            // `<paths/>`: turn the `/>` into `>…</paths>`, keeping any attributes.
            let slash = span.openTag.upperBound - 2
            return ByteSplice(slash..<span.openTag.upperBound,
                              with: Array(">".utf8) + element(path) + Array("</paths>".utf8))
        }
        guard document.startsLine(closeTag.lowerBound) else {
            return .insert(element(path), at: closeTag.lowerBound)
        }
        let children = document.elements.indices.filter {
            document.elements[$0].parent == paths && document.startsLine(document.elements[$0].openTag.lowerBound)
        }
        let indent = children.last.map { document.indentation(ofLineAt: document.elements[$0].openTag.lowerBound) }
            ?? document.indentation(ofLineAt: closeTag.lowerBound) + document.indentUnit
        return .insert(indent + element(path) + document.newline, at: document.lineStart(of: closeTag.lowerBound))
    }

    /// `<ssl-certificate>path</ssl-certificate>`.
    static func element(_ path: [UInt8]) -> [UInt8] {
        Array("<ssl-certificate>".utf8) + path + Array("</ssl-certificate>".utf8)
    }
}
