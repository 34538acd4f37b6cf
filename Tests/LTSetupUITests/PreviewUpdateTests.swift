import GoldenScenarios
import LTSetupCore
@testable import LTSetupUI
import Testing

@Suite struct PreviewUpdateTests {
    @Test func theFilesOfThePlanAreListedWithWhatHappensToThem() {
        let files = AppState.atPreview.preview.files
        #expect(files.map(\.path) == [
            "/etc/nginx/sites-available/libretime.example.org.conf",
            "/etc/nginx/sites-enabled/default",
            "/etc/nginx/sites-enabled/libretime.example.org.conf",
            "/etc/icecast2/bundle.pem",
            "/etc/icecast2/icecast.xml",
            "/etc/letsencrypt/renewal-hooks/deploy/lt-setup-icecast-libretime.example.org.sh",
            "/etc/libretime/config.yml",
        ])
        #expect(files.map(\.change.marker) == ["new", "removed", "link", "new", "changed", "new", "changed"])
        #expect(files[4].added == 5 && files[4].removed == 0)
        #expect(files[4].lines.contains(PreviewLine("+        <port>8443</port>", .added)))
    }

    /// The note on the site file names certbot's step by its number in the plan, as the Run
    /// screen does, also when a step before it is done already (the packages are installed).
    /// A secret next to a changed line is masked, as in `lt-setup plan`: a screen may be
    /// shared. The change itself is still shown.
    @Test func secretsInADiffAreMasked() throws {
        let old = "general:\n  public_url: http://192.0.2.10:8080\n  api_key: s3cr3t-key\ndatabase:\n  password: db-pw\n"
        let new = old.replacingOccurrences(of: "http://192.0.2.10:8080", with: "https://libretime.example.org")
        let write = FileWrite(path: ServerPaths.libretimeConfig, content: new, permissions: nil, previous: .file(old))
        let step = try #require(ScenarioFixtures.plan?.step(.libretimeConfig))
        let file = PreviewFile.written(write, step: step, notes: [])
        let texts = file.lines.map(\.text)
        #expect(!texts.contains { $0.contains("s3cr3t-key") || $0.contains("db-pw") }, "\(texts)")
        #expect(texts.contains { $0.contains("api_key: ********") })
        #expect(texts.contains("+  public_url: https://libretime.example.org"))
        #expect(file.added == 1 && file.removed == 1)
    }

    @Test func aLaterStepIsNamedByItsNumberInThePlan() throws {
        var server = ScenarioFixtures.server
        server.files[InstalledPackages.statusPath] = .file(ScenarioFixtures.dpkgStatus
            + "\nPackage: python3-certbot-nginx\nStatus: install ok installed\nVersion: 2.1.0-2\n")
        let plan = try PlanBuilder.build(ScenarioFixtures.answers, on: server)
        #expect(plan.steps.first?.status.willRun == false, "the packages are installed")
        let number = try #require(plan.steps.firstIndex { $0.id == .certificate }) + 1
        let site = try #require(PreviewFile.files(in: plan).first { $0.path == "/etc/nginx/sites-available/libretime.example.org.conf" })
        #expect(site.lines.contains(PreviewLine("Step \(number) changes it again when it runs: certbot adds to it.", .note)))
        #expect(number == 5)
    }

    @Test func upAndDownSelectAFileAndPageKeysScrollItsContent() {
        var state = AppState.atPreview
        #expect(state.press(.up) == [])
        #expect(state.preview.selectedFile == 0)
        state.press(.pageDown)
        #expect(state.preview.contentScroll == 10)
        state.press(.pageDown, .pageDown, .pageDown)
        let last = state.preview.contentScroll
        #expect(last == Wizard.lastContentScroll(state.preview.files[0], state))
        #expect(last > 0)
        state.press(.home)
        #expect(state.preview.contentScroll == 0)
        state.press(.end)
        #expect(state.preview.contentScroll == last)
        state.press(.down)
        #expect(state.preview.selectedFile == 1)
        #expect(state.preview.contentScroll == 0, "a new file starts at its top")
    }

    @Test func tabSwitchesToTheStepsAndBack() {
        var state = AppState.atPreview
        state.press(.tab)
        #expect(state.preview.tab == .steps)
        #expect(state.lines.contains { $0.contains("$ apt-get install -y python3-certbot-nginx") })
        state.press(.down, .down, .end)
        #expect(state.preview.selectedStep == 10)
        #expect(state.lines.contains { $0.contains("11. Check that the certificate can be renewed") })
        state.press(.backTab)
        #expect(state.preview.tab == .files)
    }

    @Test func enterGoesToTheRunAndEscBackToThePreflightAndTheDetails() {
        var state = AppState.atPreview
        #expect(state.lines[1].contains("Nothing has been changed yet"))
        let raw = state.rawAnswers
        // Each move is saved (a resume comes back to the same place); nothing else happens.
        #expect(state.press(.enter) == [.saveAnswers(raw, screen: .run)], "the run starts only on the run screen")
        #expect(state.screen == .run)
        #expect(state.press(.escape) == [.saveAnswers(raw, screen: .preview)])
        #expect(state.screen == .preview)
        #expect(state.press(.escape) == [.saveAnswers(raw, screen: .preflight)],
                "the preflight results are kept, not checked again")
        #expect(state.screen == .preflight)
        #expect(state.preflight == .ready(ScenarioFixtures.preflightOK))
        state.press(.escape)
        #expect(state.screen == .details)
        #expect(state.planning == .idle)
    }

    @Test func resizingKeepsTheScrollInRange() {
        var state = AppState.atPreview
        state.press(.end)
        state.send(.resized(Size(columns: 120, rows: 60)))
        #expect(state.preview.contentScroll == Wizard.lastContentScroll(state.preview.files[0], state))
    }
}
