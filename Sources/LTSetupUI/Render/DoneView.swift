import LTSetupCore

/// The last screen: what changed, where LibreTime and its streams are now, where the
/// backups and logs are, and how to undo.
extension Wizard {
    static func drawDone(_ screen: inout Screen, _ state: AppState, _ body: Rect) {
        let g = state.glyphs
        guard let answers = state.plan?.answers else { return }
        let area = readable(body)
        let scheme = answers.https ? "https" : "http"
        var top: [Paragraph] = [
            .blank,
            Paragraph("\(g.done) LibreTime now answers at \(scheme)://\(answers.domain)/", Style(.success, bold: true)),
            .blank,
        ]
        let streams = streamURLs(state, answers)
        for (index, url) in streams.enumerated() {
            top.append(Paragraph((index == 0 ? "Streams      " : "             ") + url, indent: 2))
        }
        if streams.isEmpty {
            top.append(Paragraph("Streams      unchanged: Icecast still serves plain http on its own port", indent: 2, Style(.muted)))
        }
        top += [.blank, Paragraph("What changed", Style(bold: true))]
        let bottom: [Paragraph] = [
            .blank,
            Paragraph("Backups      \(state.locations.backupDirectory)", indent: 2),
            Paragraph("Logs         \(state.locations.logDirectory)", indent: 2),
            Paragraph("To undo      sudo lt-setup undo   (puts every changed file back)", indent: 2),
        ]
        let topLines = Document.lines(top, width: area.width)
        let bottomLines = Document.lines(bottom, width: area.width)
        let room = max(1, area.height - topLines.count - bottomLines.count)
        let changes = Document.lines(changeParagraphs(state, room: room), width: area.width)
        var row = area.y
        for line in topLines + changes.prefix(room) + bottomLines where row < area.bottom {
            screen.put(line.text, at: Position(column: area.x + line.column, row: row), line.style, limit: area.width - line.column)
            row += 1
        }
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
}
