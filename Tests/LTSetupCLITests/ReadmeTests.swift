import Foundation
import Testing

/// The README and `lt-setup --help` are tested like the code: every answers example in them
/// loads and plans, and every exit status the README documents is the one the binary gives.
@Suite struct ReadmeTests {
    static func readme() throws -> String {
        try String(contentsOf: CLI.repository.appendingPathComponent("README.md"), encoding: .utf8)
    }

    /// The bodies of the README's ```yaml blocks.
    static func yamlBlocks(_ text: String) -> [String] {
        var blocks: [String] = []
        var current: [Substring]?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            if current == nil, line == "```yaml" {
                current = []
            } else if current != nil, line == "```" {
                blocks.append(current!.joined(separator: "\n") + "\n")
                current = nil
            } else {
                current?.append(line)
            }
        }
        return blocks
    }

    /// Plans with `yaml` as the answers file against a fixture server; the result.
    func plan(_ yaml: String) throws -> CLI.Result {
        let root = try FixtureRoot()
        defer { root.remove() }
        return try CLI.run(["plan", "--answers", try root.answers(yaml), "--root", root.url.path])
    }

    @Test func everyAnswersExampleInTheReadmePlans() throws {
        let blocks = Self.yamlBlocks(try Self.readme())
        #expect(!blocks.isEmpty)
        for yaml in blocks {
            let result = try plan(yaml)
            #expect(result.status == 0, "\(yaml)\n\(result.stderr)")
        }
    }

    /// The README's IPv6 form, quoted as it says, is an answer that plans.
    @Test func theReadmesIPv6BackendPlans() throws {
        let readme = try Self.readme()
        let quoted = try #require(readme.range(of: "backend: '[::1]:8080'"), "the README gives the quoted form")
        let result = try plan("domain: libretime.example.org\nemail: admin@example.org\n\(readme[quoted])\n")
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.contains("http://[::1]:8080"))
    }

    @Test func theAnswersExampleInTheHelpPlans() throws {
        let help = try CLI.run(["--help"], environment: ["COLUMNS": "200"])
        let lines = help.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        let start = try #require(lines.firstIndex { $0.hasSuffix("cat > answers.yml <<'EOF'") })
        let end = try #require(lines[start...].firstIndex { $0.trimmingCharacters(in: .whitespaces) == "EOF" })
        let body = lines[(start + 1)..<end].map { String($0.drop { $0 == " " }) }.joined(separator: "\n") + "\n"
        #expect(body.contains("domain: "))
        let result = try plan(body)
        #expect(result.status == 0, "\(body)\n\(result.stderr)")
    }

    /// The statuses in the README's table, by their first column.
    static func documentedStatuses(_ text: String) -> [String] {
        text.split(separator: "\n").compactMap { line in
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            guard line.hasPrefix("| "), cells.count == 2, cells[0].first?.isNumber == true else { return nil }
            return cells[0]
        }
    }

    @Test func everyDocumentedExitStatusHolds() throws {
        let statuses = Self.documentedStatuses(try Self.readme())
        #expect(statuses == ["0", "1", "2", "64", "128+N"])
        let root = try FixtureRoot()
        defer { root.remove() }
        let good = try root.answers("domain: libretime.example.org\nemail: admin@example.org\n")
        // 0: success.
        #expect(try CLI.run(["plan", "--answers", good, "--root", root.url.path]).status == 0)
        // 1: any other failure: here, a file the plan needs cannot be read.
        let broken = try FixtureRoot()
        defer { broken.remove() }
        try Data([0xFF, 0xFE]).write(to: broken.url.appendingPathComponent("etc/icecast2/icecast.xml"))
        #expect(try CLI.run(["plan", "--answers", good, "--root", broken.url.path]).status == 1)
        // 2: unusable answers, missing or wrong.
        #expect(try CLI.run(["plan", "--answers", "/nonexistent/answers.yml"]).status == 2)
        #expect(try CLI.run(["plan", "--answers", try root.answers("domain: x\n"), "--root", root.url.path]).status == 2)
        // 64: usage errors.
        #expect(try CLI.run(["aply"]).status == 64)
        #expect(try CLI.run(["plan"]).status == 64)
        #expect(try CLI.run(["plan", "--answers", good, "--root", "/nonexistent"]).status == 64)
        // 128+N: signals are covered by the runtime's tests of a run (PlanRunTests).
    }

    /// The first screen says what an operator needs, and how to take it all away.
    @Test func theReadmeSaysWhatIsNeededAndHowToUninstall() throws {
        let readme = try Self.readme()
        for text in ["Ports **80, 443 and 8443**", "sudo apt install ./lt-setup_", "sudo lt-setup undo",
                     "certbot delete --cert-name", "/var/lib/lt-setup /var/log/lt-setup", "sudo scripts/run-tests.sh"] {
            #expect(readme.contains(text), "\(text)")
        }
        // Let's Encrypt sends no expiry emails since 2025: the email is not for them.
        for stale in ["expiry notice", "expiry warning", "expiry email"] { #expect(!readme.contains(stale), "\(stale)") }
        #expect(!readme.contains("qoa"))
        // The test command is under Development, after a warning, and it exists.
        let development = try #require(readme.range(of: "## Development"))
        #expect(readme.range(of: "sudo scripts/run-tests.sh")!.lowerBound > development.lowerBound)
        #expect(FileManager.default.isExecutableFile(atPath: CLI.repository.appendingPathComponent("scripts/run-tests.sh").path))
    }
}
