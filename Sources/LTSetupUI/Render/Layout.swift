/// A rectangle of cells.
struct Rect: Equatable {
    var x, y, width, height: Int

    var bottom: Int { y + height }
    var right: Int { x + width }

    /// The rectangle without `amount` cells on every side.
    func inset(_ amount: Int) -> Rect {
        Rect(x: x + amount, y: y + amount, width: max(0, width - 2 * amount), height: max(0, height - 2 * amount))
    }

    /// The top `rows` rows.
    func top(_ rows: Int) -> Rect { Rect(x: x, y: y, width: width, height: max(0, min(height, rows))) }
    /// What is left below the top `rows` rows.
    func below(_ rows: Int) -> Rect {
        let used = max(0, min(height, rows))
        return Rect(x: x, y: y + used, width: width, height: height - used)
    }
}

/// The parts every frame has: the title bar on the first row, the footer on the last, an
/// optional notice above it, and the body between.
enum Frame {
    static func body(_ state: AppState) -> Rect {
        let noticeRows = state.notice == nil ? 0 : 1
        return Rect(x: 0, y: 1, width: state.size.columns, height: max(0, state.size.rows - 2 - noticeRows))
    }
}

/// The preview screen's regions; the update function pages the content by the same sizes.
struct PreviewLayout {
    let notice, tabs, list, header, content: Rect

    init(_ state: AppState) {
        let body = Frame.body(state)
        notice = body.top(1)
        tabs = body.below(1).top(1)
        let rest = body.below(3)
        switch state.preview.tab {
        case .files:
            let rows = min(state.preview.files.count, max(3, (rest.height - 1) * 2 / 5))
            list = rest.top(rows)
            header = rest.below(rows).top(1)
            content = rest.below(rows + 1)
        case .steps:
            list = rest.top(0)
            header = rest.top(0)
            content = rest
        }
    }
}

/// The run screen's regions; the update function pages the log by the same sizes.
struct RunLayout {
    let steps, logHeader, log, status: Rect
    let statusLines: [StatusLine]
    /// The columns a log line wraps at.
    var logWidth: Int { max(1, log.width - 3) }

    init(_ state: AppState) {
        let body = Frame.body(state)
        statusLines = RunStatus.lines(state, width: max(1, body.width - 2))
        let statusRows = min(statusLines.count, max(1, body.height / 3))
        status = Rect(x: body.x, y: body.bottom - statusRows, width: body.width, height: statusRows)
        let above = body.top(body.height - statusRows)
        if state.run.showsFullLog {
            steps = above.top(0)
            logHeader = above.top(1)
            log = above.below(1)
        } else {
            // After a failure the output that says why gets more room than the steps.
            let minimumLog = state.run.stoppedAt == nil ? 4 : 8
            let stepRows = min(state.run.steps.count, max(3, above.height - 1 - minimumLog))
            steps = above.top(stepRows)
            logHeader = above.below(stepRows).top(1)
            log = above.below(stepRows + 1)
        }
    }
}
