import Foundation
import Testing

/// `plan` against a server file it cannot read refuses, naming the file and why, instead of
/// planning as if the file were missing. (The tests may run as root, who reads every file:
/// a file that is not text is unreadable for root too, and takes the same path.)
@Suite struct UnreadableServerFileCommandTests {
    let answers = "domain: libretime.example.org\nemail: admin@example.org\n"

    @Test func anIcecastConfigThatCannotBeReadRefusesThePlan() throws {
        let root = try FixtureRoot()
        defer { root.remove() }
        let xml = root.url.appendingPathComponent("etc/icecast2/icecast.xml")
        try Data([0x3C, 0x69, 0xFF, 0xFE, 0x0A]).write(to: xml)
        let result = try CLI.run(["plan", "--answers", try root.answers(answers), "--root", root.url.path])
        #expect(result.status == 1)
        #expect(result.stdout.isEmpty, "no plan is printed: \(result.stdout.prefix(200))")
        #expect(result.stderr.contains("cannot read /etc/icecast2/icecast.xml (not UTF-8 text)"), "\(result.stderr)")
        #expect(!result.stderr.contains("not installed"))
    }

    /// As a normal user, Debian's `root:icecast 0640` icecast.xml: "run with sudo".
    @Test func anIcecastConfigThatMayNotBeReadAsksForSudo() throws {
        let root = try FixtureRoot()
        defer { root.remove() }
        let xml = root.url.appendingPathComponent("etc/icecast2/icecast.xml").path
        chmod(xml, 0)
        let result = try CLI.run(["plan", "--answers", try root.answers(answers), "--root", root.url.path])
        guard geteuid() != 0 else {
            // Root reads it: every step is planned.
            #expect(result.status == 0, "\(result.stderr)")
            return
        }
        #expect(result.status == 1)
        #expect(result.stderr.contains("cannot read /etc/icecast2/icecast.xml (Permission denied): run with sudo"), "\(result.stderr)")
    }
}
