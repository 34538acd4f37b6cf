import LTSetupCore

/// The last screen: where LibreTime and its streams are now, where the backups and logs are
/// and how to undo, what changed, and the verification. One document, never cut: it scrolls
/// when it is longer than the screen, and the same text is printed to the shell on leaving.
extension Wizard {
    static func drawDone(_ screen: inout Screen, _ state: AppState, _ body: Rect) {
        let g = state.glyphs
        let area = readable(body)
        let lines = doneLines(state, width: area.width)
        let rows = doneRows(lines.count, area)
        let start = min(state.doneScroll, max(0, lines.count - rows))
        for (index, line) in lines.dropFirst(start).prefix(rows).enumerated() {
            screen.put(line.text, at: Position(column: area.x + line.column, row: area.y + index), line.style,
                       limit: area.width - line.column)
        }
        let hidden = lines.count - start - rows
        if hidden > 0 {
            screen.putRight("\(g.arrowDown) \(hidden) more line\(hidden == 1 ? "" : "s") (PgDn)", row: area.y + rows,
                            right: area.right, Style(.muted))
        }
    }

    /// The rows the document may use: all of them when it fits, else all but the last,
    /// which says how much more there is.
    static func doneRows(_ count: Int, _ area: Rect) -> Int {
        count > area.height ? max(1, area.height - 1) : area.height
    }

    /// The done screen's document, laid out at `width`.
    static func doneLines(_ state: AppState, width: Int) -> [PlacedLine] {
        guard let answers = state.plan?.answers else { return [] }
        // What needs the operator's eyes first: where the station is, what the verification
        // found, how to undo; then the list of changes.
        let paragraphs = [Paragraph.blank] + doneHeader(state, answers) + verificationParagraphs(state)
            + doneFooter(state) + [.blank, Paragraph("What changed", Style(bold: true))] + changeParagraphs(state)
        return Document.lines(paragraphs, width: width)
    }

    /// The farthest the done screen scrolls: its last line at the bottom.
    static func lastDoneScroll(_ state: AppState) -> Int {
        let area = readable(Frame.body(state))
        let count = doneLines(state, width: area.width).count
        return max(0, count - doneRows(count, area))
    }

    /// Where LibreTime and its streams are now.
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
        return top
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
    /// the scrollback: the Done screen's document; nil on any other screen.
    public static func farewell(_ state: AppState, width: Int = 80) -> String? {
        guard state.screen == .done, state.plan != nil else { return nil }
        // Printed raw, unlike the painter's cells: check results quote servers (a status
        // line's reason), so escape sequences and control characters are taken out.
        return doneLines(state, width: width - 2).dropFirst()
            .map { String(repeating: " ", count: $0.column) + LogLine.sanitized($0.text) }
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

    /// One line per step that did something, then the skipped ones with why, and the already
    /// done ones counted.
    static func changeParagraphs(_ state: AppState) -> [Paragraph] {
        let g = state.glyphs
        var changed: [Paragraph] = []
        var alreadyDone = 0
        var skipped: [Paragraph] = []
        for step in state.run.steps {
            guard case .finished(let outcome, _) = step.progress else { continue }
            switch outcome {
            case .done: changed.append(Paragraph("\(g.done) \(step.title)", indent: 2))
            case .alreadyDone: alreadyDone += 1
            case .skipped(let reason):
                let detail = reason == StepOutcome.skippedByOperator ? "" : " (\(reason))"
                skipped.append(Paragraph("\(g.skipped) \(StepOutcome.skippedWord(reason)): \(step.title)\(detail)", indent: 2, Style(.warning)))
            default: break
            }
        }
        if alreadyDone > 0 {
            skipped.append(Paragraph("\(g.done) \(alreadyDone) step\(alreadyDone == 1 ? " was" : "s were") already done", indent: 2, Style(.muted)))
        }
        return changed + skipped
    }

    /// The verification: failures and warnings with what they saw (and, for a failure, what
    /// to do), then how many checks passed.
    static func verificationParagraphs(_ state: AppState) -> [Paragraph] {
        let g = state.glyphs
        let heading: [Paragraph] = [.blank, Paragraph("Verification", Style(bold: true))]
        guard let checks = state.verification.checks else {
            guard state.verification == .checking else { return [] }
            return heading + [Paragraph("Checking\(g.ellipsis)", indent: 2, Style(.muted))]
        }
        var paragraphs = heading
        for check in checks where !check.result.isPassed {
            var text = "\(check.title): \(check.result.seen)"
            if check.result.isFailed, let fix = check.result.fix { text += " \(g.arrow) \(fix)" }
            paragraphs.append(Paragraph(text, indent: 2, checkStyle(check.result), bullet: checkMark(check.result, g)))
        }
        let passed = checks.filter(\.result.isPassed).count
        if passed > 0 {
            let all = passed == checks.count ? (passed == 1 ? "The check passed" : "All \(passed) checks passed")
                : "\(passed) more check\(passed == 1 ? "" : "s") passed"
            paragraphs.append(Paragraph("\(all) (sudo lt-setup verify lists them)", indent: 2, Style(.success), bullet: g.done))
        }
        return paragraphs
    }
}
