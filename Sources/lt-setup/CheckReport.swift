import Foundation
import Glibc
import LTSetupCore
import LTSetupUI

/// Prints checks for a terminal or a log: one line per check with ✔, ⚠ or ✖ (ASCII where
/// the locale is not UTF-8), its title and id, then what was seen and what to do, wrapped.
struct CheckReport {
    let glyphs: PlainGlyphs
    /// Columns to wrap at.
    var width: Int

    init(glyphs: PlainGlyphs = .forLocale(), width: Int = CheckReport.outputWidth()) {
        self.glyphs = glyphs
        self.width = width
    }

    /// The width of the terminal standard output goes to; else COLUMNS; else 80.
    static func outputWidth(environment: [String: String] = ProcessInfo.processInfo.environment) -> Int {
        var size = winsize()
        if isatty(1) == 1, ioctl(1, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 0 {
            return max(Int(size.ws_col), minimumWidth)
        }
        if let columns = environment["COLUMNS"].flatMap(Int.init), columns > 0 {
            return max(columns, minimumWidth)
        }
        return 80
    }

    /// Below this, a line would hold little more than its "seen:" prefix.
    static let minimumWidth = 40

    /// Every check; with `onlyProblems`, the passed ones are left out.
    func text(_ checks: [Check], onlyProblems: Bool = false) -> String {
        var out = ""
        for check in checks where !(onlyProblems && check.result.isPassed) {
            out += "\(mark(check.result)) \(check.title) [\(check.id.rawValue)]\n"
            switch check.result {
            case .passed(let seen):
                out += wrapped(seen, prefix: "    ")
            case .warning(let seen, let fix), .failed(let seen, let fix):
                out += wrapped(seen, prefix: "    seen: ")
                out += wrapped(fix, prefix: "    do:   ")
            }
        }
        return out
    }

    func mark(_ result: CheckResult) -> String {
        switch result {
        case .passed: glyphs.done
        case .warning: glyphs.warning
        case .failed: glyphs.failed
        }
    }

    /// "16 passed, 2 warnings, 1 failed".
    static func counts(_ checks: [Check]) -> String {
        let passed = checks.filter(\.result.isPassed).count
        let warnings = checks.warnings.count
        let failed = checks.filter(\.result.isFailed).count
        return "\(passed) passed, \(warnings) warning\(warnings == 1 ? "" : "s"), \(failed) failed"
    }

    /// "a", "a and b", "a, b and c".
    static func listed(_ items: [String]) -> String {
        items.count < 2 ? items.joined() : items.dropLast().joined(separator: ", ") + " and " + (items.last ?? "")
    }

    /// `text` wrapped at `width`, the first line after `prefix`, the others aligned under it.
    func wrapped(_ text: String, prefix: String) -> String {
        let indent = String(repeating: " ", count: prefix.count)
        var lines: [String] = []
        var line = prefix
        // What was seen may quote a server (a status line's reason): no escape sequence or
        // control character reaches the terminal.
        for word in LogLine.sanitized(text).split(separator: " ") {
            if line.count > indent.count, line.count + 1 + word.count > width {
                lines.append(line)
                line = indent
            }
            line += (line.count > indent.count ? " " : "") + word
        }
        lines.append(line)
        return lines.joined(separator: "\n") + "\n"
    }
}
