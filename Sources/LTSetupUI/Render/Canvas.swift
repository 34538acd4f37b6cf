/// Drawing helpers on top of `Screen.put`: filled areas, boxes, rules, right-aligned text.
extension Screen {
    /// Blanks `rect` with `style` (a reversed bar, a box's inside).
    mutating func fill(_ rect: Rect, _ style: Style = .plain) {
        let columns = max(0, rect.x)..<max(max(0, rect.x), min(size.columns, rect.right))
        for row in max(0, rect.y)..<max(max(0, rect.y), min(size.rows, rect.bottom)) {
            for column in columns { self[column, row] = Cell(" ", style) }
        }
    }

    /// Writes `text` within `width` columns from `position`, shortened with an ellipsis when
    /// it does not fit. Returns the column after it.
    @discardableResult
    mutating func put(_ text: String, at position: Position, width: Int, _ style: Style = .plain, glyphs: Glyphs) -> Int {
        guard width > 0 else { return position.column }
        return put(TextFit.truncate(text, width, ellipsis: glyphs.ellipsis), at: position, style, limit: width)
    }

    /// Writes `text` so that it ends just before column `right`.
    mutating func putRight(_ text: String, row: Int, right: Int, _ style: Style = .plain) {
        put(text, at: Position(column: right - DisplayWidth.of(text), row: row), style)
    }

    /// A frame around `rect`, with an optional title in its top border.
    mutating func box(_ rect: Rect, title: String? = nil, glyphs: Glyphs, _ style: Style = .plain) {
        guard rect.width >= 2, rect.height >= 2 else { return }
        let inner = String(repeating: glyphs.horizontal, count: rect.width - 2)
        put(glyphs.topLeft + inner + glyphs.topRight, at: Position(column: rect.x, row: rect.y), style)
        for row in (rect.y + 1)..<(rect.bottom - 1) {
            put(glyphs.vertical, at: Position(column: rect.x, row: row), style)
            put(glyphs.vertical, at: Position(column: rect.right - 1, row: row), style)
        }
        put(glyphs.bottomLeft + inner + glyphs.bottomRight, at: Position(column: rect.x, row: rect.bottom - 1), style)
        if let title {
            put(" \(title) ", at: Position(column: rect.x + 2, row: rect.y), width: rect.width - 4, Style(.title, bold: true), glyphs: glyphs)
        }
    }

    /// A horizontal rule across `rect`'s first row, with a title on the left and a note on
    /// the right: `── Log: step 5 ───────── following ──`.
    mutating func rule(_ rect: Rect, title: String? = nil, note: String? = nil, glyphs: Glyphs) {
        guard rect.height > 0, rect.width > 0 else { return }
        let line = String(repeating: glyphs.horizontal, count: rect.width)
        put(line, at: Position(column: rect.x, row: rect.y), Style(.muted), limit: rect.width)
        // The note is short and says something live (following, lines shown): it keeps its
        // room, and the title is shortened instead.
        let noteText = note.map { " " + TextFit.truncate($0, max(0, rect.width / 2), ellipsis: glyphs.ellipsis) + " " }
        let noteWidth = noteText.map { DisplayWidth.of($0) + 1 } ?? 0
        if let title {
            put(" \(title) ", at: Position(column: rect.x + 2, row: rect.y), width: rect.width - 4 - noteWidth,
                Style(.title, bold: true), glyphs: glyphs)
        }
        if let noteText { putRight(noteText, row: rect.y, right: rect.right - 2, Style(.muted)) }
    }

    /// Marks a selected row: the selection glyph before it and the row reversed, so the
    /// selection shows without colour too.
    mutating func select(row: Int, from start: Int, to end: Int, glyphs: Glyphs) {
        guard row >= 0, row < size.rows else { return }
        put(glyphs.selection, at: Position(column: start, row: row), Style(.accent, bold: true, reverse: true))
        for column in max(0, start)..<max(max(0, start), min(size.columns, end)) {
            var style = self[column, row].style
            style.reverse = true
            self[column, row].style = style
        }
    }
}
