import GoldenScenarios
import LTSetupCore
@testable import LTSetupUI
import Testing

@Suite struct RunUpdateTests {
    @Test func enterRunsAllAndNRunsTheNextStep() {
        var state = AppState.atRunPending
        #expect(state.press(.enter) == [.startRun(.all)])
        #expect(state.run.mode == .all)
        #expect(state.press(.enter) == [], "a run is already going on")
        state = AppState.atRunPending
        #expect(state.press(.character("n")) == [.startRun(.next)])
        #expect(state.run.mode == .next)
        state.send(.runEnded)
        #expect(state.run.mode == nil)
    }

    /// A run refused at its start says why, not that a session could not be saved.
    @Test func aRefusedRunSaysWhy() {
        var state = AppState.atRunPending
        state.press(.enter)
        state.send(.runRefused("changing the server needs root: quit and run `sudo lt-setup`"))
        state.send(.runEnded)
        #expect(state.run.mode == nil)
        #expect(state.lines.contains { $0.contains("The run cannot start: changing the server needs root") })
        #expect(!state.lines.contains { $0.contains("Could not save the session") })
        #expect(state.run.notStarted, "nothing started: the Before you start pane stays")
    }

    @Test func runEventsMoveTheStepsAndTheClockGivesTheirTimes() {
        var state = AppState.atRunPending
        state.press(.enter)
        state.send(.tick(seconds: 10), .runEvent(.stepStarted(Fixture.id(1), title: "Install", number: 1, of: 12)))
        #expect(state.run.steps[0].progress == .running(since: 10))
        #expect(state.run.steps[0].title == "Install")
        state.send(.tick(seconds: 12.5))
        #expect(state.lines[1].contains("running 2s"))
        state.send(.runEvent(.actionStarted(Fixture.id(1), "$ apt-get update")),
                   .runEvent(.output(Fixture.id(1), "Hit:1 http://deb.debian.org/debian bookworm InRelease")))
        #expect(state.run.steps[0].log.count == 2)
        state.send(.tick(seconds: 40), .runEvent(.stepFinished(Fixture.id(1), .done)))
        #expect(state.run.steps[0].progress == .finished(.done, seconds: 30))
        #expect(state.lines[1].contains("✔") && state.lines[1].contains("done 30s"))
        state.send(.runEvent(.stepStarted(Fixture.id(2), title: Fixture.id(2).rawValue, number: 2, of: 12)))
        #expect(state.run.selected == 1, "the selection follows the run")
        #expect(state.run.steps[1].title == Fixture.plan.steps[1].title, "an id for a title keeps the plan's words")
        #expect(state.run.mode == .all)
    }

    @Test func theLogKeepsAtMostItsCapacityWhateverAStepPrints() {
        var state = AppState.atRunPending
        state.press(.enter)
        state.send(.runEvent(.stepStarted(Fixture.id(1), title: "Install", number: 1, of: 12)))
        for number in 1...10_000 { state.send(.runEvent(.output(Fixture.id(1), "line \(number)"))) }
        let log = state.run.steps[0].log
        #expect(log.count <= 500)
        #expect(log.total == 10_000)
        #expect(log.last?.text == "line 10000")
        #expect(log[0].text == "line 9501")
        #expect(state.lines[12].contains("lines 9992-10000 of 10000"))
    }

    @Test func aHugeLineOrEscapeCodesCannotFloodThePane() {
        let long = String(repeating: "x", count: 100_000)
        #expect(LogLine.sanitized(long).count == LogLine.maximumLength)
        #expect(LogLine.sanitized("\u{1B}[31mred\u{1B}[0m\tend\r") == "red    end")
    }

    @Test func theLogFollowsItsTailUnlessScrolledUp() {
        var state = AppState.atRunPending
        state.press(.enter)
        let id = Fixture.id(1)
        state.send(.runEvent(.stepStarted(id, title: "Install", number: 1, of: 12)))
        for number in 1...100 { state.send(.runEvent(.output(id, "line \(number)"))) }
        #expect(state.run.logScroll == 0)
        #expect(state.lines[21].contains("line 100"))
        state.press(.pageUp)
        #expect(state.run.logScroll == 8)
        let shown = state.lines[13...21].joined(separator: "\n")
        #expect(shown.contains("line 92") && !shown.contains("line 93"))
        state.send(.runEvent(.output(id, "line 101")), .runEvent(.output(id, "line 102")))
        #expect(state.run.logScroll == 10)
        #expect(state.lines[13...21].joined(separator: "\n") == shown, "a pane scrolled up keeps its lines")
        #expect(state.lines[12].contains("End follows"))
        state.press(.end)
        #expect(state.run.logScroll == 0)
        #expect(state.lines[21].contains("line 102"))
        #expect(state.lines[12].contains("following"))
        state.press(.home)
        #expect(state.lines[13] == "  line 1", "\(state.lines[12])")
        #expect(state.lines[12].contains("lines 1-9 of 102"), "\(state.lines[12])")
    }

    @Test func aFailureStopsRunAllAndSaysWhatToDo() {
        var state = AppState.after(GoldenScenarios.failed(Fixture.plan))
        #expect(state.run.mode == nil)
        #expect(state.run.stoppedAt == Fixture.id(5))
        #expect(state.run.selected == 4)
        #expect(state.run.steps[5].progress == .pending, "nothing after the failure ran")
        #expect(state.lines.contains { $0.contains("✖ Step 5 failed: certbot exited with code 1") })
        #expect(state.lines.contains { $0.contains("What to do") })
        #expect(state.footer.hasPrefix("↑↓ step  r retry  s skip  l log"))
        #expect(state.press(.enter) == [], "Enter does not run past a failure")
        #expect(state.press(.character("r")) == [.retry(Fixture.id(5))])
        #expect(state.run.mode == .all)
        #expect(state.run.stoppedAt == nil)
    }

    @Test func aFailedConfigTestPutsTheRestoredStepsBackToRun() {
        var state = AppState.atRunPending
        state.press(.enter)
        for number in 1...3 {
            state.send(.runEvent(.stepStarted(Fixture.id(number), title: "", number: number, of: 12)),
                       .runEvent(.stepFinished(Fixture.id(number), .done)))
        }
        state.send(.runEvent(.stepStarted(Fixture.id(4), title: "", number: 4, of: 12)),
                   .runEvent(.stepFinished(Fixture.id(4), .failed("the configuration test failed", restored: [Fixture.id(2), Fixture.id(3)]))))
        #expect(state.run.steps[1].progress == .pending && state.run.steps[2].progress == .pending)
        #expect(state.lines.contains { $0.contains("The files of step 2 and 3 were put back") })
    }

    @Test func skippingAStepAsksFirst() {
        var state = AppState.after(GoldenScenarios.failed(Fixture.plan))
        #expect(state.press(.character("s")) == [])
        #expect(state.overlay == .skipConfirm(Fixture.id(5)))
        #expect(state.press(.character("n")) == [])
        #expect(state.overlay == nil)
        state.press(.character("s"))
        #expect(state.press(.character("y")) == [.skip(Fixture.id(5))])
        state.send(.runEvent(.stepStarted(Fixture.id(5), title: Fixture.id(5).rawValue, number: 5, of: 12)),
                   .runEvent(.stepFinished(Fixture.id(5), .skipped(StepOutcome.skippedByOperator))))
        #expect(state.run.stoppedAt == nil)
        #expect(state.lines.contains { $0.contains(" 5. ") && $0.hasSuffix("skipped") }, "the operator's skip is called so")
        state.send(.runEvent(.stepStarted(Fixture.id(6), title: Fixture.id(6).rawValue, number: 6, of: 12)),
                   .runEvent(.stepFinished(Fixture.id(6), .skipped("LibreTime's config.yml is missing"))))
        #expect(state.lines.contains { $0.contains(" 6. ") && $0.hasSuffix("not applicable") }, "a step the plan left out is not applicable")
        #expect(state.footer.contains("Enter run all"))
        state.press(.up, .up)
        #expect(!state.footer.contains("s skip"), "a done step cannot be skipped")
        #expect(state.press(.character("s")) == [])
    }

    @Test func stoppingTheRunningStepAsksFirst() {
        var state = AppState.after(GoldenScenarios.running(Fixture.plan))
        #expect(state.press(.character("x")) == [])
        #expect(state.overlay == .abortConfirm)
        #expect(state.press(.escape) == [])
        state.press(.control("c"))
        #expect(state.press(.character("y")) == [.abortStep])
        state.send(.runEvent(.stepFinished(Fixture.id(5), .interrupted)))
        #expect(state.run.stoppedAt == Fixture.id(5))
        #expect(state.lines.contains { $0.contains("Step 5 was stopped") })
    }

    @Test func quittingWhileAStepRunsAsksFirst() {
        var state = AppState.after(GoldenScenarios.running(Fixture.plan))
        #expect(state.press(.character("q")) == [])
        #expect(state.overlay == .quitConfirm)
        #expect(state.press(.character("n")) == [])
        #expect(state.overlay == nil && !state.quitRequested)
        state.press(.control("q"))
        #expect(state.press(.character("y")) == [.quit])
        #expect(state.quitRequested)
    }

    @Test func escGoesBackOnlyWhileNothingHasRun() {
        var state = AppState.after(GoldenScenarios.failed(Fixture.plan))
        #expect(state.press(.escape) == [])
        #expect(state.screen == .run)
        #expect(!state.footer.contains("Esc"))
    }

    @Test func theFullLogViewShowsMoreAndOpensThePager() {
        var state = AppState.after(GoldenScenarios.failed(Fixture.plan))
        state.press(.character("l"))
        #expect(state.run.showsFullLog)
        #expect(state.lines.contains { $0.contains("Detail: DNS problem: NXDOMAIN") })
        #expect(state.press(.character("p")) == [.openLog(Fixture.id(5))])
        state.press(.escape)
        #expect(!state.run.showsFullLog)
        #expect(state.screen == .run)
    }

    @Test func afterTheLastStepEnterShowsTheSummaryAndFinishes() {
        var state = AppState.after(GoldenScenarios.done(Fixture.plan))
        #expect(state.screen == .done)
        #expect(state.lines.contains { $0.contains("https://libretime.example.org:8443/main-low") })
        #expect(state.lines.contains { $0.contains("sudo lt-setup undo") })
        #expect(state.verification == .checking)
        #expect(state.lines.contains { $0.contains("Checking…") })
        state.press(.escape)
        #expect(state.screen == .run)
        #expect(state.run.isComplete)
        #expect(state.press(.enter) == [], "verified once: not again on the way back")
        #expect(state.screen == .done)
        #expect(state.press(.enter) == [.quit])
    }

    @Test func theSummaryAsksForTheVerificationAndShowsIt() {
        var state = AppState.after(GoldenScenarios.done(Fixture.plan).dropLast())
        #expect(state.screen == .run)
        #expect(state.press(.enter) == [.runVerification(ScenarioFixtures.answers)])
        #expect(state.screen == .done)
        state.send(.verificationReady(ScenarioFixtures.verified))
        #expect(state.verification == .ready(ScenarioFixtures.verified))
        #expect(state.lines.contains { $0.contains("⚠ The streams: main-low has no source yet") })
        #expect(!state.lines.contains { $0.contains("Checking") })
        #expect(state.lines.contains { $0.contains("sudo lt-setup undo") })
    }

    @Test func belowTheMinimumSizeOnlyTheMessageAndQuitRemain() {
        var state = AppState.atDetails
        state.send(.resized(Size(columns: 79, rows: 24)))
        #expect(state.lines.joined().contains("terminal too small (need 80×24)"))
        #expect(state.lines.joined().contains("79×24"))
        state.type("abc")
        #expect(state.details.domain.text == "", "keys do not reach a screen that cannot be seen")
        // Quit, and Ctrl-L, which repaints on every screen.
        #expect(Wizard.keyMap(for: state).map(\.intent) == [.quit, .redraw])
        state.send(.resized(Size(columns: 80, rows: 24)))
        #expect(state.lines[0].contains("3/7 Details"))

        var running = AppState.after(GoldenScenarios.running(Fixture.plan), columns: 60, rows: 20)
        #expect(Wizard.keyMap(for: running).map(\.intent) == [.redraw], "quitting a run needs the confirmation, which does not fit")
        #expect(running.press(.character("q")) == [])
    }

    /// Leaving the Done screen prints its facts to the shell, every change listed, so that
    /// the station's address, the backups, the logs and undo stay in the scrollback.
    @Test func theDoneScreensFactsArePrintedForTheShell() throws {
        let state = AppState.after(GoldenScenarios.done(ScenarioFixtures.plan))
        #expect(state.screen == .done)
        let text = try #require(Wizard.farewell(state))
        #expect(text.hasPrefix("✔ LibreTime now answers at https://libretime.example.org/"))
        #expect(text.contains("Backups      /var/lib/lt-setup/backups/"))
        #expect(text.contains("Logs         /var/log/lt-setup/"))
        #expect(text.contains("To undo      sudo lt-setup undo"))
        #expect(text.contains("Run the renewal hook once"), "every change, not the screen's shortened list")
        #expect(!text.contains("more (see the logs)"))
        #expect(Wizard.farewell(AppState.atPreview) == nil)
        // A server's words in a check result reach the shell without their escape sequences.
        var hostile = state
        hostile.send(.verificationReady([Check(.https, "https", .hard, .failed(seen: "answers 200 \u{1B}[2Jgone\u{7}", fix: "x"))]))
        let printed = try #require(Wizard.farewell(hostile))
        #expect(printed.contains("answers 200 gone"))
        #expect(!printed.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
    }

    /// The Done screen at 80×24 holds more than fits: nothing is cut, a marker says how
    /// much more there is, and the arrows and page keys scroll to every line of it.
    @Test func theDoneScreenScrollsToEverythingItSays() throws {
        var state = AppState.after(GoldenScenarios.done(ScenarioFixtures.plan)
            + [.program(.verificationReady(ScenarioFixtures.verified))])
        #expect(state.screen == .done)
        let first = Wizard.render(state).text
        #expect(first.contains("more lines (PgDn)"))
        #expect(state.footer.contains("PgUp/PgDn scroll"))
        var seen = first
        state.press(.pageDown)
        #expect(state.doneScroll > 0)
        seen += Wizard.render(state).text
        state.press(.end)
        #expect(state.doneScroll == Wizard.lastDoneScroll(state))
        let last = Wizard.render(state).text
        seen += last
        #expect(!last.contains("more line"))
        for check in ScenarioFixtures.verified where !check.result.isPassed {
            #expect(seen.contains(check.title), "\(check.title)")
        }
        let passed = ScenarioFixtures.verified.filter(\.result.isPassed).count
        #expect(seen.contains("\(passed) more checks passed (sudo lt-setup verify lists them)"))
        for step in state.run.steps {
            #expect(seen.contains(step.title), "\(step.title)")
        }
        state.press(.home)
        #expect(state.doneScroll == 0)
    }

    /// A box over the screen (help, a confirmation) stands on rows of its own: no letter of
    /// the screen behind shows at its sides.
    @Test func nothingBehindABoxShowsAtItsSides() {
        var preview = AppState.atPreview
        preview.press(.character("?"))
        var running = AppState.after(GoldenScenarios.running(ScenarioFixtures.plan))
        running.press(.character("?"))
        var quitting = AppState.after(GoldenScenarios.running(ScenarioFixtures.plan))
        quitting.press(.character("q"))
        for state in [preview, running, quitting] {
            let rows = Wizard.render(state).text.split(separator: "\n", omittingEmptySubsequences: false)
            for row in rows where row.contains("│") && (row.contains("┌") || row.contains("│ ") || row.contains("└")) {
                guard let first = row.firstIndex(where: { $0 == "│" || $0 == "┌" || $0 == "└" }),
                      let last = row.lastIndex(where: { $0 == "│" || $0 == "┐" || $0 == "┘" }) else { continue }
                #expect(row[..<first].allSatisfy { $0 == " " }, "left of the box: \(row)")
                #expect(row[row.index(after: last)...].allSatisfy { $0 == " " }, "right of the box: \(row)")
            }
        }
    }
}
