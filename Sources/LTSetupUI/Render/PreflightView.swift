import LTSetupCore

/// The preflight screen's regions; the update function pages the list by the same sizes.
struct PreflightLayout {
    let header, list, status: Rect

    init(_ state: AppState) {
        let area = Wizard.readable(Frame.body(state))
        header = area.top(3)
        let rest = area.below(3)
        list = rest.top(max(0, rest.height - 2))
        status = rest.below(rest.height - 1)
    }
}

/// The checks before the preview: each with its mark, title and what it saw; warnings and
/// failures with what to do. A failed hard check is said to block, in the status line.
extension Wizard {
    static func drawPreflight(_ screen: inout Screen, _ state: AppState) {
        let g = state.glyphs
        let layout = PreflightLayout(state)
        let domain = state.plan?.answers.domain ?? state.details.domain.text
        Document.draw([
            .blank,
            Paragraph("Is this server ready for \(domain)? Nothing has been changed yet.", Style(bold: true)),
        ], in: layout.header, on: &screen)
        guard let checks = state.preflight.checks else {
            let text = state.preflight == .checking
                ? "Checking\(g.ellipsis)"
                : "Not checked yet: press r to check this server."
            screen.put(text, at: Position(column: layout.list.x, row: layout.list.y), width: layout.list.width,
                       Style(.muted), glyphs: g)
            return
        }
        let lines = preflightLines(state, width: layout.list.width)
        let start = min(state.preflightScroll, max(0, lines.count - layout.list.height))
        for (index, line) in lines.dropFirst(start).prefix(layout.list.height).enumerated() {
            screen.put(line.text, at: Position(column: layout.list.x + line.column, row: layout.list.y + index), line.style,
                       limit: layout.list.width - line.column)
        }
        let hidden = lines.count - start - layout.list.height
        if hidden > 0 {
            screen.putRight("\(g.arrowDown) \(hidden) more line\(hidden == 1 ? "" : "s")", row: layout.list.bottom,
                            right: layout.list.right, Style(.muted))
        }
        let (text, style) = preflightStatus(checks, previewRoot: state.previewRoot, g)
        screen.put(text, at: Position(column: layout.status.x, row: layout.status.y), width: layout.status.width,
                   style, glyphs: g)
    }

    /// What the status line says: ready, ready with advice, or what blocks.
    static func preflightStatus(_ checks: [Check], previewRoot: String?, _ g: Glyphs) -> (String, Style) {
        let blocking = checks.blocking
        if !blocking.isEmpty {
            let ids = blocking.map(\.id.rawValue).joined(separator: ", ")
            if previewRoot != nil {
                return ("\(g.failed) Enter goes on to the preview (nothing runs); blocked for a run by \(ids).",
                        Style(.failure, bold: true))
            }
            return ("\(g.failed) Blocked by \(ids): fix it and press r, or g goes on anyway.",
                    Style(.failure, bold: true))
        }
        let warnings = checks.warnings.count
        if warnings > 0 {
            return ("\(g.done) Ready, with \(warnings) warning\(warnings == 1 ? "" : "s") to read. Enter goes on to the preview.", Style(.warning, bold: true))
        }
        return ("\(g.done) Ready: every check passed. Enter goes on to the preview.", Style(.success, bold: true))
    }

    /// The check list as lines: failures and warnings keep their full text.
    static func preflightLines(_ state: AppState, width: Int) -> [PlacedLine] {
        Document.lines((state.preflight.checks ?? []).flatMap { checkParagraphs($0, state.glyphs) }, width: width)
    }

    /// One check: the mark and title, what was seen, and for a problem what to do.
    static func checkParagraphs(_ check: Check, _ g: Glyphs) -> [Paragraph] {
        var paragraphs = [Paragraph(check.title, checkStyle(check.result, bold: true), bullet: checkMark(check.result, g))]
        switch check.result {
        case .passed(let seen):
            paragraphs.append(Paragraph(seen, indent: 2, Style(.muted)))
        case .warning(let seen, let fix), .failed(let seen, let fix):
            paragraphs.append(Paragraph.labelled("seen", seen, width: 6))
            paragraphs.append(Paragraph.labelled("do", fix, width: 6))
        }
        return paragraphs
    }

    static func checkMark(_ result: CheckResult, _ g: Glyphs) -> String {
        switch result {
        case .passed: g.done
        case .warning: g.warning
        case .failed: g.failed
        }
    }

    static func checkStyle(_ result: CheckResult, bold: Bool = false) -> Style {
        switch result {
        case .passed: Style(.success, bold: bold)
        case .warning: Style(.warning, bold: bold)
        case .failed: Style(.failure, bold: bold)
        }
    }
}
