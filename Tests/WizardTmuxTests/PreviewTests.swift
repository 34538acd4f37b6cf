import GoldenScenarios
import LTSetupCore
import LTSetupRuntime
import LTSetupUI
import Testing
import TmuxTestSupport

/// What the tmux tests stand on, and the preview's promise: `--root` changes nothing.
@Suite struct PreviewTests {
    /// The fixture on disk reads, through `DiskServerFiles`, as the in-memory server does.
    @Test func theFixtureOnDiskReadsAsTheInMemoryServer() throws {
        let fixture = try FixtureServer(ScenarioFixtures.server)
        let disk = DiskServerFiles(root: fixture.root)
        for (path, state) in ScenarioFixtures.server.files {
            #expect(disk.state(of: path) == state, "\(path)")
        }
        #expect(disk.contents(of: "/etc/nginx/sites-enabled/default") == ScenarioFixtures.nginxDefaultSite)
        #expect(try PlanBuilder.build(ScenarioFixtures.answers, on: disk) == ScenarioFixtures.plan)
    }

    /// The line-by-line wizard on a preview prints the plan, and writes nothing: not the
    /// fixture, not a session or answers file.
    @Test func plainPreviewPrintsThePlanAndChangesNothing() throws {
        let fixture = try FixtureServer(ScenarioFixtures.server)
        let before = FixtureServer.listing(fixture.root)
        let result = try Spawn.run(
            [LTSetupBinary.path, "--plain", "--root", fixture.root, "--session", fixture.sessionPath],
            environment: ["PATH": "/usr/sbin:/usr/bin:/sbin:/bin", "LANG": "C.UTF-8", "TERM": "dumb"],
            input: "nginx\nlibretime.example.org\n\nno\nn\n")
        #expect(result.status == 0, "\(result.output)\(result.errors)")
        #expect(result.output.contains("/etc/nginx/sites-available/libretime.example.org.conf"), "\(result.output)")
        #expect(result.output.contains("This was a preview of the files under \(fixture.root); nothing was changed."),
                "\(result.output)")
        #expect(!result.output.contains("certbot"), "https off: no certificate step\n\(result.output)")
        #expect(FixtureServer.listing(fixture.root) == before)
        #expect(FixtureServer.listing(fixture.scratch) == [])
    }

    /// The screens on a preview: the preflight does not block; Enter on the run screen says it is a preview and runs
    /// nothing; q quits with status 0; nothing was written.
    @Test func screenPreviewRefusesToRunAndChangesNothing() throws {
        let fixture = try FixtureServer(ScenarioFixtures.server)
        let before = FixtureServer.listing(fixture.root)
        let session = try TmuxSession(
            command: LTSetupBinary.command(["--root", fixture.root, "--session", fixture.sessionPath]))
        defer { session.kill() }
        let timeout = WizardGoldenTests.timeout
        try WizardWalk.toDetails(session, typing: ScenarioFixtures.domain)
        // Down to the HTTPS box, off, then to Continue.
        try session.sendKeys("Tab", "Tab", "Space")
        try session.waitForAll("[ ] off", timeout: timeout)
        try session.sendKeys("Tab", "Enter")
        // The preflight, with this machine's probes: a preview goes on past what would block a run.
        try session.waitForAll(contentsOf: PreflightResults.shown, timeout: WizardGoldenTests.preflightTimeout)
        try session.sendKeys("Enter")
        try session.waitForAll("5/7 Preview", "libretime.example.org.conf", timeout: timeout)
        try session.sendKeys("Enter")
        try session.waitForAll("6/7 Run", "Nothing has been changed yet", timeout: timeout)
        try session.sendKeys("Enter")
        try session.waitFor("this is a preview of the files under", timeout: timeout)
        #expect(try !session.capture().contains("running"))
        try session.sendKeys("q")
        #expect(try session.waitForExit(timeout: timeout) == 0)
        #expect(FixtureServer.listing(fixture.root) == before)
        #expect(FixtureServer.listing(fixture.scratch) == [])
    }
}
