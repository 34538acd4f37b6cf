import LTSetupCore

/// The last screen: what changed, where LibreTime and its streams are now, where the
/// backups and logs are, and how to undo.
extension Wizard {
    static func drawDone(_ screen: inout Screen, _ state: AppState, _ body: Rect) {
        let g = state.glyphs
        guard let answers = state.plan?.answers else { return }
        let area = readable(body)
        let top = [Paragraph.blank] + doneHeader(state, answers)
        let bottom = doneFooter(state)
        let topLines = Document.lines(top, width: area.width)
        let bottomLines = Document.lines(bottom, width: area.width)
        let room = max(1, area.height - topLines.count - bottomLines.count)
        // The verification below the changes: at most half the room, the changes shortened
        // to make it fit.
        let checks = verificationLines(state, width: area.width, room: max(2, room / 2))
        let changeRoom = max(1, room - checks.count)
        let changes = Document.lines(changeParagraphs(state, room: changeRoom), width: area.width)
        var row = area.y
        for line in topLines + changes.prefix(changeRoom) + checks + bottomLines where row < area.bottom {
            screen.put(line.text, at: Position(column: area.x + line.column, row: row), line.style, limit: area.width - line.column)
            row += 1
        }
    }

    /// Where LibreTime and its streams are now, and the heading of what changed.
    static func doneHeader(_ state: AppState, _ answers: Answers) -> [Paragraph] {
        let scheme = answers.https ? "https" : "http"
        var top: [Paragraph] = [
            Paragraph("\(state.glyphs.done) LibreTime now answers at \(scheme)://\(answers.domain)/", Style(.success, bold: true)),
            .blank,
        ]
        let streams = streamURLs(state, answers)
        for (index, url) in streams.enumerated() {
            top.append(Paragraph((index == 0 ? "Streams      " : "             ") + url, indent: 2))
        }
        if streams.isEmpty {
            top.append(Paragraph("Streams      unchanged: Icecast still serves plain http on its own port", indent: 2, Style(.muted)))
        }
        return top + [.blank, Paragraph("What changed", Style(bold: true))]
    }

    /// Where the backups and logs are, and how to undo.
    static func doneFooter(_ state: AppState) -> [Paragraph] {
        [
            .blank,
            Paragraph("Backups      \(state.locations.backupDirectory)", indent: 2),
            Paragraph("Logs         \(state.locations.logDirectory)", indent: 2),
            Paragraph("To undo      sudo lt-setup undo   (puts every changed file back)", indent: 2),
        ]
    }

    /// What the wizard prints to the shell as it leaves the Done screen, so that it stays in
    /// the scrollback: the Done screen's facts, every change listed; nil on any other screen.
    public static func farewell(_ state: AppState, width: Int = 80) -> String? {
        guard state.screen == .done, let answers = state.plan?.answers else { return nil }
        let paragraphs = doneHeader(state, answers) + changeParagraphs(state, room: Int.max) + doneFooter(state)
        return Document.lines(paragraphs, width: width - 2)
            .map { String(repeating: " ", count: $0.column) + $0.text }
            .joined(separator: "\n")
    }

    /// The stream URLs, https://DOMAIN:PORT/MOUNT, when Icecast's TLS socket was set up.
    static func streamURLs(_ state: AppState, _ answers: Answers) -> [String] {
        guard answers.https, answers.secureIcecast,
              let step = state.run.steps.first(where: { $0.id == .icecastTLS }),
              case .finished(let outcome, _) = step.progress, outcome == .done || outcome == .alreadyDone else { return [] }
        let base = "https://\(answers.domain):\(answers.icecastPort)/"
        return state.streamMounts.isEmpty ? [base] : state.streamMounts.map { base + $0 }
    }

    /// One line per step that did something, then the already done and skipped ones in
    /// short; at most `room` lines.
    static func changeParagraphs(_ state: AppState, room: Int) -> [Paragraph] {
        let g = state.glyphs
        var changed: [Paragraph] = []
        var alreadyDone = 0
        var skipped: [Paragraph] = []
        for step in state.run.steps {
            guard case .finished(let outcome, _) = step.progress else { continue }
            switch outcome {
            case .done: changed.append(Paragraph("\(g.done) \(step.title)", indent: 2))
            case .alreadyDone: alreadyDone += 1
            case .skipped(let reason): skipped.append(Paragraph("\(g.skipped) skipped: \(step.title) (\(reason))", indent: 2, Style(.warning)))
            default: break
            }
        }
        var summary: [Paragraph] = skipped
        if alreadyDone > 0 {
            summary.append(Paragraph("\(g.done) \(alreadyDone) step\(alreadyDone == 1 ? " was" : "s were") already done", indent: 2, Style(.muted)))
        }
        if changed.count + summary.count > room {
            let keep = max(0, room - summary.count - 1)
            let more = changed.count - keep
            changed = Array(changed.prefix(keep)) + [Paragraph("\(g.ellipsis) and \(more) more (see the logs)", indent: 2, Style(.muted))]
        }
        return changed + summary
    }

    /// The verification, compact: a blank and its heading, then failures and warnings with
    /// what to do, then the passed checks, one line each; at most `room` lines, the passed
    /// ones counted when they do not fit.
    static func verificationLines(_ state: AppState, width: Int, room: Int) -> [PlacedLine] {
        let g = state.glyphs
        let heading: [Paragraph] = [.blank, Paragraph("Verification", Style(bold: true))]
        guard let checks = state.verification.checks else {
            guard state.verification == .checking else { return [] }
            return Document.lines(heading + [Paragraph("Checking\(g.ellipsis)", indent: 2, Style(.muted))], width: width)
        }
        var lines = Document.lines(heading, width: width)
        let problems = checks.filter { !$0.result.isPassed }
        for check in problems {
            var text = "\(check.title): \(check.result.seen)"
            if check.result.isFailed, let fix = check.result.fix { text += " \(g.arrow) \(fix)" }
            lines += Document.lines([Paragraph(text, indent: 2, checkStyle(check.result), bullet: checkMark(check.result, g))],
                                    width: width)
        }
        lines = Array(lines.prefix(max(room, 3)))
        let passed = checks.filter(\.result.isPassed)
        let left = room - lines.count
        if passed.count <= left {
            for check in passed {
                let line = TextFit.truncate("\(g.done) \(check.title): \(check.result.seen)", width - 2, ellipsis: g.ellipsis)
                lines.append(PlacedLine(text: line, column: 2, style: Style(.success)))
            }
        } else if !passed.isEmpty {
            let shown = max(0, left - 1)
            for check in passed.prefix(shown) {
                let line = TextFit.truncate("\(g.done) \(check.title): \(check.result.seen)", width - 2, ellipsis: g.ellipsis)
                lines.append(PlacedLine(text: line, column: 2, style: Style(.success)))
            }
            let rest = passed.count - shown
            lines.append(PlacedLine(text: "\(g.done) \(shown > 0 ? "and \(rest) more" : "\(rest) checks") passed (sudo lt-setup verify shows them)",
                                    column: 2, style: Style(.success)))
        }
        return lines
    }
}
