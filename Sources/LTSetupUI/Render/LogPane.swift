/// The log pane's rows: a step's kept lines wrapped to the pane, so that a long line (the
/// one that says why certbot failed) is read whole. The scroll counts lines up from the
/// newest; the pane ends with that line, or starts at the first line when the lines above
/// would not fill it.
enum LogPane {
    struct View {
        var rows: [PlacedLine]
        /// The kept lines shown, by index in the ring.
        var lines: ClosedRange<Int>?
    }

    static func rows(of line: LogLine, width: Int, _ glyphs: Glyphs) -> [PlacedLine] {
        let paragraph: Paragraph
        switch line.kind {
        case .action: paragraph = Paragraph(line.text, Style(.accent, bold: true), bullet: glyphs.running)
        case .output: paragraph = Paragraph(line.text)
        case .note: paragraph = Paragraph(line.text, Style(.muted))
        }
        return Document.lines([paragraph], width: width)
    }

    static func view(_ log: LogRing, scroll: Int, width: Int, height: Int, _ glyphs: Glyphs) -> View {
        guard !log.isEmpty, height > 0 else { return View(rows: [], lines: nil) }
        let end = max(0, log.count - 1 - scroll)
        var rows: [PlacedLine] = []
        var first = end
        while first >= 0, rows.count < height {
            rows = self.rows(of: log[first], width: width, glyphs) + rows
            first -= 1
        }
        if rows.count >= height { return View(rows: Array(rows.suffix(height)), lines: (first + 1)...end) }
        // Near the top: the first line at the top, and the pane filled downwards.
        var last = end
        while rows.count < height, last + 1 < log.count {
            last += 1
            rows += self.rows(of: log[last], width: width, glyphs)
        }
        return View(rows: Array(rows.prefix(height)), lines: 0...last)
    }

    /// The largest scroll that still changes the view: beyond it the first line is at the
    /// top already.
    static func maximumScroll(_ log: LogRing, width: Int, height: Int, _ glyphs: Glyphs) -> Int {
        var used = 0
        var index = 0
        while index < log.count {
            used += rows(of: log[index], width: width, glyphs).count
            if used >= height { break }
            index += 1
        }
        return max(0, log.count - 1 - min(index, log.count - 1))
    }
}
