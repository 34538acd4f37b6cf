import GoldenScenarios
import LTSetupCore
import LTSetupRuntime
import LTSetupUI
import Testing
import TmuxTestSupport

/// The real `lt-setup` under tmux against every golden screen: started as a preview on the
/// scenarios' fixture server written to disk (or, for a fake run or fake checks, with
/// `wizard-replay`), driven by the scenario's keys, its screen must be the golden file
/// byte for byte. One capture, three uses, no drift.
@Suite struct WizardGoldenTests {
    /// The goldens the binary cannot reach by itself, and why: these are replayed with the
    /// scenario's reports (`wizard-replay`). A new golden must be put on one side or the
    /// other: this list is checked exactly.
    static let notReplayable: Set<String> = [
        // A fake run: run events and clock ticks; a preview refuses to run, and a real run's
        // output and times are not the fake ones.
        "run-running-80x24", "run-running-120x40",
        "run-failed-80x24", "run-failed-ascii-80x24",
        "run-log-80x24", "run-skip-confirm-80x24",
        "quit-confirm-80x24",
        "done-80x24", "done-120x40", "done-verified-80x24",
        // The preflight's results are the real machine's, not the scenario's fake checks
        // (the preview goldens pass through the preflight screen: their replay waits for it
        // to settle and presses Enter, see `BinaryReplay`).
        "preflight-ok-80x24", "preflight-blocked-80x24",
        // The Welcome and Details screens of a --root preview say that it is one (nothing
        // runs, answers are not saved); these goldens show a real run's. The binary's own
        // preview frames on the way to the later goldens are checked by those.
        "welcome-fresh-80x24", "welcome-fresh-120x40",
        "details-empty-80x24", "details-empty-ascii-80x24", "details-filled-80x24",
        "details-invalid-domain-80x24", "details-invalid-domain-120x40",
        // Another lt-setup holding the session's lock while it finishes a step: the
        // hangup flow of tests/e2e/wizard-e2e.sh shows the real one.
        "welcome-finishing-80x24",
    ]

    /// How long one frame may take to appear: a debug build on two busy cores.
    static let timeout = 10.0
    /// How long the real preflight may take (connections, DNS lookups).
    static let preflightTimeout = 60.0

    @Test func theGoldensTheBinaryCannotReachByItselfAreExactlyTheRunAndCheckOnes() {
        let found = BinaryReplay.notReplayable
        let reasons = found.map { "\($0.name): \($0.reason)" }.joined(separator: "\n")
        #expect(Set(found.map(\.name)) == Self.notReplayable, "not replayable:\n\(reasons)")
        #expect(BinaryReplay.replayableNames.count + found.count == GoldenScenarios.all.count)
        #expect(LTSetupBinary.goldenFileNames() == GoldenScenarios.all.map(\.fileName).sorted())
    }

    /// Every golden, against the real binary: by itself where it can (its own plan from the
    /// fixture files on disk, its own preflight), else answering the keys with the
    /// scenario's reports.
    @Test(arguments: GoldenScenarios.all.map(\.name))
    func theBinaryShowsTheGolden(_ name: String) throws {
        let scenario = try #require(GoldenScenarios.named(name))
        let replay = BinaryReplay.best(scenario)
        #expect(replay.scripted == Self.notReplayable.contains(name))
        let golden = try #require(LTSetupBinary.golden(scenario.fileName))
        let fixture = try FixtureServer(ScenarioFixtures.server)
        if replay.resumesSession { try UnfinishedSession.write(to: fixture.sessionPath) }
        if replay.resumesDraft { try SavedDraft.write(besideSession: fixture.sessionPath) }
        let arguments = ["--root", fixture.root, "--session", fixture.sessionPath]
        let session = try TmuxSession(
            command: replay.scripted ? LTSetupBinary.replayCommand(name) : LTSetupBinary.command(arguments),
            columns: scenario.setup.size.columns, rows: scenario.setup.size.rows,
            environment: ["LANG": replay.language])
        defer { session.kill() }

        // The first frame, whole: keys sent before the terminal is in raw mode would be lost.
        try step("the first frame") { try session.waitForScreen(replay.initialFrame, timeout: Self.timeout) }
        for (index, move) in replay.moves.enumerated() {
            try step("move \(index + 1) of \(replay.moves.count) (\(move.description))") {
                try send(move.keys, to: session)
                if let frame = move.frame {
                    try session.waitForScreen(frame, timeout: Self.timeout)
                } else {
                    try session.waitForAll(contentsOf: move.settled, timeout: Self.preflightTimeout)
                }
            }
        }
        try step("the golden file \(scenario.fileName)") { try session.waitForScreen(golden, timeout: Self.timeout) }
    }

    /// The replay program names the goldens there are when asked for one that is not.
    @Test func theReplayNamesItsScreens() throws {
        let result = try Spawn.run([LTSetupBinary.replayPath, "run-nothing-80x24"], environment: [:])
        #expect(result.status == 64)
        #expect(result.errors.contains("no golden screen is named run-nothing-80x24"))
        #expect(result.errors.contains("run-failed-80x24"))
    }

    /// `wizard-replay` answers only the keys its scenario expects: `n` (next step) where
    /// the scenario pressed Enter (run all) starts nothing, and the run's reports never come.
    @Test func aKeyTheScenarioDoesNotExpectEndsTheReplay() throws {
        let scenario = try #require(GoldenScenarios.named("run-running-80x24"))
        let replay = BinaryReplay.scripted(scenario)
        let lastKey = try #require(scenario.steps.lastIndex { if case .key = $0 { return true } else { return false } })
        #expect(scenario.steps[lastKey] == .key(.enter))
        let strayed = GoldenScenario("strayed", setup: scenario.setup,
                                     steps: Array(scenario.steps[..<lastKey]) + [.key(.character("n"))])
        let session = try TmuxSession(command: LTSetupBinary.replayCommand(scenario.name),
                                      environment: ["LANG": replay.language])
        defer { session.kill() }
        try session.waitForScreen(replay.initialFrame, timeout: Self.timeout)
        for move in replay.moves.dropLast() {
            try send(move.keys, to: session)
            try session.waitForScreen(try #require(move.frame), timeout: Self.timeout)
        }
        try session.type("n")
        try session.waitForScreen(strayed.render().text, timeout: Self.timeout)
        #expect(strayed.render() != scenario.render(), "the frame tells a replay that went on from one that stopped")
    }

    /// Sends keys in order: characters together, literally; others by tmux name.
    func send(_ keys: [Key], to session: TmuxSession) throws {
        var text = ""
        for key in keys {
            if case .character(let character) = key {
                text.append(character)
                continue
            }
            if !text.isEmpty { try session.type(text) }
            text = ""
            if let name = TmuxKeys.name(key) { try session.sendKeys(name) }
        }
        if !text.isEmpty { try session.type(text) }
    }

    /// Runs `body`, saying which part of the walk failed.
    func step(_ what: String, _ body: () throws -> Void) throws {
        do {
            try body()
        } catch {
            throw WalkFailure(description: "at \(what): \(error)")
        }
    }

    struct WalkFailure: Error, CustomStringConvertible {
        let description: String
    }
}
