/// The TLS `<listen-socket>` half of the Icecast edit.
extension IcecastConfigEdit {
    /// The splices that leave exactly one way for Icecast to listen with TLS on `port`.
    static func socketSplices(_ document: CommentedXML, root: Int, port: Int) throws(EditError) -> [ByteSplice] {
        let sockets = document.indices(named: "listen-socket")
        let onPort = sockets.filter { listensOn(document, socket: $0, port: port) }
        if let plain = onPort.first(where: { !usesTLS(document, socket: $0) }) {
            let line = document.lineNumber(at: document.elements[plain].openTag.lowerBound)
            throw EditError("port \(port) is already used by a plain (non-TLS) <listen-socket> in icecast.xml "
                + "(line \(line)); pick another icecast_port, or edit icecast.xml to give that socket <ssl>1</ssl>")
        }
        if !onPort.isEmpty { return [] }
        if let comment = commentedTLSSocket(document, root: root, port: port) {
            return uncomment(document, comment)
        }
        guard let last = sockets.last else {
            throw EditError("icecast.xml has no active <listen-socket>, so it is not a usable Icecast "
                + "configuration; restore the packaged icecast.xml or set secure_icecast: false")
        }
        return [newSocket(document, after: last, port: port)]
    }

    /// Whether the socket's (last) `<port>` is `port`.
    static func listensOn(_ document: CommentedXML, socket: Int, port: Int) -> Bool {
        document.childText(of: socket, named: "port").flatMap { Int($0) } == port
    }

    /// Whether the socket's (last) `<ssl>` turns TLS on. Icecast 2.4 reads it with `atoi`
    /// and tests for non-zero, so any non-zero number counts, not only the usual `1`.
    static func usesTLS(_ document: CommentedXML, socket: Int) -> Bool {
        guard let text = document.childText(of: socket, named: "ssl"), let value = Int(text) else { return false }
        return value != 0
    }

    /// The first comment directly inside the root that holds nothing but one TLS
    /// `<listen-socket>` on `port` — the example Icecast ships for 8443.
    static func commentedTLSSocket(_ document: CommentedXML, root: Int, port: Int) -> Range<Int>? {
        document.comments.first { comment in
            guard document.innermostElement(containing: comment.lowerBound) == root else { return false }
            let inside = (comment.lowerBound + 4)..<(comment.upperBound - 3)
            guard case .success(let body) = CommentedXML.scan(document.bytes, in: inside),
                  body.comments.isEmpty,
                  body.elements.filter({ $0.parent == nil }).count == 1,
                  let socket = body.elements.first, socket.name == "listen-socket"
            else { return false }
            let around = [inside.lowerBound..<socket.whole.lowerBound, socket.whole.upperBound..<inside.upperBound]
            return around.allSatisfy(body.isInactive)
                && listensOn(body, socket: 0, port: port) && usesTLS(body, socket: 0)
        }
    }

    /// Removes the markers of `comment`: each with its whole line when it stands alone on
    /// it, as in Icecast's shipped example (the guide deletes those two lines), otherwise
    /// just the marker, keeping the rest of the line.
    static func uncomment(_ document: CommentedXML, _ comment: Range<Int>) -> [ByteSplice] {
        let opener = comment.lowerBound..<(comment.lowerBound + 4)
        let closer = (comment.upperBound - 3)..<comment.upperBound
        return [opener, closer].map { marker in
            guard document.startsLine(marker.lowerBound),
                  let next = document.nextLineStart(after: marker.upperBound),
                  document.bytes[marker.upperBound..<next].allSatisfy(MarkupByte.isSpace)
            else { return .remove(marker) }
            return .remove(document.lineStart(of: marker.lowerBound)..<next)
        }
    }

    /// A new TLS socket after the last active one, indented like it.
    ///
    /// It goes on the lines after the old socket's end tag when the rest of that line is
    /// inactive; otherwise (say `</listen-socket></icecast>` on one line) right after the
    /// end tag, so it never lands inside a comment or outside the root.
    static func newSocket(_ document: CommentedXML, after socket: Int, port: Int) -> ByteSplice {
        let span = document.elements[socket]
        let indent = document.indentation(ofLineAt: span.openTag.lowerBound)
        let childIndent = indent + document.indentUnit
        let lines: [[UInt8]] = [
            indent + Array("<listen-socket>".utf8),
            childIndent + Array("<port>\(port)</port>".utf8),
            childIndent + Array("<ssl>1</ssl>".utf8),
            indent + Array("</listen-socket>".utf8),
        ]
        let newline = document.newline
        let end = span.whole.upperBound
        if let next = document.nextLineStart(after: end), document.isInactive(end..<next),
           !document.isInComment(next) || document.comments.contains(where: { $0.lowerBound == next }) {
            return .insert(lines.flatMap { $0 + newline }, at: next)
        }
        return .insert(lines.flatMap { newline + $0 }, at: end)
    }
}
