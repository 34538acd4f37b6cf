import LTSetupCore

/// The preview: the files to create, change or remove, and the selected one's content or
/// diff; or the plan's steps with their commands.
extension Wizard {
    static func drawPreview(_ screen: inout Screen, _ state: AppState) {
        let g = state.glyphs
        let layout = PreviewLayout(state)
        screen.put("Nothing has been changed yet. This is what lt-setup will do.",
                   at: Position(column: layout.notice.x + 2, row: layout.notice.y), width: layout.notice.width - 4,
                   Style(.accent, bold: true), glyphs: g)
        drawTabs(&screen, state, layout.tabs)
        screen.rule(Rect(x: layout.tabs.x, y: layout.tabs.bottom, width: layout.tabs.width, height: 1), glyphs: g)
        switch state.preview.tab {
        case .files: drawFiles(&screen, state, layout)
        case .steps: drawPlanSteps(&screen, state, layout.content)
        }
    }

    static func drawTabs(_ screen: inout Screen, _ state: AppState, _ rect: Rect) {
        let g = state.glyphs
        let tabs: [(PreviewTab, String)] = [
            (.files, "Files (\(state.preview.files.count))"),
            (.steps, "Steps (\(state.plan?.steps.count ?? 0))"),
        ]
        var column = rect.x + 2
        for (tab, label) in tabs {
            let start = column
            column = screen.put("  \(label) ", at: Position(column: column, row: rect.y), Style(bold: tab == state.preview.tab))
            if tab == state.preview.tab { screen.select(row: rect.y, from: start, to: column, glyphs: g) }
            column += 2
        }
        screen.putRight("Tab switches", row: rect.y, right: rect.right - 2, Style(.muted))
    }

    static func drawFiles(_ screen: inout Screen, _ state: AppState, _ layout: PreviewLayout) {
        let g = state.glyphs
        let preview = state.preview
        guard let file = preview.file else {
            screen.put("The plan writes no file: every step is already done or skipped.",
                       at: Position(column: layout.content.x + 2, row: layout.content.y), Style(.muted))
            return
        }
        let top = max(0, preview.selectedFile - layout.list.height + 1)
        for (offset, index) in (top..<min(preview.files.count, top + layout.list.height)).enumerated() {
            let row = layout.list.y + offset
            let item = preview.files[index]
            screen.put(TextFit.pad(item.change.marker, 8), at: Position(column: layout.list.x + 3, row: row),
                       Style(markerRole(item.change), bold: true))
            let detail = fileDetail(item, g)
            let pathWidth = layout.list.width - 16 - DisplayWidth.of(detail)
            screen.put(item.path, at: Position(column: layout.list.x + 12, row: row), width: pathWidth, glyphs: g)
            screen.putRight(detail, row: row, right: layout.list.right - 2, Style(.muted))
            if index == preview.selectedFile { screen.select(row: row, from: layout.list.x + 1, to: layout.list.right - 1, glyphs: g) }
        }
        let lines = previewContent(file, width: layout.content.width - 8)
        let shown = lines.isEmpty ? "" : "lines \(preview.contentScroll + 1)-\(min(lines.count, preview.contentScroll + layout.content.height)) of \(lines.count)"
        let title = [ServerPath.fileName(of: file.path), file.change.marker, file.permissions].compactMap { $0 }
            .joined(separator: " \(g.bullet) ")
        screen.rule(layout.header, title: title, note: shown, glyphs: g)
        drawContent(&screen, lines, from: preview.contentScroll, in: layout.content, g)
    }

    /// The words on the right of a file's row.
    static func fileDetail(_ file: PreviewFile, _ g: Glyphs) -> String {
        switch file.change {
        case .new: "\(file.added) lines"
        case .changed: "+\(file.added) -\(file.removed)"
        case .link(let target): "\(g.arrow) \(ServerPath.fileName(of: target))"
        case .built: "at run time"
        case .unchanged, .removed: ""
        }
    }

    static func markerRole(_ change: PreviewChange) -> Role {
        switch change {
        case .new, .link, .built: .added
        case .changed: .warning
        case .removed: .removed
        case .unchanged: .muted
        }
    }

    /// The content pane's lines: notes wrapped to the width, file and diff lines as they are.
    static func previewContent(_ file: PreviewFile, width: Int) -> [PreviewLine] {
        file.lines.flatMap { line -> [PreviewLine] in
            guard line.kind == .note else { return [line] }
            return TextFit.wrap(line.text, max(1, width)).map { PreviewLine($0, .note) }
        }
    }

    static func drawContent(_ screen: inout Screen, _ lines: [PreviewLine], from first: Int, in rect: Rect, _ g: Glyphs) {
        var number = lines.prefix(first).filter { $0.kind == .content }.count
        for (offset, line) in lines.dropFirst(first).prefix(rect.height).enumerated() {
            let row = rect.y + offset
            let text: String
            let style: Style
            switch line.kind {
            case .content:
                number += 1
                let digits = String(number)
                text = String(repeating: " ", count: max(0, 4 - digits.count)) + digits + "  " + line.text
                style = .plain
            case .added: (text, style) = ("     " + line.text, Style(.added))
            case .removed: (text, style) = ("     " + line.text, Style(.removed))
            case .context: (text, style) = ("     " + line.text, .plain)
            case .hunk: (text, style) = ("     " + line.text, Style(.accent))
            case .note: (text, style) = ("  " + line.text, Style(.muted))
            }
            screen.put(text, at: Position(column: rect.x + 1, row: row), width: rect.width - 2, style, glyphs: g)
        }
    }
}
