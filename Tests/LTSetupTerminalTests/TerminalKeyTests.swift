import Glibc
import TmuxTestSupport
import Testing

extension TerminalEndToEnd {
    /// Keys as tmux sends them (the terminfo sequences of xterm-256color, or tmux's own where
    /// they differ, as PuTTY's do), each decoded as exactly one key.
    @Suite struct Keys {
        static let namedKeys: [(String, String)] = [
            ("Down", "down"), ("Up", "up"), ("Left", "left"), ("Right", "right"),
            ("Tab", "tab"), ("BTab", "backtab"), ("Enter", "enter"), ("BSpace", "backspace"),
            ("DC", "delete"), ("Home", "home"), ("End", "end"), ("PPage", "pageup"), ("NPage", "pagedown"),
            ("F1", "f1"), ("F4", "f4"), ("F5", "f5"), ("F12", "f12"),
            ("C-s", "ctrl-s"), ("C-c", "ctrl-c"), ("C-q", "ctrl-q"), ("C-z", "ctrl-z"), ("C-a", "ctrl-a"),
        ]

        @Test(arguments: namedKeys)
        func namedKeyIsOneKey(tmuxName: String, shown: String) throws {
            let session = try TerminalEndToEnd.startDemo()
            try session.sendKeys(tmuxName)
            // A sequence split into several keys would show a larger count, and time out.
            try session.waitForAll("key: \(shown) ", "count: 1 ")
        }

        @Test func firstFrameShowsTheBoxAndTitle() throws {
            let session = try TerminalEndToEnd.startDemo()
            let lines = try session.capture().split(separator: "\n", omittingEmptySubsequences: false)
            #expect(lines.count == 25)  // 24 rows and the final newline
            #expect(lines[0].hasPrefix("┌─ terminal-demo ─"))
            #expect(lines[0].hasSuffix("┐"))
            #expect(lines[1] == "│ key: none" + String(repeating: " ", count: 68) + "│")
            #expect(lines[23] == "└" + String(repeating: "─", count: 78) + "┘")
            #expect(lines.contains("│ glyphs: unicode" + String(repeating: " ", count: 62) + "│"))
        }

        /// With the default ESCDELAY of 1000 ms, Esc would take a second; 25 ms is set.
        @Test func escapeIsAnsweredQuickly() throws {
            let session = try TerminalEndToEnd.startDemo()
            var best = Duration.seconds(60)
            let clock = ContinuousClock()
            for round in 1...3 {
                let started = clock.now
                try session.sendKeys("Escape")
                try session.waitForAll("key: escape ", "count: \(round) ")
                best = min(best, clock.now - started)
            }
            #expect(best < .milliseconds(100), "Esc took \(best) at best")
        }

        /// In cbreak mode ^S is XOFF: the tty would stop the demo's output until ^Q.
        @Test func ctrlSDoesNotFreezeTheScreen() throws {
            let session = try TerminalEndToEnd.startDemo()
            try session.sendKeys("C-s")
            try session.waitFor("key: ctrl-s")
            try session.sendKeys("Down")
            try session.waitForAll("key: down ", "count: 2 ")
        }

        /// ^C arrives as a key in raw mode, and does not end the demo.
        @Test func ctrlCIsAKeyNotASignal() throws {
            let session = try TerminalEndToEnd.startDemo()
            try session.sendKeys("C-c")
            try session.waitFor("key: ctrl-c")
            #expect(try session.info("#{pane_dead}") == "0")
        }

        @Test(arguments: ["é", "日", "ß", "€"])
        func utf8CharacterIsOneKey(character: String) throws {
            let session = try TerminalEndToEnd.startDemo()
            try session.type(character)
            try session.waitForAll("key: char \(character) ", "count: 1 ")
        }

        /// A screen with a cursor (a text field) shows it there; one without hides it.
        @Test func cursorIsShownWhereTheScreenPutsItAndHiddenOtherwise() throws {
            let session = try TerminalEndToEnd.startDemo()
            #expect(try session.info("#{cursor_flag}") == "0")
            try session.type("日")
            try session.waitForAll("key: char 日 ", "count: 1 ")
            // "key: char " starts at column 2 and takes 10, 日 takes 12 and 13: the cursor is at 14.
            try session.waitFor("the cursor after the key", timeout: 5, probe: {
                try session.info("#{cursor_flag} #{cursor_x},#{cursor_y}")
            }) { $0 == "1 14,1" }
            try session.sendKeys("Down")
            try session.waitForAll("key: down ", "count: 2 ")
            try session.waitFor("the cursor hidden", timeout: 5, probe: { try session.info("#{cursor_flag}") }) { $0 == "0" }
        }

        @Test func typedTextArrivesInOrder() throws {
            let session = try TerminalEndToEnd.startDemo()
            try session.type("abc")
            try session.waitForAll("key: char c ", "count: 3 ")
        }
    }
}
