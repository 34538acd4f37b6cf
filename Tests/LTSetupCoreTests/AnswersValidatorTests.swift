import RefusedAnswers
import Testing
@testable import LTSetupCore

@Suite struct AnswersValidatorTests {
    func raw(_ values: [AnswerKey: String]) -> RawAnswers {
        var base: [AnswerKey: String] = [.domain: "libretime.example.org", .email: "admin@example.org"]
        base.merge(values) { $1 }
        return RawAnswers(base)
    }

    func problems(_ values: [AnswerKey: String]) -> [FieldError] {
        if case .failure(let error) = AnswersValidator.validate(raw(values)) { return error.problems }
        return []
    }

    @Test func minimalAnswersGetTheGuidesDefaults() throws {
        let answers = try AnswersValidator.validate(raw([:])).get()
        #expect(answers == Answers(proxy: .nginx, domain: "libretime.example.org",
                                   backend: Backend(host: "localhost", port: 8080), https: true,
                                   email: "admin@example.org", acmeServer: .letsEncrypt,
                                   secureIcecast: true, icecastPort: 8443))
    }

    @Test func everyFieldIsRead() throws {
        let answers = try AnswersValidator.validate(raw([
            .proxy: "apache", .domain: "Radio.Example.COM", .backend: "http://127.0.0.1:9090/",
            .https: "yes", .email: "Ops+radio@Example.com", .acmeServer: "https://127.0.0.1:14000/dir",
            .secureIcecast: "false", .icecastPort: "9443",
        ])).get()
        #expect(answers.proxy == .apache)
        #expect(answers.domain == "radio.example.com")
        #expect(answers.backend == Backend(host: "127.0.0.1", port: 9090))
        #expect(answers.email == "Ops+radio@example.com")
        #expect(answers.acmeServer == .custom("https://127.0.0.1:14000/dir"))
        #expect(answers.secureIcecast == false)
        #expect(answers.icecastPort == 9443)
    }

    @Test func secureIcecastFollowsHttpsByDefault() throws {
        let answers = try AnswersValidator.validate(raw([.https: "false"])).get()
        #expect(answers.secureIcecast == false)
    }

    @Test func secureIcecastNeedsHttps() {
        let found = problems([.https: "false", .secureIcecast: "true"])
        #expect(found.map(\.field) == ["secure_icecast"])
        #expect(found.first?.message.contains("needs https") == true)
    }

    @Test func emailIsRequiredOnlyWithHttps() throws {
        #expect(problems([.email: ""]).map(\.field) == ["email"])
        let answers = try AnswersValidator.validate(RawAnswers([.domain: "a.example.org", .https: "false"])).get()
        #expect(answers.email == nil)
    }

    @Test func backendForms() throws {
        #expect(try AnswersValidator.backend("localhost:8080").get() == Backend(host: "localhost", port: 8080))
        #expect(try AnswersValidator.backend("http://LibreTime.lan:80").get() == Backend(host: "libretime.lan", port: 80))
        #expect(try AnswersValidator.backend("[::1]:8080").get() == Backend(host: "[::1]", port: 8080))
        #expect(try AnswersValidator.backend("http://[2001:db8::5]:8080/").get().url == "http://[2001:db8::5]:8080")
        #expect(try AnswersValidator.backend(nil).get() == Answers.defaultBackend)
    }

    @Test func domainRules() {
        #expect(AnswersValidator.domain("a.b").isSuccess)
        #expect(AnswersValidator.domain("xn--rdio-loa.example").isSuccess)
        // The hint for an international name gives its real ASCII form (RFC 3492's
        // Punycode of "rädio" is "rdio-loa").
        if case .failure(let error) = AnswersValidator.domain("rädio.example") {
            #expect(error.message.contains("xn--rdio-loa.example for rädio.example"))
        } else {
            Issue.record("rädio.example should be refused")
        }
        #expect(AnswersValidator.domain(String(repeating: "a", count: 63) + ".org").isSuccess)
        for value in RefusedAnswers.domains {
            #expect(!AnswersValidator.domain(value).isSuccess, "\(value) should be refused")
        }
    }

    @Test func portRules() {
        #expect((try? AnswersValidator.icecastPort("1").get()) == 1)
        #expect((try? AnswersValidator.icecastPort("65535").get()) == 65535)
        for value in RefusedAnswers.icecastPorts {
            #expect(!AnswersValidator.icecastPort(value).isSuccess, "\(value) should be refused")
        }
    }

    @Test(arguments: RefusedAnswers.domains)
    func hostileDomainsAreRefused(_ value: String) {
        let found = problems([.domain: value])
        #expect(found.map(\.field) == ["domain"], "domain \(FieldError.visible(value))")
        #expect(found.first?.description.hasPrefix("domain") == true)
    }

    @Test(arguments: RefusedAnswers.backends)
    func hostileBackendsAreRefused(_ value: String) {
        #expect(problems([.backend: value]).map(\.field) == ["backend"], "backend \(FieldError.visible(value))")
    }

    @Test(arguments: RefusedAnswers.emails)
    func hostileEmailsAreRefused(_ value: String) {
        #expect(problems([.email: value]).map(\.field) == ["email"], "email \(FieldError.visible(value))")
    }

    @Test(arguments: RefusedAnswers.acmeServers)
    func hostileACMEServersAreRefused(_ value: String) {
        #expect(problems([.acmeServer: value]).map(\.field) == ["acme_server"], "acme_server \(FieldError.visible(value))")
    }

    @Test func everyProblemIsReportedAtOnce() {
        let found = problems([.proxy: "caddy", .domain: "x", .backend: "y", .email: "z", .https: "maybe",
                              .icecastPort: "0", .acmeServer: "ftp://x"])
        #expect(Set(found.map(\.field)) == ["proxy", "domain", "backend", "email", "https", "icecast_port", "acme_server"])
    }

    @Test func errorValuesAreShownEscaped() {
        let error = FieldError(.domain, "a\nb\u{1b}[31m", "is wrong")
        #expect(error.description == "domain: \"a\\nb\\u{1b}[31m\": is wrong")
    }
}

extension Result {
    var isSuccess: Bool {
        if case .success = self { return true }
        return false
    }
}
