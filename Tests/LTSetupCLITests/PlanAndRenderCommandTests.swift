import Foundation
import Testing

@Suite struct PlanAndRenderCommandTests {
    let answers = """
        proxy: nginx
        domain: libretime.example.org
        email: admin@example.org

        """

    @Test func planScriptPrintsEveryStepAsAValidShellScript() throws {
        let root = try FixtureRoot()
        defer { root.remove() }
        let result = try CLI.run(["plan", "--script", "--answers", try root.answers(answers), "--root", root.url.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.hasPrefix("#!/bin/sh\n"))
        for number in 1...11 {
            #expect(result.stdout.contains("# ── Step \(number) of 11: "))
        }
        #expect(result.stdout.contains("sed -i --follow-symlinks -e "))
        #expect(result.stdout.contains("cat > /etc/nginx/sites-available/libretime.example.org.conf <<'LT_SETUP_EOF'\n"))
        #expect(result.stdout.contains("certbot --nginx --non-interactive --agree-tos -m admin@example.org"))
        let script = root.url.appendingPathComponent("plan.sh")
        try result.stdout.write(to: script, atomically: true, encoding: .utf8)
        let check = Process()
        check.executableURL = URL(fileURLWithPath: "/bin/sh")
        check.arguments = ["-n", script.path]
        try check.run()
        check.waitUntilExit()
        #expect(check.terminationStatus == 0, "sh -n rejects the plan")
    }

    /// A server whose icecast.xml and config.yml hold passwords and keys.
    func rootWithSecrets() throws -> FixtureRoot {
        let root = try FixtureRoot()
        try root.write("/etc/icecast2/icecast.xml", FixtureRoot.icecastXML.replacingOccurrences(of: "    <paths>", with: """
                <authentication>
                    <source-password>source-pw-1</source-password>
                    <relay-password>relay-pw-2</relay-password>
                    <admin-user>admin</admin-user>
                    <admin-password>admin-pw-3</admin-password>
                </authentication>
                <paths>
            """))
        try root.write("/etc/libretime/config.yml", FixtureRoot.libretimeConfig.replacingOccurrences(of: "stream:", with: """
            database:
              password: database-pw-4
            rabbitmq:
              password: rabbit-pw-5
            stream:
            """))
        return root
    }

    static let secrets = ["source-pw-1", "relay-pw-2", "admin-pw-3", "database-pw-4", "rabbit-pw-5", "some-secret"]

    /// Issue #11: plan printed icecast.xml and config.yml whole, passwords included.
    @Test func planShowsChangesAsDiffsWithoutTheSecrets() throws {
        let root = try rootWithSecrets()
        defer { root.remove() }
        let answersPath = try root.answers(answers)
        let document = try CLI.run(["plan", "--answers", answersPath, "--root", root.url.path])
        let script = try CLI.run(["plan", "--script", "--answers", answersPath, "--root", root.url.path])
        let shown = try CLI.run(["plan", "--show-secrets", "--answers", answersPath, "--root", root.url.path])
        for result in [document, script, shown] {
            #expect(result.status == 0, "\(result.stderr)")
        }
        for secret in Self.secrets {
            #expect(!document.stdout.contains(secret), "\(secret)")
            #expect(!script.stdout.contains(secret), "\(secret)")
        }
        #expect(document.stdout.contains("+++ /etc/libretime/config.yml (planned)\n"))
        #expect(document.stdout.contains("\n-  public_url: http://localhost:8080\n+  public_url: https://libretime.example.org\n   api_key: ********\n"))
        #expect(document.stdout.contains("+++ /etc/icecast2/icecast.xml (planned)\n"))
        #expect(shown.stdout.contains("   api_key: some-secret\n"))
    }

    @Test func helpGivesExamplesAndExitStatuses() throws {
        for command in ["plan", "render"] {
            let help = try CLI.run([command, "--help"], environment: ["COLUMNS": "80"])
            #expect(help.status == 0)
            #expect(help.stdout.contains("Examples:"))
            #expect(help.stdout.contains("lt-setup \(command) --answers answers.yml"))
            let words = help.stdout.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            #expect(words.contains("2 when the answers file cannot be used (nothing is written or run), 64 for a usage error"))
            for line in help.stdout.split(separator: "\n") {
                #expect(line.count <= 80, "\(command): \(line)")
            }
        }
        #expect(try CLI.run(["plan", "--no-such-option"]).status == 64)
    }

    @Test func planChangesNothingUnderTheRoot() throws {
        let root = try FixtureRoot()
        defer { root.remove() }
        let answersPath = try root.answers(answers)
        let before = try snapshot(root.url)
        _ = try CLI.run(["plan", "--answers", answersPath, "--root", root.url.path])
        _ = try CLI.run(["plan", "--answers", answersPath, "--root", root.url.path])
        #expect(try snapshot(root.url) == before)
    }

    @Test func renderWritesEachFileUnderItsServerPath() throws {
        let root = try FixtureRoot()
        defer { root.remove() }
        let out = root.url.appendingPathComponent("preview")
        let result = try CLI.run(["render", "--answers", try root.answers(answers), "--root", root.url.path, "--out", out.path])
        #expect(result.status == 0, "\(result.stderr)")
        let site = try String(contentsOf: out.appendingPathComponent("etc/nginx/sites-available/libretime.example.org.conf"), encoding: .utf8)
        #expect(site.contains("server_name libretime.example.org;"))
        let xml = try String(contentsOf: out.appendingPathComponent("etc/icecast2/icecast.xml"), encoding: .utf8)
        #expect(xml.contains("<ssl-certificate>/etc/icecast2/bundle.pem</ssl-certificate>"))
        let config = try String(contentsOf: out.appendingPathComponent("etc/libretime/config.yml"), encoding: .utf8)
        #expect(config.contains("public_url: https://libretime.example.org\n"))
        #expect(config.contains("public_url: https://libretime.example.org:8443/main\n"))
        #expect(result.stdout.contains("built    /etc/icecast2/bundle.pem"))
        #expect(result.stdout.contains("modes\non the server differ"))
        // The previews hold passwords: every folder render made is 0700 and every file 0600,
        // the renewal hook's (0755 on the server) too.
        let enumerator = FileManager.default.enumerator(at: out, includingPropertiesForKeys: nil)
        var files = 0
        while let url = enumerator?.nextObject() as? URL {
            let attributes = try FileManager.default.attributesOfItem(atPath: url.path)
            let mode = attributes[.posixPermissions] as? Int
            if attributes[.type] as? FileAttributeType == .typeDirectory {
                #expect(mode == 0o700, "\(url.path)")
            } else {
                files += 1
                #expect(mode == 0o600, "\(url.path)")
            }
        }
        #expect(files == 4)
        #expect(try FileManager.default.attributesOfItem(atPath: out.path)[.posixPermissions] as? Int == 0o700)
    }

    /// Render runs as root, often into /tmp: a folder another user prepared, with links to
    /// files of root's, is refused before anything is written, and nothing is followed.
    @Test func renderWritesOnlyIntoANewOrEmptyFolderOfItsOwn() throws {
        let root = try FixtureRoot()
        defer { root.remove() }
        let victim = root.url.appendingPathComponent("victim")
        try FileManager.default.createDirectory(at: victim.appendingPathComponent("nginx/sites-available"), withIntermediateDirectories: true)
        let target = victim.appendingPathComponent("nginx/sites-available/libretime.example.org.conf")
        try "root's own\n".write(to: target, atomically: false, encoding: .utf8)
        chmod(target.path, 0o644)
        // A prepared preview folder: its etc is a link to the victim's folder.
        let prepared = root.url.appendingPathComponent("prepared")
        try FileManager.default.createDirectory(at: prepared, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(at: prepared.appendingPathComponent("etc"), withDestinationURL: victim)
        let answers = try root.answers(answers)
        let refused = try CLI.run(["render", "--answers", answers, "--root", root.url.path, "--out", prepared.path])
        #expect(refused.status == 1)
        #expect(refused.stderr.contains("it is not empty: render never writes over files"), "\(refused.stderr)")
        // The preview folder itself a link: refused too.
        let linked = root.url.appendingPathComponent("linked")
        try FileManager.default.createSymbolicLink(at: linked, withDestinationURL: victim)
        let viaLink = try CLI.run(["render", "--answers", answers, "--root", root.url.path, "--out", linked.path])
        #expect(viaLink.status == 1)
        #expect(viaLink.stderr.contains("it exists and is not a folder"), "\(viaLink.stderr)")
        #expect(try String(contentsOf: target, encoding: .utf8) == "root's own\n")
        #expect(try FileManager.default.attributesOfItem(atPath: target.path)[.posixPermissions] as? Int == 0o644)
        // An empty folder of this user is used; a relative --out is under the working folder.
        let empty = root.url.appendingPathComponent("empty")
        try FileManager.default.createDirectory(at: empty, withIntermediateDirectories: true)
        #expect(try CLI.run(["render", "--answers", answers, "--root", root.url.path, "--out", empty.path]).status == 0)
        #expect(FileManager.default.fileExists(atPath: empty.appendingPathComponent("etc/icecast2/icecast.xml").path))
        let relative = try CLI.run(["render", "--answers", answers, "--root", root.url.path, "--out", "relative-preview"], in: root.url)
        #expect(relative.status == 0, "\(relative.stderr)")
        #expect(FileManager.default.fileExists(atPath: root.url.appendingPathComponent("relative-preview/etc/icecast2/icecast.xml").path))
    }

    @Test func renderReportsMissingLibretimeAndInventsNothing() throws {
        let root = try FixtureRoot(libretime: false)
        defer { root.remove() }
        let out = root.url.appendingPathComponent("preview")
        let result = try CLI.run(["render", "--answers", try root.answers(answers), "--root", root.url.path, "--out", out.path])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("skipped  libretime-config: LibreTime's configuration /etc/libretime/config.yml is missing"))
        #expect(!FileManager.default.fileExists(atPath: out.appendingPathComponent("etc/libretime").path))
    }

    static let hostileAnswers: [(field: String, yaml: String)] = [
        ("domain", "domain: \"libretime.example.org;\"\nemail: a@example.org\n"),
        ("domain", "domain: \"a.example.org\\nserver_name evil.org\"\nemail: a@example.org\n"),
        ("domain", "domain: \"$(reboot).example.org\"\nemail: a@example.org\n"),
        ("domain", "domain: \"-x.example.org\"\nemail: a@example.org\n"),
        ("domain", "domain: \"\(String(repeating: "a", count: 300))\"\nemail: a@example.org\n"),
        ("domain", "domain: \"\"\nemail: a@example.org\n"),
        ("backend", "domain: a.example.org\nemail: a@example.org\nbackend: \"localhost:8080; }\"\n"),
        ("backend", "domain: a.example.org\nemail: a@example.org\nbackend: \"{ x }\"\n"),
        ("email", "domain: a.example.org\nemail: \"a'b\\\"@example.org\"\n"),
        ("email", "domain: a.example.org\nemail: \"-m@example.org\"\n"),
        ("icecast_port", "domain: a.example.org\nemail: a@example.org\nicecast_port: 70000\n"),
        ("secure_icecsat", "domain: a.example.org\nemail: a@example.org\nsecure_icecsat: true\n"),
        // An explicit empty value is refused, not taken as the default.
        ("backend", "domain: a.example.org\nemail: a@example.org\nbackend: ''\n"),
        ("acme_server", "domain: a.example.org\nemail: a@example.org\nacme_server: \"\"\n"),
        ("icecast_port", "domain: a.example.org\nemail: a@example.org\nicecast_port: ''\n"),
        ("domain", "domain: a.example.org\ndomain: b.example.org\nemail: a@example.org\n"),
        ("domain", "domain: [a.example.org]\nemail: a@example.org\n"),
    ]

    @Test(arguments: hostileAnswers.indices)
    func hostileAnswersAreRefusedAndNothingIsWritten(_ index: Int) throws {
        let (field, yaml) = Self.hostileAnswers[index]
        let root = try FixtureRoot()
        defer { root.remove() }
        let out = root.url.appendingPathComponent("preview")
        let render = try CLI.run(["render", "--answers", try root.answers(yaml), "--root", root.url.path, "--out", out.path])
        #expect(render.status == 2)
        #expect(render.stderr.contains("  \(field): "), "stderr: \(render.stderr)")
        #expect(render.stderr.contains("nothing was written or run"))
        #expect(!FileManager.default.fileExists(atPath: out.path))
        let plan = try CLI.run(["plan", "--answers", try root.answers(yaml), "--root", root.url.path])
        #expect(plan.status == 2)
        #expect(plan.stdout.isEmpty)
    }

    @Test func aMissingAnswersFileIsNamed() throws {
        let result = try CLI.run(["plan", "--answers", "/nonexistent/answers.yml"])
        #expect(result.status == 2)
        #expect(result.stderr.contains("/nonexistent/answers.yml"))
    }

    @Test func helpTeachesTheAnswersFile() throws {
        let result = try CLI.run(["--help"])
        #expect(result.status == 0)
        for text in ["domain: libretime.example.org", "lt-setup plan --answers", "render", "acme_server"] {
            #expect(result.stdout.contains(text))
        }
    }

    /// Without a terminal, `lt-setup` asks line by line; each answer is checked as it is
    /// given, and with --root the plan is a preview that changes nothing.
    @Test func withoutATerminalTheWizardAsksLineByLine() throws {
        let root = try FixtureRoot()
        defer { root.remove() }
        let before = try snapshot(root.url)
        let result = try CLI.run(["--root", root.url.path, "--session", root.url.path + "/state/session.json"],
                                 input: "nginx\nlibretime.example.org;\nlibretime.example.org\n\nno\n")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("Domain name of the station: "))
        #expect(result.stdout.contains("has the character ';'"))
        #expect(result.stdout.contains("[2/6] Write the nginx site for libretime.example.org — to do"))
        #expect(result.stdout.contains("nothing was changed"))
        #expect(try snapshot(root.url) == before)
    }

    /// On this server (no --root), the line-by-line wizard runs apply's preflight before it
    /// asks, and names its own way past a failed check: it has no --skip-preflight.
    @Test func theLineByLineWizardChecksTheServerFirst() throws {
        let scratch = try FixtureRoot()
        defer { scratch.remove() }
        // A closed proxy: the ACME directory fails at once, whatever this machine's network.
        let result = try CLI.run(["--plain", "--session", scratch.url.path + "/state/session.json"],
                                 environment: ["https_proxy": "http://127.0.0.1:9"],
                                 input: "nginx\nstation.invalid\nlocalhost:1\nno\n")
        #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("Preflight: "), "\(result.stdout)")
        // Nothing accepts connections on port 1: the backend check blocks, and the advice
        // names what exists for this form.
        #expect(result.stderr.contains("preflight found what would make the run fail"), "\(result.stderr)")
        #expect(!result.stderr.contains("add --skip-preflight"))
        #expect(!result.stdout.contains("add --allow-unreachable-backend"))
        #expect(!FileManager.default.fileExists(atPath: scratch.url.path + "/state/session.json"))
    }

    /// `ssh host lt-setup` without -t: each question reaches the operator before lt-setup
    /// waits for the answer (not in one block at the end), and the first lines say how to
    /// get the full-screen wizard.
    @Test func withoutATerminalEachQuestionArrivesBeforeItsAnswerIsRead() throws {
        let root = try FixtureRoot()
        defer { root.remove() }
        let wizard = try Conversation(["--root", root.url.path, "--session", root.url.path + "/state/session.json"])
        #expect(wizard.waitFor("Reverse proxy, nginx (recommended) or apache [nginx]: "), "\(wizard.transcript)")
        #expect(wizard.transcript.contains("ssh -t"))
        wizard.send("nginx")
        #expect(wizard.waitFor("Domain name of the station: "), "\(wizard.transcript)")
        wizard.send("libretime.example.org;")
        #expect(wizard.waitFor("has the character ';'"), "\(wizard.transcript)")
        #expect(wizard.finish() == 1)
        #expect(wizard.transcript.contains("no more input: nothing was changed"))
    }

    /// Relative paths mean what they mean in every other tool: from the current folder.
    /// (`render --out preview` used to create /preview, then fail.)
    @Test func relativePathsAreReadFromTheCurrentFolder() throws {
        let root = try FixtureRoot()
        defer { root.remove() }
        try root.write("/work/answers.yml", "domain: libretime.example.org\nemail: admin@example.org\n")
        let work = root.url.appendingPathComponent("work")
        let result = try CLI.run(["render", "--answers", "answers.yml", "--out", "preview", "--root", ".."], in: work)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(FileManager.default.fileExists(atPath: work.appendingPathComponent("preview/etc/nginx/sites-available/libretime.example.org.conf").path))
        #expect(!FileManager.default.fileExists(atPath: "/preview"))
        let status = try CLI.run(["status", "--session", "state/session.json"], in: work)
        #expect(status.stdout.contains("No session in \(work.path)/state/session.json"), "\(status.stdout)")
    }

    @Test func theWizardStopsCleanlyWhenInputEnds() throws {
        let root = try FixtureRoot()
        defer { root.remove() }
        let result = try CLI.run(["--plain", "--root", root.url.path], input: "nginx\n")
        #expect(result.status == 1)
        #expect(result.stderr.contains("no more input: nothing was changed"))
    }

    /// The tests' replay of a golden is a program of the tests (`wizard-replay`): the shipped
    /// binary has no such option.
    @Test func theGoldenReplayIsNotInTheShippedBinary() throws {
        let unknown = try CLI.run(["wizard", "--replay-golden", "run-failed-80x24"])
        #expect(unknown.status == 64)
        #expect(unknown.stderr.contains("--replay-golden"))
    }

    @Test func versionNamesNcurses() throws {
        let result = try CLI.run(["--version"])
        #expect(result.stdout.contains("lt-setup 0.1.0 (ncurses 6."))
    }

    /// Every file under `url` with its content, for proving nothing changed.
    func snapshot(_ url: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        let enumerator = FileManager.default.enumerator(at: url, includingPropertiesForKeys: nil)
        while let file = enumerator?.nextObject() as? URL {
            files[file.path] = FileManager.default.contents(atPath: file.path)
        }
        return files
    }
}
