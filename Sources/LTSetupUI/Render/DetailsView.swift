import LTSetupCore

/// The details form, in a box: each field on its row, its error or hint below it.
extension Wizard {
    /// One row of the form.
    enum DetailsRow: Equatable {
        case blank
        case field(DetailsField)
        case note(String, Style)
        /// Text from the label column.
        case wide(String, Style)
    }

    /// Where the form's columns start, from the box's inner left edge.
    static let labelOffset = 2, valueOffset = 19

    static func drawDetails(_ screen: inout Screen, _ state: AppState, _ body: Rect) {
        let g = state.glyphs
        let box = Rect(x: body.x + 1, y: body.y, width: body.width - 2, height: body.height)
        screen.box(box, title: "Station details", glyphs: g)
        let inner = Rect(x: box.x + 2, y: box.y + 1, width: box.width - 4, height: box.height - 2)
        let rows = detailsRows(state, noteWidth: inner.width - valueOffset)
        let top = detailsScroll(rows, focus: state.details.focus, height: inner.height)
        for (offset, row) in rows.dropFirst(top).prefix(inner.height).enumerated() {
            let y = inner.y + offset
            switch row {
            case .blank: break
            case .note(let text, let style):
                screen.put(text, at: Position(column: inner.x + valueOffset, row: y), style, limit: inner.width - valueOffset)
            case .wide(let text, let style):
                screen.put(text, at: Position(column: inner.x + labelOffset, row: y), style, limit: inner.width - labelOffset)
            case .field(let field):
                drawField(&screen, field, state, Rect(x: inner.x, y: y, width: inner.width, height: 1))
            }
        }
    }

    static func detailsRows(_ state: AppState, noteWidth: Int) -> [DetailsRow] {
        let form = state.details
        let g = state.glyphs
        let saving = state.previewRoot == nil ? "Answers are saved as you go; nothing on the server is changed yet."
            : "A preview: answers are not saved, and nothing runs."
        var rows: [DetailsRow] = [.wide(saving, Style(.muted)), .blank]
        for field in DetailsField.allCases where form.isVisible(field) {
            if field == .continueButton { rows.append(.blank) }
            rows.append(.field(field))
            if field == .continueButton { break }
            if let error = form.errors[field] {
                let text = "\(g.failed) \(field.label) \(error)"
                rows += TextFit.wrap(text, noteWidth).map { .note($0, Style(.failure)) }
            } else if !form.isEnabled(field) {
                rows.append(.note(field == .icecastPort ? "used only with secure Icecast" : "used only with HTTPS", Style(.muted)))
            } else if field == form.focus {
                // Wrapped, as errors are: a hint cut short loses its example.
                rows += TextFit.wrap(field.hint, noteWidth).map { .note($0, Style(.muted)) }
            } else {
                rows.append(.blank)
            }
        }
        let status = planningParagraphs(state, g)
        if !status.isEmpty {
            rows.append(.blank)
            for line in Document.lines(status, width: noteWidth + valueOffset - labelOffset) {
                rows.append(.wide(line.text, line.style))
            }
        }
        return rows
    }

    /// The first row shown: 0 when the form fits, else enough to show the focused field and
    /// what is under it.
    static func detailsScroll(_ rows: [DetailsRow], focus: DetailsField, height: Int) -> Int {
        guard rows.count > height, let start = rows.firstIndex(of: .field(focus)) else { return 0 }
        var end = start + 1
        while end < rows.count, case .note = rows[end] { end += 1 }
        if focus == .continueButton { end = rows.count }
        return max(0, min(start, end - height))
    }

    static func drawField(_ screen: inout Screen, _ field: DetailsField, _ state: AppState, _ line: Rect) {
        let form = state.details
        let g = state.glyphs
        let enabled = form.isEnabled(field)
        let focused = form.focus == field && state.overlay == nil
        let valueColumn = line.x + valueOffset
        if field == .continueButton {
            screen.put("[ Continue ]", at: Position(column: line.x + labelOffset, row: line.y), Style(.accent, bold: true))
            if focused { screen.select(row: line.y, from: line.x, to: line.x + labelOffset + 12, glyphs: g) }
            return
        }
        screen.put(field.label, at: Position(column: line.x + labelOffset, row: line.y), Style(enabled ? .normal : .muted, bold: focused))
        if focused { screen.select(row: line.y, from: line.x, to: line.x + valueOffset - 2, glyphs: g) }
        let style = Style(enabled ? .normal : .muted)
        let at = Position(column: valueColumn, row: line.y)
        switch field.kind {
        case .text:
            guard let text = form.text(field) else { return }
            let width = min(48, line.right - valueColumn - 2)
            let cursor = drawTextField(&screen, text, at: at, width: width, style)
            if focused, state.isEditingText { screen.cursor = cursor }
        case .toggle:
            let on = field == .https ? form.https : form.secureIcecast
            screen.put(on ? "\(g.on) on" : "\(g.off) off", at: at, Style(enabled ? .normal : .muted, bold: on && enabled))
        case .choice:
            var column = valueColumn
            for option in ACMEChoice.allCases {
                let mark = option == form.acme ? g.radioOn : g.radioOff
                column = screen.put("\(mark) \(option.label)", at: Position(column: column, row: line.y),
                                    Style(enabled ? .normal : .muted, bold: option == form.acme && enabled)) + 2
            }
        case .button:
            break
        }
    }

    /// `[value   ]` with the value scrolled so the cursor shows; returns the cursor's cell.
    static func drawTextField(_ screen: inout Screen, _ field: TextField, at position: Position, width: Int,
                              _ style: Style) -> Position {
        let room = max(1, width)
        let first = max(0, field.cursor - (room - 1))
        let visible = TextFit.prefix(String(field.characters[first...]), columns: room)
        var input = style
        input.underline = true
        screen.put("[", at: position, style)
        screen.put(TextFit.pad(visible, room), at: Position(column: position.column + 1, row: position.row), input)
        screen.put("]", at: Position(column: position.column + 1 + room, row: position.row), style)
        let beforeCursor = String(field.characters[first..<field.cursor])
        return Position(column: position.column + 1 + DisplayWidth.of(beforeCursor), row: position.row)
    }
}
