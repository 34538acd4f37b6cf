import Foundation
@testable import LTSetupCore
import Testing

@Suite struct PlanScriptTests {
    @Test func wordsAreQuotedOnlyWhenNeeded() {
        #expect(ShellQuote.word("nginx") == "nginx")
        #expect(ShellQuote.word("/etc/nginx/sites-available/a.example.org.conf") == "/etc/nginx/sites-available/a.example.org.conf")
        #expect(ShellQuote.word("") == "''")
        #expect(ShellQuote.word("a b") == "'a b'")
        #expect(ShellQuote.word("it's") == "'it'\\''s'")
        #expect(ShellQuote.word("$(id)") == "'$(id)'")
        #expect(ShellQuote.command(["run"], environment: ["B": "x y", "A": "1"]) == "A=1 B='x y' run")
    }

    func step(_ actions: [Action], id: StepID = .siteFile, status: PlannedStatus = .toDo) -> Step {
        Step(id: id, title: "Write it", guideSection: "Section", explanation: "Because.",
             actions: actions, doneWhen: .all([]), status: status)
    }

    func plan(_ steps: [Step]) -> Plan {
        Plan(answers: ServerFixtures.answers, steps: steps, notes: [], serviceManagerName: "systemd")
    }

    @Test func aNewFileGoesInAQuotedHereDocument() {
        let write = FileWrite(path: "/etc/x.conf", content: "a $HOME `id`\n", permissions: .config, previous: .missing)
        let text = PlanScript.fileLines(write, showSecrets: false)
        #expect(text == """
            # Create /etc/x.conf.
            keep /etc/x.conf
            mkdir -p /etc
            cat > /etc/x.conf <<'LT_SETUP_EOF'
            a $HOME `id`
            LT_SETUP_EOF
            chown root:root /etc/x.conf
            chmod 0644 /etc/x.conf

            """)
    }

    @Test func theDelimiterNeverAppearsInTheContent() {
        let write = FileWrite(path: "/x", content: "LT_SETUP_EOF\nLT_SETUP_EOF_\n", permissions: nil, previous: .symlink(target: "/y"))
        let text = PlanScript.fileLines(write, showSecrets: false)
        #expect(text.contains("<<'LT_SETUP_EOF__'\n"))
        #expect(text.contains("# Replace /x.\n"))
        #expect(!text.contains("chmod"))
    }

    @Test func doneAndSkippedStepsAreCommentedOut() {
        let run = Action.run(Command(["nginx", "-t"]))
        let steps = [step([run], status: .alreadyDone), step([run], status: .skipped("no icecast"))]
        let done = PlanScript.block(steps[0], number: 1, in: plan(steps), restored: [], showSecrets: false)
        #expect(done == """
            # ── Step 1 of 2: Write it
            # Guide: Section
            # Why: Because.
            # Already done when the plan was made: skipped.
            #   nginx -t

            """)
        let skipped = PlanScript.block(steps[1], number: 2, in: plan(steps), restored: [], showSecrets: false)
        #expect(skipped.hasSuffix("# Skipped: no icecast\n"))
        #expect(!skipped.contains("\nnginx -t"))
    }

    @Test func theBundleIsNeverWorldReadable() {
        let assembly = FileAssembly(path: "/etc/icecast2/bundle.pem", sources: ["/a.pem", "/b.pem"],
                                    permissions: FilePermissions(owner: "root", group: "icecast", mode: 0o640))
        let text = PlanText.commandLines(.assemble(assembly))
        #expect(text.contains("(umask 077 && cat /a.pem /b.pem > /etc/icecast2/bundle.pem.lt-setup-new)\n"))
        #expect(text.contains("chmod 0640 /etc/icecast2/bundle.pem.lt-setup-new\nmv -f"))
    }

    // MARK: - Secrets

    @Test func neitherFormPrintsThePasswordsUnlessAsked() throws {
        let plan = try PlanBuilder.build(ServerFixtures.answers, on: SecretFixtures.server())
        let secrets = SecretFixtures.icecastSecrets + SecretFixtures.libretimeSecrets
        let document = PlanDocument.render(plan)
        let script = PlanScript.render(plan)
        for secret in secrets {
            #expect(!document.contains(secret), "\(secret)")
            #expect(!script.contains(secret), "\(secret)")
        }
        // Secrets next to a change are shown masked, in context.
        #expect(document.contains("\n   api_key: ********\n"))
        #expect(document.contains("\n-  public_url:\n+  public_url: https://libretime.example.org\n"))
        let shown = PlanDocument.render(plan, showSecrets: true)
        #expect(shown.contains("\n   api_key: api-key-6\n"))
        #expect(PlanScript.render(plan, showSecrets: true).contains("#      api_key: api-key-6\n"))
    }

    @Test func theDocumentShowsChangesToExistingFilesAsDiffs() throws {
        let plan = try PlanBuilder.build(ServerFixtures.answers, on: SecretFixtures.server())
        let document = PlanDocument.render(plan)
        #expect(document.contains("# Change /etc/icecast2/icecast.xml, keeping its owner and mode:\n--- /etc/icecast2/icecast.xml\n+++ /etc/icecast2/icecast.xml (planned)\n@@ "))
        #expect(document.contains("+        <ssl-certificate>/etc/icecast2/bundle.pem</ssl-certificate>\n"))
        // Far from the changes, the file is not shown.
        #expect(!document.contains("<location>Earth</location>"))
        #expect(document.contains("# Create /etc/nginx/sites-available/libretime.example.org.conf.\n"))
        #expect(!document.hasPrefix("#!"))
    }

    /// A changed line that would hold a secret is not printed: the script stops there.
    @Test func aSecretInAChangedLineStopsTheScript() {
        let write = FileWrite(path: "/etc/x.yml", content: "a: 1\napi_key: new-key\n", permissions: nil,
                              previous: .file("a: 1\napi_key: old-key\n"))
        let text = PlanScript.fileLines(write, showSecrets: false)
        #expect(!text.contains("new-key") && !text.contains("old-key"))
        #expect(text.contains("line 2 holds a secret"))
        #expect(text.hasSuffix(">&2\nexit 1\n"))
    }

    // MARK: - Running the script

    /// The script's part for one file, run for real with `sh` on a copy, with its backups
    /// in `backups`.
    func runFileLines(_ write: FileWrite, backups: URL) throws -> ShellRunner.Result {
        let prelude = PlanScript.prelude.replacing(PlanScript.backupFolder, with: backups.path)
        return try ShellRunner.run(["sh", "-s"], input: prelude + PlanScript.fileLines(write, showSecrets: false) + ")\n")
    }

    @Test func theScriptsEditOfEachExistingFileMakesThePlannedFileByteForByte() throws {
        let plan = try PlanBuilder.build(ServerFixtures.answers, on: SecretFixtures.server())
        let folder = try ShellRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let edits = plan.fileWrites.filter { $0.previous.text != nil }
        #expect(edits.map(\.path) == [ServerPaths.icecastConfig, ServerPaths.libretimeConfig])
        for (index, planned) in edits.enumerated() {
            let copy = folder.appendingPathComponent("file\(index)")
            let old = try #require(planned.previous.text)
            try ShellRunner.write(old, to: copy)
            try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: copy.path)
            let write = FileWrite(path: copy.path, content: planned.content, permissions: nil, previous: planned.previous)
            let backups = folder.appendingPathComponent("backups\(index)")
            let result = try runFileLines(write, backups: backups)
            #expect(result.status == 0, "\(result.stderr)")
            #expect(try ShellRunner.read(copy) == planned.content, "\(planned.path)")
            #expect(try FileManager.default.attributesOfItem(atPath: copy.path)[.posixPermissions] as? Int == 0o640)
            // The file as it was, kept under its own path.
            #expect(try ShellRunner.read(backups.appendingPathComponent(copy.path)) == old)
        }
    }

    @Test func aFileThatChangedSincePlanningIsLeftAlone() throws {
        let folder = try ShellRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let copy = folder.appendingPathComponent("config.yml")
        try ShellRunner.write("public_url:\nedited: by hand\n", to: copy)
        let write = FileWrite(path: copy.path, content: "public_url: https://a.example.org\n", permissions: nil,
                              previous: .file("public_url:\n"))
        let result = try runFileLines(write, backups: folder.appendingPathComponent("backups"))
        #expect(result.status == 1)
        #expect(result.stderr.contains("is not the file this plan was made from"))
        #expect(try ShellRunner.read(copy) == "public_url:\nedited: by hand\n")
    }

    @Test func aCopyLeftByAnEarlierRunIsNeverOverwritten() throws {
        let folder = try ShellRunner.temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let file = folder.appendingPathComponent("site.conf")
        let backups = folder.appendingPathComponent("backups")
        try ShellRunner.write("mine\n", to: file)
        let earlier = backups.appendingPathComponent(file.path)
        try FileManager.default.createDirectory(at: earlier.deletingLastPathComponent(), withIntermediateDirectories: true)
        try ShellRunner.write("original\n", to: earlier)
        let write = FileWrite(path: file.path, content: "ours\n", permissions: .config, previous: .file("mine\n"))
        let result = try runFileLines(write, backups: backups)
        #expect(result.status == 1)
        #expect(result.stderr.contains("is left from an earlier run"))
        #expect(try ShellRunner.read(earlier) == "original\n")
        #expect(try ShellRunner.read(file) == "mine\n")
    }

    /// Pasted into a shell, a failing step stops the steps after it but not the shell: what
    /// follows the script still runs.
    @Test(arguments: [["sh", "-s"], ["bash", "--norc", "--noprofile", "-i"]])
    func pastedIntoAShellAFailureLeavesTheShellOpen(_ shell: [String]) throws {
        let steps = [
            step([.run(Command(["echo", "first-step-ran"]))], id: .packages),
            step([.run(Command(["false"]))], id: .siteFile),
            step([.run(Command(["echo", "third-step-ran"]))], id: .enableSite),
        ]
        let script = PlanScript.render(plan(steps))
        let result = try ShellRunner.run(shell, input: script + "echo shell-still-open\n")
        #expect(result.stdout.contains("first-step-ran"))
        #expect(!result.stdout.contains("third-step-ran"))
        #expect(result.stdout.contains("shell-still-open"), "\(result.stdout)\n\(result.stderr)")
        #expect(result.stderr.contains("lt-setup: stopped in Step 2 of 3: Write it (status 1)"))
    }

    @Test func runAsAFileAFailureIsItsExitStatus() throws {
        let failing = PlanScript.render(plan([step([.run(Command(["false"]))])]))
        #expect(try ShellRunner.run(["sh", "-s"], input: failing).status == 1)
        let passing = PlanScript.render(plan([step([.run(Command(["true"]))])]))
        let result = try ShellRunner.run(["sh", "-s"], input: passing)
        #expect(result.status == 0)
        #expect(result.stdout.contains("every step ran"))
    }

    /// The config test's comment names the steps to put back and how, and is true: the loop
    /// it prints restores the kept copies and removes what was new.
    @Test func theConfigTestSaysHowToPutTheFilesBack() throws {
        let plan = try PlanBuilder.build(ServerFixtures.answers, on: ServerFixtures.libretimeServer())
        let script = PlanScript.render(plan)
        #expect(script.contains("# To put back what steps 2 and 3 changed"))
        #expect(script.contains("#   for f in /etc/nginx/sites-available/libretime.example.org.conf /etc/nginx/sites-enabled/default /etc/nginx/sites-enabled/libretime.example.org.conf; do\n"))
        #expect(!script.contains("lt-setup puts the previous files back"))
        #expect(script.contains("\nkeep /etc/nginx/sites-enabled/default\nrm -f /etc/nginx/sites-enabled/default\n"))
    }

    @Test func theWholeScriptIsValidShell() throws {
        let plan = try PlanBuilder.build(ServerFixtures.answers, on: SecretFixtures.server())
        let script = PlanScript.render(plan)
        #expect(script.hasPrefix("#!/bin/sh\n"))
        #expect(script.hasSuffix(")\n"))
        #expect(try ShellRunner.run(["sh", "-n"], input: script).status == 0)
    }
}
