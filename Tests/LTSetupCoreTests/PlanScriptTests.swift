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

    func step(_ actions: [Action], status: PlannedStatus = .toDo) -> Step {
        Step(id: .siteFile, title: "Write it", guideSection: "Section", explanation: "Because.",
             actions: actions, doneWhen: .all([]), status: status)
    }

    @Test func fileContentGoesInAQuotedHereDocument() {
        let write = FileWrite(path: "/etc/x.conf", content: "a $HOME `id`\n", permissions: .config, previous: .missing)
        let text = PlanScript.lines(.write(write))
        #expect(text == """
            # Create /etc/x.conf.
            mkdir -p /etc
            cat > /etc/x.conf <<'LT_SETUP_EOF'
            a $HOME `id`
            LT_SETUP_EOF
            chown root:root /etc/x.conf
            chmod 0644 /etc/x.conf

            """)
    }

    @Test func theDelimiterNeverAppearsInTheContent() {
        let write = FileWrite(path: "/x", content: "LT_SETUP_EOF\nLT_SETUP_EOF_\n", permissions: nil, previous: .file("old"))
        let text = PlanScript.lines(.write(write))
        #expect(text.contains("<<'LT_SETUP_EOF__'\n"))
        #expect(text.contains("Replace /x, keeping its owner and mode."))
        #expect(!text.contains("chmod"))
    }

    @Test func doneAndSkippedStepsAreCommentedOut() {
        let run = Action.run(Command(["nginx", "-t"]))
        let done = PlanScript.block(step([run], status: .alreadyDone), number: 2, of: 3)
        #expect(done == """
            # ── Step 2 of 3: Write it
            # Guide: Section
            # Why: Because.
            # Already done: lt-setup skips this step.
            #   nginx -t

            """)
        let skipped = PlanScript.block(step([run], status: .skipped("no icecast")), number: 3, of: 3)
        #expect(skipped.hasSuffix("# Skipped: no icecast\n"))
        #expect(!skipped.contains("\nnginx -t"))
    }

    @Test func theBundleIsNeverWorldReadable() {
        let assembly = FileAssembly(path: "/etc/icecast2/bundle.pem", sources: ["/a.pem", "/b.pem"],
                                    permissions: FilePermissions(owner: "root", group: "icecast", mode: 0o640))
        let text = PlanScript.lines(.assemble(assembly))
        #expect(text.contains("(umask 077 && cat /a.pem /b.pem > /etc/icecast2/bundle.pem.lt-setup-new)\n"))
        #expect(text.contains("chmod 0640 /etc/icecast2/bundle.pem.lt-setup-new\nmv -f"))
    }
}
