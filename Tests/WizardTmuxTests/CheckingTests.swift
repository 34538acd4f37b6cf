import GoldenScenarios
import LTSetupUI
import Testing
import TmuxTestSupport

/// The preflight runs off the wizard's loop: keys are answered while a check waits.
@Suite struct CheckingTests {
    /// The backend is a listener that never answers, so the preflight's request to it waits
    /// (five seconds, then it gives up). While it waits, Esc goes back to the Details screen:
    /// the screen changes before the probe's connection ends. Forward again starts a new
    /// preflight; once the backend hangs up, its results come and Enter continues.
    @Test func keysAreAnsweredWhileThePreflightWaitsOnTheBackend() throws {
        let backend = try SilentBackend()
        let fixture = try FixtureServer(ScenarioFixtures.server)
        let session = try TmuxSession(
            command: LTSetupBinary.command(["--root", fixture.root, "--session", fixture.sessionPath]))
        defer { session.kill() }
        let timeout = WizardGoldenTests.timeout
        try WizardWalk.toDetails(session, typing: ScenarioFixtures.domain)
        try session.sendKeys("Tab")
        try session.sendKeys(contentsOf: Array(repeating: "BSpace", count: "localhost:8080".count))
        try session.type("127.0.0.1:\(backend.port)")
        try session.waitFor("[127.0.0.1:\(backend.port) ", timeout: timeout)
        // HTTPS off (no email needed), then Continue.
        try session.sendKeys("Tab", "Space")
        try session.waitFor("[ ] off", timeout: timeout)
        try session.sendKeys("Tab", "Enter")
        try session.waitForAll("4/7 Preflight", "Checking", timeout: timeout)

        try backend.acceptRequest(within: WizardGoldenTests.preflightTimeout)
        try session.sendKeys("Escape")
        try session.waitForAll("3/7 Details", "[127.0.0.1:\(backend.port) ", timeout: timeout)
        #expect(backend.allStillWaiting, "the screen changed while the probe still waited")

        try session.sendKeys("Enter")
        try session.waitForAll("4/7 Preflight", "Checking", timeout: timeout)
        try backend.acceptRequest(within: WizardGoldenTests.preflightTimeout)
        backend.hangUp()
        try session.waitForAll(contentsOf: PreflightResults.shown, timeout: WizardGoldenTests.preflightTimeout)
        #expect(try !session.capture().contains("Checking"))
    }
}
