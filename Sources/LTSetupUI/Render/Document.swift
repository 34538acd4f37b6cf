/// A paragraph of running text: wrapped to the width it is drawn in.
struct Paragraph {
    var text: String
    var indent: Int
    var style: Style
    /// A mark before the first line (`·`); the other lines hang under the text.
    var bullet: String?
    /// How much further than the first the other lines start (under a label's value).
    var hang: Int

    init(_ text: String, indent: Int = 0, _ style: Style = .plain, bullet: String? = nil, hang: Int = 0) {
        self.text = text
        self.indent = indent
        self.style = style
        self.bullet = bullet
        self.hang = hang
    }

    /// `label` padded to `width`, then `value`; a long value wraps under itself.
    static func labelled(_ label: String, _ value: String, width: Int, indent: Int = 2, _ style: Style = .plain) -> Paragraph {
        Paragraph(TextFit.pad(label, width) + value, indent: indent, style, hang: width)
    }

    static let blank = Paragraph("")
}

/// One wrapped line, ready to put.
struct PlacedLine {
    var text: String
    var column: Int
    var style: Style
}

/// Paragraphs laid out as lines, and drawn into a rectangle.
enum Document {
    static func lines(_ paragraphs: [Paragraph], width: Int) -> [PlacedLine] {
        paragraphs.flatMap { paragraph -> [PlacedLine] in
            let hang = paragraph.bullet.map { DisplayWidth.of($0) + 1 } ?? paragraph.hang
            let wrapped = paragraph.text.isEmpty ? [""] : wrap(paragraph, width: width, hang: hang)
            return wrapped.enumerated().map { index, line in
                if index == 0, let bullet = paragraph.bullet {
                    return PlacedLine(text: bullet + " " + line, column: paragraph.indent, style: paragraph.style)
                }
                return PlacedLine(text: line, column: paragraph.indent + (index == 0 ? 0 : hang), style: paragraph.style)
            }
        }
    }

    /// The first line takes the whole width; the others are `hang` narrower.
    static func wrap(_ paragraph: Paragraph, width: Int, hang: Int) -> [String] {
        let bulletWidth = paragraph.bullet.map { DisplayWidth.of($0) + 1 } ?? 0
        let first = max(1, width - paragraph.indent - bulletWidth)
        let lines = TextFit.wrap(paragraph.text, first)
        guard lines.count > 1, hang > bulletWidth else { return lines }
        let head = lines[0]
        let rest = String(paragraph.text.dropFirst(head.count)).drop { $0 == " " }
        return [head] + TextFit.wrap(String(rest), max(1, width - paragraph.indent - hang))
    }

    /// Draws the paragraphs from the top of `rect`; returns the rows used.
    @discardableResult
    static func draw(_ paragraphs: [Paragraph], in rect: Rect, on screen: inout Screen) -> Int {
        let placed = lines(paragraphs, width: rect.width)
        for (index, line) in placed.prefix(rect.height).enumerated() {
            screen.put(line.text, at: Position(column: rect.x + line.column, row: rect.y + index), line.style,
                       limit: rect.width - line.column)
        }
        return min(placed.count, rect.height)
    }
}
