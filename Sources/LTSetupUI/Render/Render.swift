extension Wizard {
    /// The frame for `state`, at `state.size`: a pure function of the state.
    public static func render(_ state: AppState) -> Screen {
        var screen = Screen(state.size)
        if state.isTooSmall {
            drawTooSmall(&screen, state)
            return screen
        }
        drawTitle(&screen, state)
        let body = Frame.body(state)
        switch state.screen {
        case .welcome: drawWelcome(&screen, state, body)
        case .proxy: drawProxy(&screen, state, body)
        case .details: drawDetails(&screen, state, body)
        case .preflight: drawPreflight(&screen, state)
        case .preview: drawPreview(&screen, state)
        case .run: drawRun(&screen, state)
        case .done: drawDone(&screen, state, body)
        }
        if let notice = state.notice {
            let row = state.size.rows - 2
            screen.fill(Rect(x: 0, y: row, width: state.size.columns, height: 1))
            screen.put("! " + notice, at: Position(column: 1, row: row), width: state.size.columns - 2,
                       Style(.warning, bold: true), glyphs: state.glyphs)
        }
        if let overlay = state.overlay {
            screen.cursor = nil
            drawOverlay(&screen, overlay, state)
        }
        drawFooter(&screen, state)
        return screen
    }

    /// The first row: what this is, and where in the wizard the operator is.
    static func drawTitle(_ screen: inout Screen, _ state: AppState) {
        let bar = Style(.title, bold: true, reverse: true)
        screen.fill(Rect(x: 0, y: 0, width: state.size.columns, height: 1), bar)
        let progress = state.screen.progress + " "
        screen.put(" lt-setup \(state.glyphs.dash) LibreTime behind HTTPS", at: Position(column: 0, row: 0),
                   width: state.size.columns - DisplayWidth.of(progress) - 1, bar, glyphs: state.glyphs)
        screen.putRight(progress, row: 0, right: state.size.columns, bar)
    }

    /// The last row: the current key map's footer bindings, keys reversed as nano shows them.
    static func drawFooter(_ screen: inout Screen, _ state: AppState) {
        let row = state.size.rows - 1
        var column = 1
        for binding in keyMap(for: state) where binding.inFooter {
            let label = binding.footerLabel(state.glyphs)
            let width = DisplayWidth.of(label) + 1 + DisplayWidth.of(binding.help)
            guard column + width <= state.size.columns else { break }
            column = screen.put(label, at: Position(column: column, row: row), Style(.accent, bold: true, reverse: true))
            column = screen.put(" " + binding.help, at: Position(column: column, row: row)) + 2
        }
    }

    /// Below 80×24 the wizard does not fit: only this message, with the current size.
    static func drawTooSmall(_ screen: inout Screen, _ state: AppState) {
        let glyphs = state.glyphs
        let need = "\(Size.minimum.columns)\(glyphs.times)\(Size.minimum.rows)"
        let have = "\(state.size.columns)\(glyphs.times)\(state.size.rows)"
        let advice = state.run.isBusy
            ? "A step is running and goes on. Make the window larger to see it."
            : "Make the window larger, or press q to quit."
        let text = "lt-setup: terminal too small (need \(need))\n\nThis one is \(have).\n\(advice)"
        let lines = TextFit.wrap(text, max(1, state.size.columns - 2))
        let top = max(0, (state.size.rows - lines.count) / 2)
        for (index, line) in lines.enumerated() {
            let left = max(0, (state.size.columns - DisplayWidth.of(line)) / 2)
            screen.put(line, at: Position(column: left, row: top + index), index == 0 ? Style(.warning, bold: true) : .plain)
        }
    }
}
