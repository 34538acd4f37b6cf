import GoldenScenarios
import LTSetupUI
import Testing
import TmuxTestSupport

/// The real `lt-setup` under tmux, its window resized with no key pressed in between, as an
/// operator resizes a terminal window: each frame must follow the new size by itself.
@Suite struct ResizeTests {
    /// How long a repaint may take after a resize: SIGWINCH to the frame, a debug build on
    /// two busy cores. (The frame itself comes within milliseconds.)
    static let repaint = 2.0

    func start(_ fixture: FixtureServer) throws -> TmuxSession {
        try TmuxSession(command: LTSetupBinary.command(["--root", fixture.root, "--session", fixture.sessionPath]),
                        columns: 80, rows: 24, environment: ["LANG": "C.UTF-8"])
    }

    func golden(_ name: String) throws -> String {
        try #require(LTSetupBinary.golden(name))
    }

    /// A golden scenario's last frame as the binary shows it: its Welcome and Details
    /// screens say that a `--root` preview is one.
    func previewFrame(_ name: String) throws -> String {
        let scenario = try #require(GoldenScenarios.named(name))
        var setup = scenario.setup
        setup.previewRoot = "the fixture"
        return GoldenScenario(name, setup: setup, steps: scenario.steps).render().text
    }

    /// Shrunk below 80×24, then grown, with no key: the notice, then the full frame at the new
    /// size. (The resize waited in ncurses' queue until a key came.)
    @Test func aResizeIsRepaintedWithoutAKey() throws {
        let fixture = try FixtureServer(ScenarioFixtures.server)
        let session = try start(fixture)
        defer { session.kill() }
        try session.waitForScreen(try previewFrame("welcome-fresh-80x24"), timeout: WizardGoldenTests.timeout)
        try session.resize(columns: 60, rows: 20)
        try session.waitForScreen(try golden("too-small-60x20.txt"), timeout: Self.repaint)
        try session.resize(columns: 120, rows: 40)
        try session.waitForScreen(try previewFrame("welcome-fresh-120x40"), timeout: Self.repaint)
    }

    /// On the "terminal too small" notice only q (and help) act: a Down there does not move
    /// the focus of the form hidden behind it.
    @Test func keysOnTheTooSmallNoticeDoNotReachTheHiddenForm() throws {
        let fixture = try FixtureServer(ScenarioFixtures.server)
        let session = try start(fixture)
        defer { session.kill() }
        try session.waitForScreen(try previewFrame("welcome-fresh-80x24"), timeout: WizardGoldenTests.timeout)
        try session.sendKeys("Enter")
        try session.waitFor("2/7 Proxy", timeout: WizardGoldenTests.timeout)
        try session.sendKeys("Enter")
        try session.waitForScreen(try previewFrame("details-empty-80x24"), timeout: WizardGoldenTests.timeout)
        try session.resize(columns: 60, rows: 20)
        try session.waitForScreen(try golden("too-small-60x20.txt"), timeout: Self.repaint)
        try session.sendKeys("Down", "Down", "Tab")
        try session.resize(columns: 80, rows: 24)
        try session.waitForScreen(try previewFrame("details-empty-80x24"), timeout: Self.repaint)
    }

    /// Another program's output over the frame (a wall message, a kernel log line): Ctrl-L
    /// paints the whole screen again.
    @Test func ctrlLRepaintsAGarbledScreen() throws {
        let fixture = try FixtureServer(ScenarioFixtures.server)
        let session = try start(fixture)
        defer { session.kill() }
        let welcome = try previewFrame("welcome-fresh-80x24")
        try session.waitForScreen(welcome, timeout: WizardGoldenTests.timeout)
        let tty = try session.info("#{pane_tty}")
        let garbage = "\u{1B}[5;10Hgarbled by another program\u{1B}[12;3HXXXXXXXXXXXX"
        try garbage.write(toFile: tty, atomically: false, encoding: .utf8)
        _ = try session.waitFor("garbled by another program", timeout: Self.repaint)
        try session.sendKeys("C-l")
        try session.waitForScreen(welcome, timeout: Self.repaint)
    }
}
