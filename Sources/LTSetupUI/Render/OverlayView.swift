import LTSetupCore

/// Boxes over the screen: help, and the confirmations.
extension Wizard {
    static func drawOverlay(_ screen: inout Screen, _ overlay: Overlay, _ state: AppState) {
        switch overlay {
        case .help:
            drawHelp(&screen, state)
        case .quitConfirm:
            let running = state.run.running.map { "\"\($0.title)\" is running. " } ?? "A run is going on. "
            drawConfirm(&screen, state, title: "Quit?", text: running
                + "Quitting stops it; what it changed is backed up, and sudo lt-setup resumes the session later.",
                        keys: "y quit     n keep running")
        case .skipConfirm(let id):
            let title = state.run.steps.first { $0.id == id }?.title ?? id.rawValue
            drawConfirm(&screen, state, title: "Skip this step?", text: "\"\(title)\" will not run. "
                + "Later steps may need it: without a certificate, for example, https cannot work. Skip it only if you have done it yourself or do not want it.",
                        keys: "y skip it     n cancel")
        case .goOnConfirm:
            let failed = (state.preflight.checks ?? []).blocking.map(\.id.rawValue).joined(separator: ", ")
            drawConfirm(&screen, state, title: "Go on anyway?", text: "Preflight found what would make the run fail (\(failed)). "
                + "Go on only if you know better: a run that stops part way leaves its steps backed up, and sudo lt-setup undo takes them back.",
                        keys: "y go on     n stay")
        case .abortConfirm:
            let title = state.run.running?.title ?? "the running step"
            drawConfirm(&screen, state, title: "Stop the running step?", text: "\"\(title)\" is interrupted (as with Ctrl-C, then harder). "
                + "Files it changed stay as they are until you retry it or run sudo lt-setup undo.",
                        keys: "y stop it     n let it run")
        }
    }

    /// A centred box of `paragraphs`, at most `maxWidth` wide; returns its inside.
    @discardableResult
    static func drawDialog(_ screen: inout Screen, _ state: AppState, title: String, _ paragraphs: [Paragraph], maxWidth: Int) -> Rect {
        let width = min(maxWidth, state.size.columns - 8)
        let lines = Document.lines(paragraphs, width: width - 4)
        let height = min(lines.count + 2, state.size.rows - 4)
        let box = Rect(x: (state.size.columns - width) / 2, y: max(1, (state.size.rows - height) / 2), width: width, height: height)
        // The box's rows are cleared across the whole width, and a row above and below it
        // (never the title or the footer): no letter of the screen behind shows at its sides.
        let top = max(1, box.y - 1), bottom = min(state.size.rows - 1, box.y + box.height + 1)
        screen.fill(Rect(x: 0, y: top, width: state.size.columns, height: max(0, bottom - top)))
        screen.box(box, title: title, glyphs: state.glyphs, Style(.accent, bold: true))
        let inside = Rect(x: box.x + 2, y: box.y + 1, width: width - 4, height: height - 2)
        for (offset, line) in lines.prefix(inside.height).enumerated() {
            screen.put(line.text, at: Position(column: inside.x + line.column, row: inside.y + offset), line.style,
                       limit: inside.width - line.column)
        }
        return inside
    }

    static func drawConfirm(_ screen: inout Screen, _ state: AppState, title: String, text: String, keys: String) {
        drawDialog(&screen, state, title: title, [.blank, Paragraph(text), .blank, Paragraph(keys, Style(.accent, bold: true))],
                   maxWidth: 64)
    }

    /// The current screen's purpose and every one of its keys, from its key map.
    static func drawHelp(_ screen: inout Screen, _ state: AppState) {
        var underlying = state
        underlying.overlay = nil
        let bindings = keyMap(for: underlying)
        let labels = bindings.map { $0.helpLabel(state.glyphs) }
        let column = min(20, (labels.map { DisplayWidth.of($0) }.max() ?? 0) + 2)
        var paragraphs = HelpText.paragraphs(for: underlying).map { Paragraph($0) } + [.blank]
        for (binding, label) in zip(bindings, labels) {
            paragraphs.append(Paragraph(TextFit.pad(label, column) + binding.help, Style(bold: false)))
        }
        if underlying.isEditingText {
            paragraphs += [.blank, Paragraph("In a text field every letter is text, q and ? too: quit with Ctrl-Q, help with F1.", Style(.muted))]
        }
        drawDialog(&screen, state, title: "Help: \(state.screen.title)", paragraphs, maxWidth: 76)
    }
}
