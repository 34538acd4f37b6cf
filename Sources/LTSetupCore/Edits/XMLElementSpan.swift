/// Where one active XML element sits in a document's bytes.
///
/// Edits keep every byte they do not mean to change, so an element is known only by
/// offsets into the original bytes, never by a rebuilt tree.
struct XMLElementSpan: Equatable, Sendable {
    /// The tag name, e.g. `listen-socket`.
    let name: String
    /// The start tag, `<name …>` or `<name …/>`.
    let openTag: Range<Int>
    /// Between the start and end tags; empty, at `openTag.upperBound`, for `<name/>`.
    var content: Range<Int>
    /// The end tag `</name>`, or nil for `<name/>`.
    var closeTag: Range<Int>?
    /// The index of the enclosing element in `CommentedXML.elements`, nil at top level.
    let parent: Int?

    /// From the `<` of the start tag to just after the end tag.
    var whole: Range<Int> {
        openTag.lowerBound..<(closeTag?.upperBound ?? openTag.upperBound)
    }
}
