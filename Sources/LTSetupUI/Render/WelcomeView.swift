import LTSetupCore

/// The welcome screen: what lt-setup does and needs, or the unfinished session's choices.
extension Wizard {
    static func drawWelcome(_ screen: inout Screen, _ state: AppState, _ body: Rect) {
        let area = readable(body)
        if let session = state.resumable {
            drawResume(&screen, state, session, area)
            return
        }
        if let draft = state.draft {
            drawDraft(&screen, state, draft, area)
            return
        }
        let g = state.glyphs
        let paragraphs = [
            Paragraph.blank,
            Paragraph("lt-setup puts your LibreTime station behind HTTPS, step by step, as the \"Reverse proxy\" part of LibreTime's documentation describes:"),
            Paragraph.blank,
            Paragraph("a web server (nginx or Apache) answers on ports 80 and 443 and passes visitors on to LibreTime",
                      indent: 2, bullet: g.bullet),
            Paragraph("certbot gets a free certificate from Let's Encrypt and renews it", indent: 2, bullet: g.bullet),
            Paragraph("Icecast can serve your streams over https with the same certificate", indent: 2, bullet: g.bullet),
            Paragraph("LibreTime's public address becomes https://your-domain", indent: 2, bullet: g.bullet),
            Paragraph.blank,
            Paragraph("You need:", Style(bold: true)),
            Paragraph("to run it as root: sudo lt-setup", indent: 2, bullet: g.bullet),
            Paragraph("a DNS name that points to this server, e.g. radio.example.org", indent: 2, bullet: g.bullet),
            Paragraph("ports 80 and 443 open to the internet, and 8443 for secure streams", indent: 2, bullet: g.bullet),
            Paragraph.blank,
            state.previewRoot.map { _ in
                Paragraph("This is a preview (--root): lt-setup shows what it would do to the server files in that folder, and runs nothing. Answers are not saved.", Style(.accent, bold: true))
            } ?? Paragraph("Nothing on the server changes until you have seen the plan and started it. Your answers are saved as you go: if the connection drops, run lt-setup again to resume."),
            Paragraph.blank,
        ]
        let used = Document.draw(paragraphs, in: area, on: &screen)
        let row = area.y + used
        screen.put("[ Start ]", at: Position(column: area.x + 2, row: row), Style(.accent, bold: true))
        screen.select(row: row, from: area.x, to: area.x + 11, glyphs: g)
    }

    static func drawResume(_ screen: inout Screen, _ state: AppState, _ session: ResumableSession, _ area: Rect) {
        if let finishing = session.finishing {
            drawFinishing(&screen, state, session, finishing, area)
            return
        }
        var paragraphs = sessionParagraphs(session, heading: "An unfinished session was found.")
        if let next = session.nextStepTitle { paragraphs.append(Paragraph.labelled("Next step", next, width: 11)) }
        paragraphs.append(.blank)
        drawChoices(&screen, state, below: paragraphs, in: area, [
            ("Resume", "carry on from the next step; steps already done stay done"),
            ("Start over", "answer the questions again; the old backups are kept"),
            ("View its log", "read what happened so far"),
        ])
    }

    /// A heading, then when the session started and for which domain.
    static func sessionParagraphs(_ session: ResumableSession, heading: String) -> [Paragraph] {
        [
            Paragraph.blank,
            Paragraph(heading, Style(bold: true)),
            Paragraph.blank,
            Paragraph.labelled("Started", "\(session.startedAt) (session \(session.id))", width: 11),
            Paragraph.labelled("Domain", session.domain, width: 11),
        ]
    }

    /// Another lt-setup still runs this session's step (its terminal hung up): it finishes the
    /// step by itself, and this screen offers to resume once it has ended.
    static func drawFinishing(_ screen: inout Screen, _ state: AppState, _ session: ResumableSession,
                              _ finishing: FinishingRun, _ area: Rect) {
        let process = finishing.pid > 0 ? "another lt-setup (process \(finishing.pid))" : "another lt-setup"
        var paragraphs = sessionParagraphs(session, heading: "A run is still finishing its step.")
        if let step = finishing.step { paragraphs.append(Paragraph.labelled("Running", step, width: 11)) }
        paragraphs += [
            .blank,
            Paragraph("Its terminal went away, and \(process) finishes the running step by itself, then stops. This screen goes on when it has: then you can resume."),
            .blank,
        ]
        drawChoices(&screen, state, below: paragraphs, in: area, [
            ("View its log", "what it has done so far (the log grows as it runs)"),
        ])
    }

    /// Answers saved by a wizard that stopped before its run: nothing was changed yet.
    static func drawDraft(_ screen: inout Screen, _ state: AppState, _ draft: ResumableDraft, _ area: Rect) {
        var paragraphs = [
            Paragraph.blank,
            Paragraph("Answers from an earlier lt-setup were found; it stopped before changing anything.",
                      Style(bold: true)),
            Paragraph.blank,
            Paragraph.labelled("Saved", draft.savedAt, width: 11),
        ]
        if let domain = draft.answers[.domain], !domain.isEmpty {
            paragraphs.append(Paragraph.labelled("Domain", domain, width: 11))
        }
        paragraphs.append(Paragraph.labelled("Stopped on", "the \(draft.screen.title) screen", width: 11))
        paragraphs.append(.blank)
        drawChoices(&screen, state, below: paragraphs, in: area, [
            ("Resume", "fill in those answers and go on from there"),
            ("Start over", "answer the questions again from the start"),
        ])
    }

    /// `paragraphs`, then the choices with the selection, then the planning note and what
    /// lt-setup does.
    static func drawChoices(_ screen: inout Screen, _ state: AppState, below paragraphs: [Paragraph], in area: Rect,
                            _ choices: [(String, String)]) {
        let g = state.glyphs
        var row = area.y + Document.draw(paragraphs, in: area, on: &screen)
        for (index, choice) in choices.enumerated() {
            let position = Position(column: area.x + 2, row: row)
            screen.put(TextFit.pad(choice.0, 14), at: position, Style(bold: true))
            screen.put(choice.1, at: Position(column: area.x + 17, row: row), width: area.width - 17, Style(.muted), glyphs: g)
            if index == state.welcomeChoice { screen.select(row: row, from: area.x, to: area.x + 16, glyphs: g) }
            row += 1
        }
        row += 1
        let rest = Rect(x: area.x, y: row, width: area.width, height: area.bottom - row)
        Document.draw(planningParagraphs(state, g) + [
            Paragraph("lt-setup puts LibreTime behind HTTPS: a web server on ports 80 and 443, a certificate from Let's Encrypt, https streams from Icecast. Nothing changes until you start the plan.", Style(.muted)),
        ], in: rest, on: &screen)
    }

    /// A note on the plan being made or the reason it could not be.
    static func planningParagraphs(_ state: AppState, _ g: Glyphs) -> [Paragraph] {
        switch state.planning {
        case .idle: []
        case .building: [Paragraph("Reading this server's files to make the plan\(g.ellipsis)", Style(.accent, bold: true)), .blank]
        case .failed(let message):
            [Paragraph("\(g.failed) No plan could be made: \(message)", Style(.failure, bold: true)), .blank]
        }
    }

    /// Running text stays readable on a wide terminal: at most 90 columns, centred.
    static func readable(_ body: Rect) -> Rect {
        let width = min(body.width - 4, 90)
        let x = body.x + max(2, (body.width - width) / 2)
        return Rect(x: x, y: body.y, width: width, height: body.height)
    }
}
