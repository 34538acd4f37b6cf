/// Edits Icecast 2.4's `icecast.xml` the way LibreTime's reverse-proxy guide does by hand.
///
/// The file comes in more than one layout (Debian's package default, LibreTime installer's),
/// so the edit works on structure — active elements versus commented-out examples — and
/// keeps every byte it does not need to change.
public enum IcecastConfigEdit {
    /// Returns icecast.xml with a TLS <listen-socket> on `port` enabled and <ssl-certificate> in <paths> set to `certificatePath`.
    ///
    /// The socket is, in order of preference: an active TLS socket on `port` already there
    /// (nothing to do), the shipped commented-out example uncommented, or a new socket after
    /// the last active one. Running it again on its own output changes nothing.
    /// `port` and `certificatePath` are validated by the caller and written as they are.
    public static func enableTLS(in xml: String, port: Int, certificatePath: String) -> Result<String, EditError> {
        do throws(EditError) {
            let document = try CommentedXML.scan(Array(xml.utf8)).get()
            let root = try rootElement(of: document)
            try refuseIcecast25(document)
            let splices = try socketSplices(document, root: root, port: port)
                + certificateSplices(document, root: root, path: Array(certificatePath.utf8))
            return .success(String(decoding: document.bytes.applying(splices), as: UTF8.self))
        } catch {
            return .failure(error)
        }
    }

    /// The index of the `<icecast>` root element.
    static func rootElement(of document: CommentedXML) throws(EditError) -> Int {
        let topLevel = document.elements.indices.filter { document.elements[$0].parent == nil }
        guard topLevel.count == 1, let root = topLevel.first, document.elements[root].name == "icecast" else {
            throw EditError("icecast.xml has no <icecast> root element, so it is not an Icecast configuration "
                + "lt-setup can edit; restore the packaged icecast.xml or set secure_icecast: false")
        }
        return root
    }

    /// Refuses Icecast 2.5's TLS syntax: 2.4's settings written next to it would be ignored.
    static func refuseIcecast25(_ document: CommentedXML) throws(EditError) {
        let newSyntax = document.elements.first { $0.name == "tls" || $0.name == "tls-certificate" }
        if let element = newSyntax {
            throw EditError("this looks like Icecast 2.5 configuration (<\(element.name)> on line "
                + "\(document.lineNumber(at: element.openTag.lowerBound))); lt-setup supports Icecast 2.4, "
                + "whose TLS settings are <ssl> and <ssl-certificate>: enable TLS in icecast.xml by hand "
                + "and set secure_icecast: false")
        }
    }
}
