import Glibc
import TmuxTestSupport
import Testing

extension TerminalEndToEnd {
    /// What the demo does with the operator's environment: locale, colour, TERM, size.
    @Suite struct Environment {
        @Test func langCDrawsWithAsciiGlyphs() throws {
            let session = try TerminalEndToEnd.startDemo(environment: ["LANG": "C"])
            let screen = try session.waitFor("glyphs: ascii")
            #expect(screen.hasPrefix("+- terminal-demo -"))
            #expect(screen.contains("\n| key: none"))
            #expect(screen.contains("| > nginx"))
            #expect(!screen.contains("│"))
        }

        /// ssh forwards the laptop's LANG; a UTF-8 locale missing on the server would leave the
        /// C locale, where get_wch drops every non-ASCII key. C.UTF-8 takes over.
        @Test func missingUtf8LocaleFallsBackToCUtf8() throws {
            let session = try TerminalEndToEnd.startDemo(environment: ["LANG": "xx_XX.UTF-8"])
            try session.waitFor("glyphs: unicode")
            try session.type("é")
            try session.waitFor("key: char é")
        }

        @Test func noColorMeansNoColourButKeepsAttributes() throws {
            let session = try TerminalEndToEnd.startDemo(environment: ["NO_COLOR": "1"])
            try session.waitFor("colour: off")
            let escapes = try session.captureWithEscapes()
            #expect(SGR.colourParameters(in: escapes).isEmpty, "colour used under NO_COLOR:\n\(escapes)")
            #expect(SGR.parameters(in: escapes).contains("7"), "reverse must stay in monochrome")
            #expect(SGR.parameters(in: escapes).contains("1"), "bold must stay in monochrome")
        }

        @Test func colourByDefault() throws {
            let session = try TerminalEndToEnd.startDemo()
            try session.waitFor("colour: on")
            #expect(!SGR.colourParameters(in: try session.captureWithEscapes()).isEmpty)
        }

        /// A TERM without a terminfo entry here (kitty's, foot's) falls back to xterm-256color
        /// instead of ncurses exiting with "Error opening terminal".
        @Test func unknownTermFallsBackToXterm() throws {
            let session = try TerminalEndToEnd.startDemo(environment: ["TERM": "xterm-kitty"])
            try session.waitFor("term: xterm-256color")
            try session.sendKeys("Down")
            try session.waitFor("key: down")
        }

        @Test func dumbTermIsPlainMode() throws {
            let session = try TmuxSession(command: TerminalDemo.command(), environment: ["TERM": "dumb"])
            #expect(try session.waitForExit() == 2)
            #expect(try session.capture().contains("terminal-demo: plain mode: TERM=dumb cannot draw screens"))
        }

        @Test func outputNotATerminalIsPlainMode() throws {
            let session = try TmuxSession(command: TerminalDemo.command() + " | cat")
            try session.waitFor("plain mode: standard output is not a terminal")
        }

        @Test func resizeRepaintsAtTheNewSize() throws {
            let session = try TerminalEndToEnd.startDemo()
            try session.resize(columns: 100, rows: 30)
            let bottom = "└" + String(repeating: "─", count: 98) + "┘"
            let screen = try session.waitForAll("size: 100x30", bottom)
            let lines = screen.split(separator: "\n", omittingEmptySubsequences: false)
            #expect(lines.count == 31)
            #expect(lines[0].hasSuffix("┐") && lines[0].count == 100)
            #expect(lines[29] == bottom)
            // Back down, twice in a row: tmux may coalesce; the last size must win.
            try session.resize(columns: 81, rows: 25)
            try session.resize(columns: 80, rows: 24)
            try session.waitFor("size: 80x24")
        }

        /// Exported LINES/COLUMNS would otherwise pin ncurses to their size, and resizes be lost.
        @Test func exportedLinesAndColumnsDoNotOverrideTheRealSize() throws {
            let session = try TerminalEndToEnd.startDemo(environment: ["COLUMNS": "50", "LINES": "10"],
                                                         firstFrame: "size: 80x24")
            try session.resize(columns: 90, rows: 30)
            try session.waitFor("size: 90x30")
        }

        /// A flood of output in the same poll loop neither starves the keys nor the repaint.
        @Test func floodDoesNotStarveKeys() throws {
            let session = try TerminalEndToEnd.startDemo("--flood")
            try session.waitFor("a flood being counted") { screen in
                screen.split(separator: "\n").contains { $0.contains("flood: ") && !$0.contains("flood: 0 lines") }
            }
            for round in 1...5 {
                try session.sendKeys("Down")
                try session.waitFor("count: \(round)", timeout: 2)
            }
            try session.sendKeys("q")
            #expect(try session.waitForExit() == 0)
        }
    }
}

/// Reads SGR (`ESC [ … m`) parameters out of `capture-pane -e` output.
enum SGR {
    /// Every parameter of every SGR sequence, e.g. "1", "7", "36", "38;5;8" split into parts.
    static func parameters(in text: String) -> [String] {
        var result: [String] = []
        var rest = Substring(text)
        while let start = rest.firstRange(of: "\u{1B}[") {
            rest = rest[start.upperBound...]
            let body = rest.prefix { $0.isNumber || $0 == ";" }
            rest = rest.dropFirst(body.count)
            guard rest.first == "m" else { continue }
            result += body.split(separator: ";").map(String.init)
        }
        return result
    }

    /// The parameters that set a colour: 30–37, 40–47, 90–97, 100–107, 38 and 48 (extended).
    /// 39 and 49 (default colours) are not colour: tmux writes them after every reset.
    static func colourParameters(in text: String) -> [String] {
        parameters(in: text).filter { parameter in
            guard let value = Int(parameter) else { return false }
            return (30...38).contains(value) || (40...48).contains(value) || (90...97).contains(value)
                || (100...107).contains(value)
        }
    }
}
