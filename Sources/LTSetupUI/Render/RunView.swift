import LTSetupCore

/// The run screen: the steps with their status glyphs, the selected step's log, the status.
extension Wizard {
    static func drawRun(_ screen: inout Screen, _ state: AppState) {
        let layout = RunLayout(state)
        if !state.run.showsFullLog { drawRunSteps(&screen, state, layout.steps) }
        drawLog(&screen, state, layout)
        for (offset, line) in layout.statusLines.prefix(layout.status.height).enumerated() {
            screen.put(line.text, at: Position(column: layout.status.x + 1, row: layout.status.y + offset),
                       width: layout.status.width - 2, line.style, glyphs: state.glyphs)
        }
    }

    static func drawRunSteps(_ screen: inout Screen, _ state: AppState, _ rect: Rect) {
        let g = state.glyphs
        let run = state.run
        let top = max(0, min(run.selected - rect.height / 2, run.steps.count - rect.height))
        for (offset, index) in (top..<min(run.steps.count, top + rect.height)).enumerated() {
            let row = rect.y + offset
            let step = run.steps[index]
            let (glyph, status, role) = stepLook(step, state)
            screen.put(glyph, at: Position(column: rect.x + 3, row: row), Style(role, bold: true))
            let number = index + 1 < 10 ? " \(index + 1)." : "\(index + 1)."
            screen.put(number, at: Position(column: rect.x + 5, row: row), Style(.muted))
            let statusWidth = DisplayWidth.of(status)
            screen.put(step.title, at: Position(column: rect.x + 9, row: row), width: rect.width - 13 - statusWidth,
                       Style(step.progress.isRunning ? .accent : .normal, bold: step.progress.isRunning), glyphs: g)
            screen.putRight(status, row: row, right: rect.right - 2, Style(role))
            if index == run.selected { screen.select(row: row, from: rect.x + 1, to: rect.right - 1, glyphs: g) }
        }
    }

    /// A step's glyph, status words and role: every state has its own glyph and words, so
    /// nothing rests on colour.
    static func stepLook(_ step: RunStep, _ state: AppState) -> (String, String, Role) {
        let g = state.glyphs
        switch step.progress {
        case .pending:
            switch step.planned {
            case .toDo: return (g.pending, "to do", .muted)
            case .alreadyDone: return (g.pending, "already done", .muted)
            case .skipped: return (g.pending, "not applicable", .muted)
            }
        case .running(let since):
            let elapsed = max(0, state.now - since)
            let frame = g.spinner.isEmpty ? g.running : g.spinner[Int(elapsed * 10) % g.spinner.count]
            return (frame, "running \(duration(elapsed))", .accent)
        case .finished(let outcome, let seconds):
            switch outcome {
            case .done: return (g.done, seconds >= 1 ? "done \(duration(seconds))" : "done", .success)
            case .alreadyDone: return (g.done, "already done", .success)
            case .skipped(let reason): return (g.skipped, StepOutcome.skippedWord(reason), .warning)
            case .failed: return (g.failed, "failed", .failure)
            case .interrupted: return (g.failed, "interrupted", .failure)
            }
        }
    }

    /// `7s`, `1m05s`, `1h02m`.
    static func duration(_ seconds: Double) -> String {
        let total = Int(seconds)
        if total < 60 { return "\(total)s" }
        let two = { (value: Int) in value < 10 ? "0\(value)" : "\(value)" }
        if total < 3600 { return "\(total / 60)m\(two(total % 60))s" }
        return "\(total / 3600)h\(two(total / 60 % 60))m"
    }

    static func drawLog(_ screen: inout Screen, _ state: AppState, _ layout: RunLayout) {
        let g = state.glyphs
        guard let step = state.run.selectedStep else { return }
        if state.run.notStarted && !state.run.showsFullLog {
            drawBeforeStart(&screen, state, layout)
            return
        }
        let number = state.run.selected + 1
        let view = LogPane.view(step.log, scroll: state.run.logScroll, width: layout.logWidth, height: layout.log.height, g)
        let title = state.run.showsFullLog ? "Log of step \(number): \(step.title)" : "Log: \(number). \(step.title)"
        screen.rule(layout.logHeader, title: title, note: logNote(step.log, view.lines, state), glyphs: g)
        if step.log.isEmpty {
            let empty = step.progress == .pending ? "This step has not run yet." : "No output."
            screen.put(empty, at: Position(column: layout.log.x + 2, row: layout.log.y), Style(.muted))
            return
        }
        for (offset, row) in view.rows.enumerated() {
            screen.put(row.text, at: Position(column: layout.log.x + 2 + row.column, row: layout.log.y + offset), row.style,
                       limit: layout.logWidth - row.column)
        }
    }

    /// Before the first step starts, the log pane says what starting the run means: what
    /// goes off the air, how long it takes, and the ACME server's terms it agrees to.
    static func drawBeforeStart(_ screen: inout Screen, _ state: AppState, _ layout: RunLayout) {
        let g = state.glyphs
        screen.rule(layout.logHeader, title: "Before you start", note: nil, glyphs: g)
        let lines = beforeStartLines(state).flatMap { TextFit.wrap($0, layout.logWidth) }
        for (offset, line) in lines.prefix(layout.log.height).enumerated() {
            screen.put(line, at: Position(column: layout.log.x + 2, row: layout.log.y + offset), width: layout.logWidth, glyphs: g)
        }
    }

    static func beforeStartLines(_ state: AppState) -> [String] {
        guard let plan = state.plan else { return [] }
        var lines = plan.offAir
        if plan.answers.https {
            lines += plan.answers.acmeServer.agreementLines(terms: state.preflight.checks?.termsOfService)
        }
        return lines
    }

    /// The right of the log's rule: which lines show when some are out of sight, and whether
    /// the pane follows the tail.
    static func logNote(_ log: LogRing, _ lines: ClosedRange<Int>?, _ state: AppState) -> String? {
        guard let lines else { return nil }
        var parts: [String] = []
        if state.run.showsFullLog || lines.lowerBound > 0 || lines.upperBound < log.count - 1 || log.dropped > 0 {
            parts.append("lines \(log.dropped + lines.lowerBound + 1)-\(log.dropped + lines.upperBound + 1) of \(log.total)")
        }
        parts.append(state.run.logScroll == 0 ? "following" : "End follows")
        return parts.joined(separator: " \(state.glyphs.bullet) ")
    }
}
