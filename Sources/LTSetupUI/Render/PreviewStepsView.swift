import LTSetupCore

/// The preview's second tab: every step of the plan with its commands.
extension Wizard {
    static func drawPlanSteps(_ screen: inout Screen, _ state: AppState, _ rect: Rect) {
        let g = state.glyphs
        guard let plan = state.plan else { return }
        // First what the run takes off the air and how long it takes, then the steps.
        var lines = [PlacedLine(text: "What goes off the air, and for how long:", column: 1, style: Style(bold: true))]
        lines += Document.lines(plan.offAir.map { Paragraph($0, indent: 3, .plain) }, width: rect.width - 4)
        lines.append(PlacedLine(text: "", column: 0, style: .plain))
        var blocks: [Range<Int>] = []
        for (index, step) in plan.steps.enumerated() {
            let start = lines.count
            lines += planStepLines(step, number: index + 1, selected: index == state.preview.selectedStep,
                                   width: rect.width - 4, g)
            blocks.append(start..<lines.count)
        }
        let selected = blocks.indices.contains(state.preview.selectedStep) ? blocks[state.preview.selectedStep] : 0..<0
        var top = 0
        if selected.upperBound > rect.height { top = min(selected.lowerBound, selected.upperBound - rect.height) }
        for (offset, line) in lines.dropFirst(top).prefix(rect.height).enumerated() {
            let row = rect.y + offset
            screen.put(line.text, at: Position(column: rect.x + 2 + line.column, row: row), line.style,
                       limit: rect.width - 4 - line.column)
            guard let index = blocks.firstIndex(where: { $0.lowerBound == top + offset }) else { continue }
            screen.putRight(planStatus(step: plan.steps[index]), row: row, right: rect.right - 2, Style(.muted))
            if index == state.preview.selectedStep { screen.select(row: row, from: rect.x + 1, to: rect.right - 1, glyphs: g) }
        }
    }

    /// A step's title (room left for its status), then its explanation when selected, then
    /// what it does.
    static func planStepLines(_ step: Step, number: Int, selected: Bool, width: Int, _ g: Glyphs) -> [PlacedLine] {
        let room = width - DisplayWidth.of(planStatus(step: step)) - 4
        let title = TextFit.truncate("\(number). \(step.title)", room, ellipsis: g.ellipsis)
        let lines = [PlacedLine(text: title, column: 1, style: Style(step.status.willRun ? .normal : .muted, bold: true))]
        var paragraphs: [Paragraph] = []
        if selected {
            paragraphs.append(Paragraph(step.explanation, indent: 5, Style(.muted)))
            paragraphs.append(Paragraph("From the guide: \(step.guideSection)", indent: 5, Style(.muted)))
        }
        if case .skipped(let reason) = step.status {
            paragraphs.append(Paragraph(reason, indent: 5, Style(.warning)))
        } else {
            for action in step.actions {
                paragraphs.append(Paragraph(ActionText.describe(action, g), indent: 5, Style(step.status.willRun ? .normal : .muted), hang: 2))
            }
            if step.actions.isEmpty { paragraphs.append(Paragraph("nothing to do", indent: 5, Style(.muted))) }
        }
        return lines + Document.lines(paragraphs, width: width)
    }

    static func planStatus(step: Step) -> String {
        switch step.status {
        case .toDo: "to do"
        case .alreadyDone: "already done"
        case .skipped: "not applicable"
        }
    }
}
