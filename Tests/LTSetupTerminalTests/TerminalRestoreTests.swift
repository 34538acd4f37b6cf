import Glibc
import TmuxTestSupport
import Testing

extension TerminalEndToEnd {
    /// Every way the demo can end gives the shell back its terminal: the alternate screen is
    /// gone (tmux's `alternate_on`), and the tty modes that raw mode changed are back, as
    /// `stty -a` shows them in the shell that ran the demo.
    @Suite struct Restore {
        /// Waits for the shell's report after the demo, and checks the restore.
        func expectRestored(_ session: TmuxSession, status: Int32, sourceLocation: SourceLocation = #_sourceLocation) throws {
            try expectRestored(session, statuses: [status], sourceLocation: sourceLocation)
        }

        /// The same, for a program that may end with any of `statuses`.
        func expectRestored(_ session: TmuxSession, statuses: [Int32], sourceLocation: SourceLocation = #_sourceLocation) throws {
            let screen = try session.waitFor("exit=\(statuses)") { screen in statuses.contains { screen.contains("exit=\($0)\n") } }
            let report = try session.waitFor("the tty report") { $0.contains("\ntty: ") }
            #expect(report.contains(TerminalDemo.restoredModes), "tty modes not restored:\n\(report)",
                    sourceLocation: sourceLocation)
            #expect(try session.info("#{alternate_on}") == "0", "still on the alternate screen:\n\(screen)",
                    sourceLocation: sourceLocation)
        }

        @Test func qQuitsWithStatusZero() throws {
            let session = try TerminalEndToEnd.startDemo()
            try session.sendKeys("q")
            #expect(try session.waitForExit() == 0)
            #expect(try session.info("#{alternate_on}") == "0")
        }

        @Test func qQuitsAndRestores() throws {
            let session = try TerminalEndToEnd.startDemo(reportingRestore: true)
            try session.sendKeys("q")
            try expectRestored(session, status: 0)
        }

        /// SIGHUP is what an ssh drop sends; ncurses has no handler for it. The others replace
        /// ncurses' handlers, which would exit without letting the wizard save its session.
        @Test(arguments: [SIGHUP, SIGTERM, SIGINT, SIGQUIT])
        func signalRestoresAndExitsWith128PlusN(signal: Int32) throws {
            let session = try TerminalEndToEnd.startDemo(reportingRestore: true)
            let pid = try #require(TerminalDemo.pid(on: try session.capture()))
            #expect(kill(pid, signal) == 0)
            try expectRestored(session, status: 128 + signal)
        }

        /// A parent may start us with the signals blocked; the restorer unblocks them, so
        /// SIGHUP still restores, and resizes still arrive.
        @Test func signalsBlockedByTheParentAreUnblocked() throws {
            let session = try TerminalEndToEnd.startDemo("--start-blocked", reportingRestore: true)
            try session.resize(columns: 90, rows: 26)
            try session.waitFor("size: 90x26")
            let pid = try #require(TerminalDemo.pid(on: try session.capture()))
            #expect(kill(pid, SIGHUP) == 0)
            try expectRestored(session, status: 129)
        }

        /// The terminal goes away but no SIGHUP comes (here: the demo runs in a session of its
        /// own, so the pty is not its controlling terminal). Its input then polls readable
        /// forever; readKeys() must say `.hangUp`, and the demo end with 129, not spin.
        @Test func hangUpWithoutSIGHUPEndsTheProgram() throws {
            let result = "/tmp/lt-setup-test-hangup-\(getpid())-\(UInt32.random(in: 0..<UInt32.max))"
            defer { unlink(result) }
            let command = "trap '' HUP; setsid -w \(TmuxSession.quote(TerminalDemo.path)); echo \"exit=$?\" > \(result)"
            let session = try TmuxSession(command: command)
            let pid = try #require(TerminalDemo.pid(on: try session.waitForAll("count: 0", "pid: ")))
            session.kill()
            let clock = ContinuousClock()
            let deadline = clock.now + .seconds(5)
            while readWholeFile(result) == nil && clock.now < deadline { usleep(5_000) }
            let outcome = readWholeFile(result)
            // Outside tmux's reach now: a demo that spins must not outlive the test.
            if outcome == nil { kill(pid, SIGKILL) }
            #expect(outcome == "exit=129\n")
        }

        /// `exit()` called anywhere, past every `defer`: the atexit hook calls endwin.
        @Test func exitWithoutStopIsRestoredByTheAtexitHook() throws {
            let session = try TerminalEndToEnd.startDemo(reportingRestore: true)
            try session.sendKeys("X")
            try expectRestored(session, status: 3)
        }

        /// A thrown error: the screen is stopped before the message is printed, so the message
        /// lands on the normal screen, where the operator can read it.
        @Test func thrownErrorRestoresThenPrints() throws {
            let session = try TerminalEndToEnd.startDemo(reportingRestore: true)
            try session.sendKeys("T")
            try expectRestored(session, status: 1)
            #expect(try session.capture().contains("terminal-demo: error requested with T"))
        }

        /// A Swift trap (fatalError: SIGILL on x86-64, SIGTRAP on arm64) skips atexit; the crash
        /// handler restores with bytes captured at start, then Swift's backtracer (or the
        /// default action) runs.
        @Test(arguments: ["enable=no", "enable=yes,interactive=no"])
        func crashIsRestoredByTheCrashHandler(backtrace: String) throws {
            let session = try TerminalEndToEnd.startDemo(environment: ["SWIFT_BACKTRACE": backtrace],
                                                         reportingRestore: true)
            try session.sendKeys("C")
            try expectRestored(session, statuses: [128 + SIGILL, 128 + SIGTRAP])
        }
    }
}
