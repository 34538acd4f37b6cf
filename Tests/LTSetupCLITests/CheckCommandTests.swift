import Foundation
import Testing

/// `preflight` and `verify` run for real on this machine, for a domain that cannot resolve
/// (`.invalid`), so that what they find does not depend on the network.
@Suite struct CheckCommandTests {
    let answers = """
        proxy: nginx
        domain: station.invalid
        email: admin@example.org

        """

    /// Lines that report a check: a mark, a title, the check's id in brackets.
    func checkLines(_ output: String, marks: [String]) -> [Substring] {
        output.split(separator: "\n").filter { line in
            marks.contains { line.hasPrefix($0 + " ") } && line.hasSuffix("]")
        }
    }

    @Test func helpListsBothCommands() throws {
        let result = try CLI.run(["--help"])
        #expect(result.stdout.contains("preflight"))
        #expect(result.stdout.contains("verify"))
        let preflight = try CLI.run(["preflight", "--help"])
        #expect(preflight.stdout.contains("--allow-unreachable-backend"))
        #expect(preflight.stdout.contains("existing-certificate"))
    }

    @Test func unusableAnswersExitWith2() throws {
        for command in ["preflight", "verify"] {
            let result = try CLI.run([command, "--answers", "/nonexistent/answers.yml"])
            #expect(result.status == 2)
            #expect(result.stderr.contains("cannot be used"))
        }
    }

    @Test func preflightReportsEveryCheckAndFailsOnAnUnresolvableDomain() throws {
        let root = try FixtureRoot()
        defer { root.remove() }
        let result = try CLI.run(["preflight", "--answers", try root.answers(answers)], environment: ["LC_ALL": "C.UTF-8"])
        #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
        let lines = checkLines(result.stdout, marks: ["✔", "⚠", "✖"])
        #expect(lines.count >= 15, "\(result.stdout)")
        #expect(lines.contains("✖ station.invalid points to this server [domain]"))
        #expect(result.stdout.contains("    seen: station.invalid does not resolve"))
        #expect(result.stdout.contains("✖ Not ready ("))
    }

    @Test func withoutAUTF8LocaleTheMarksAreASCII() throws {
        let root = try FixtureRoot()
        defer { root.remove() }
        let result = try CLI.run(["preflight", "--answers", try root.answers(answers)],
                                 environment: ["LC_ALL": "C", "LC_CTYPE": "", "LANG": ""])
        #expect(!result.stdout.contains("✔") && !result.stdout.contains("✖"))
        #expect(checkLines(result.stdout, marks: ["ok", "WARN", "FAILED"]).count >= 15, "\(result.stdout)")
    }

    @Test func verifyFailsWhenTheSiteCannotBeReached() throws {
        let root = try FixtureRoot()
        defer { root.remove() }
        let result = try CLI.run(["verify", "--answers", try root.answers(answers)], environment: ["LC_ALL": "C.UTF-8"])
        #expect(result.status == 1, "\(result.stdout)\(result.stderr)")
        guard getuid() == 0 else {
            #expect(result.stderr.contains("run it as root"))
            return
        }
        #expect(result.stdout.contains("✖ http://station.invalid/ redirects to https [http-redirect]"))
        #expect(result.stdout.contains("hairpin NAT"))
        #expect(result.stdout.contains("✖ The station does not work yet"))
    }
}
