import LTSetupCore
import LTSetupRuntime
import Testing

/// The answers file reports every problem at once: an unknown or repeated key does not hide
/// the problems of the values, which used to appear only once the keys were fixed.
@Suite struct AnswersFileTests {
    func problems(_ text: String) -> [String] {
        do {
            _ = try AnswersFile.answers(from: text)
            return []
        } catch {
            return error.problems.map(\.field)
        }
    }

    @Test func anUnknownKeyAndBadValuesAreReportedTogether() {
        let fields = problems("domain: a.example.org\nemail: not-an-address\nsecure_icecsat: true\nicecast_port: 80\n")
        #expect(Set(fields) == ["secure_icecsat", "email", "icecast_port"])
    }

    @Test func aRepeatedKeyAndBadValuesAreReportedTogether() {
        let fields = problems("domain: a.example.org\nbackend: 'x y'\ndomain: b.example.org\nemail: bad\n")
        #expect(Set(fields) == ["domain", "backend", "email"])
        // The repeated key is reported once, as repeated: not also as "required".
        #expect(fields.filter { $0 == "domain" }.count == 1)
    }

    @Test func anEmptyValueIsReportedOnceBesideTheOthers() {
        let fields = problems("domain: ''\nemail: bad\n")
        #expect(fields == ["domain", "email"])
    }

    @Test func aCorrectFileLoads() throws {
        let answers = try AnswersFile.answers(from: "domain: a.example.org\nemail: admin@example.org\nbackend: '[::1]:8080'\n")
        #expect(answers.backend.host == "[::1]")
    }

    /// The README's first form, unquoted, is not YAML for a host:port: it is named as a
    /// problem, not taken for something else.
    @Test func anUnquotedIPv6BackendIsRefused() {
        #expect(!problems("domain: a.example.org\nemail: admin@example.org\nbackend: [::1]:8080\n").isEmpty)
    }
}
