@testable import LTSetupCore
import Testing

@Suite struct VerificationTests {
    let answers = ServerFixtures.answers
    let paths = ServerPaths(proxy: .nginx, domain: "libretime.example.org")

    func run(_ probes: FakeVerificationProbes = FakeVerificationProbes(), files: InMemoryServerFiles = CheckServer.after(),
             answers: Answers? = nil) -> [Check] {
        Verification.run(answers ?? self.answers, files: files, probes: probes)
    }

    func result(_ id: CheckID, _ probes: FakeVerificationProbes = FakeVerificationProbes(),
                files: InMemoryServerFiles = CheckServer.after(), answers: Answers? = nil) throws -> Check {
        try #require(run(probes, files: files, answers: answers)[id: id])
    }

    @Test func aWorkingStationPassesFromTheOutsideIn() {
        let checks = run()
        #expect(checks.map(\.id) == [
            .httpRedirect, .https, .certificate, .upload, .icecastTLS, .icecastPublicURLs, .icecastMounts,
            .publicURL, .renewalHook, .icecastBundle,
        ])
        #expect(checks.allHardChecksPass)
        // Only the idle mount (no source on the air) warns.
        #expect(checks.warnings.map(\.id) == [.icecastMounts])
    }

    @Test func withoutHttpsOnlyTheSiteAndPublicURLAreChecked() {
        var plain = answers
        plain.https = false
        plain.secureIcecast = false
        var probes = FakeVerificationProbes()
        probes.httpAnswers["libretime.example.org:80/api/v2/version"] = .answered(HTTPAnswer(status: 200, reason: "OK", body: #"{"api_version":"2.0.0"}"#))
        let checks = run(probes, answers: plain)
        #expect(checks.map(\.id) == [.httpRedirect, .upload, .publicURL])
        #expect(checks[id: .httpRedirect]?.result == .passed(seen: "GET http://libretime.example.org/api/v2/version answers LibreTime's API version 2.0.0 from this server."))
    }

    /// After an undo, nginx's default site answered http://DOMAIN/ with 200, and the old
    /// check passed: only LibreTime's own version answer proves the proxy reaches it.
    @Test func aDefaultSitesAnswerIsNotLibreTime() throws {
        var plain = answers
        plain.https = false
        plain.secureIcecast = false
        var probes = FakeVerificationProbes()
        probes.httpAnswers["libretime.example.org:80/api/v2/version"] = .answered(HTTPAnswer(status: 200, reason: "OK", body: "<html>Welcome to nginx!</html>"))
        let http = try #require(run(probes, answers: plain)[id: .httpRedirect])
        #expect(http.blocks)
        #expect(http.result.seen.contains("another site of nginx answers for libretime.example.org, not LibreTime"))
        #expect(http.result.fix?.contains("/etc/nginx/sites-enabled") == true)
        probes.fetched["https://libretime.example.org/api/v2/version"] = .answered(status: 404, location: nil, body: "<html>404 Not Found</html>")
        let https = try result(.https, probes)
        #expect(https.blocks)
        #expect(https.result.seen.hasPrefix("GET https://libretime.example.org/api/v2/version answers 404, not LibreTime's version"))
    }

    // MARK: The web site

    @Test func httpMustRedirectPermanentlyToHttps() throws {
        #expect(try result(.httpRedirect).result == .passed(seen: "http://libretime.example.org/ answers 301 Moved Permanently to https://libretime.example.org/."))
        var probes = FakeVerificationProbes()
        probes.httpAnswers["libretime.example.org:80"] = .answered(HTTPAnswer(status: 200, reason: "OK"))
        let check = try result(.httpRedirect, probes)
        #expect(check.blocks)
        #expect(check.result.seen == "http://libretime.example.org/ answers 200 OK, not a permanent redirect to https://libretime.example.org/.")
    }

    @Test func anUnreachableDomainMeansHairpinNATOrDNS() throws {
        var probes = FakeVerificationProbes()
        probes.httpAnswers = [:]
        let check = try result(.httpRedirect, probes)
        #expect(check.blocks)
        #expect(check.result.fix?.contains("hairpin NAT") == true)
        #expect(check.result.fix?.contains("resolves to 203.0.113.10") == true)
        #expect(check.result.fix?.contains("public_url") == true)
    }

    @Test func httpsMustAnswerWithAValidChain() throws {
        #expect(try result(.https).result.seen == "GET https://libretime.example.org/api/v2/version answers LibreTime's API version 2.0.0 from this server, with a chain that verifies for libretime.example.org against the system's CAs.")
        var probes = FakeVerificationProbes()
        probes.fetched["https://libretime.example.org/api/v2/version"] = .failed(curlExit: 60, message: "SSL certificate problem: unable to get local issuer certificate")
        let chain = try result(.https, probes)
        #expect(chain.blocks)
        #expect(chain.result.fix?.contains("REQUESTS_CA_BUNDLE") == true)
        probes.fetched["https://libretime.example.org/api/v2/version"] = .failed(curlExit: 7, message: "Couldn't connect to server")
        #expect(try result(.https, probes).result.fix?.contains("hairpin NAT") == true)
        probes.fetched["https://libretime.example.org/api/v2/version"] = .answered(status: 502, location: nil)
        #expect(try result(.https, probes).result.seen.contains("cannot reach LibreTime at http://localhost:8080"))
        probes.fetched["https://libretime.example.org/api/v2/version"] = .curlMissing
        #expect(try result(.https, probes).result.fix?.contains("apt-get install curl") == true)
    }

    @Test func adviceToCheckTheBackendFitsTheFrontEnd() throws {
        var probes = FakeVerificationProbes()
        probes.fetched["https://libretime.example.org/api/v2/version"] = .answered(status: 502, location: nil)
        let file = try result(.https, probes)
        #expect(file.result.fix?.hasSuffix("check the backend: set backend: in the answers file.") == true)
        let wizard = try #require(Verification.run(answers, files: CheckServer.after(), probes: probes, source: .wizard)[id: .https])
        #expect(wizard.result.fix?.hasSuffix("check the backend: go back to Details (Esc) and change Backend.") == true)
    }

    @Test func theCertificateNamesTheDomainAndShowsItsExpiry() throws {
        #expect(try result(.certificate).result.seen == "/etc/letsencrypt/live/libretime.example.org/cert.pem names libretime.example.org and expires on Nov  4 17:30:38 2126 GMT; port 443 serves it.")
        var probes = FakeVerificationProbes()
        probes.certificates[paths.certificate] = CertificateInfo(subject: "CN = x", dnsNames: ["www.example.org"], notAfter: "y", expired: false)
        #expect(try result(.certificate, probes).blocks)
        probes.certificates[paths.certificate] = CertificateInfo(subject: "CN = x", dnsNames: ["libretime.example.org"], notAfter: "Jan  1 00:00:00 2020 GMT", expired: true)
        #expect(try result(.certificate, probes).result.seen.contains("expired on Jan  1 00:00:00 2020 GMT"))
        probes = FakeVerificationProbes()
        probes.served[443] = .established(leafPEM: TestCertificates.other, verificationError: nil)
        let stale = try result(.certificate, probes)
        #expect(stale.result.isWarning)
        #expect(stale.result.fix?.contains("systemctl reload nginx") == true)
    }

    @Test func anUploadOverOneMegabyteIsNotRefused() throws {
        #expect(try result(.upload).result.isPassed)
        var probes = FakeVerificationProbes()
        probes.uploadOutcome = .answered(status: 413, location: nil)
        let check = try result(.upload, probes)
        #expect(check.blocks)
        #expect(check.result.fix?.contains("client_max_body_size 512M;") == true)
    }

    // MARK: Icecast

    @Test func icecastMustServeTheLiveCertificate() throws {
        #expect(try result(.icecastTLS).result.seen.contains("serves the live certificate (SHA-256 E5:EC:CE:EF:A5:F9:87:8A…)"))
        var probes = FakeVerificationProbes()
        probes.served[8443] = .established(leafPEM: TestCertificates.other, verificationError: nil)
        let old = try result(.icecastTLS, probes)
        #expect(old.blocks)
        #expect(old.result.fix == "Rebuild the bundle and restart Icecast with lt-setup's renewal hook: sudo RENEWED_LINEAGE=/etc/letsencrypt/live/libretime.example.org /etc/letsencrypt/renewal-hooks/deploy/lt-setup-icecast-libretime.example.org.sh")
    }

    /// The live certificate is served but its chain does not verify: with a bundle that holds
    /// the whole chain, it is the CA that this server does not trust, not the bundle (whose
    /// rebuild the check used to advise while the bundle check passed).
    @Test func aChainThatDoesNotVerifyIsTheCAWhenTheBundleIsWhole() throws {
        var probes = FakeVerificationProbes()
        probes.served[8443] = .established(leafPEM: TestCertificates.live, verificationError: "unable to get local issuer certificate")
        let untrusted = try result(.icecastTLS, probes)
        #expect(untrusted.blocks)
        #expect(untrusted.result.seen.contains("serves the live certificate with its whole chain"))
        #expect(untrusted.result.seen.contains("Let's Encrypt's root is missing from this server's CA list"))
        #expect(untrusted.result.fix?.contains("ca-certificates") == true)
        #expect(untrusted.result.fix?.contains("RENEWED_LINEAGE") == false)
        #expect(try result(.icecastBundle, probes).result.isPassed)
        var privateCA = answers
        privateCA.acmeServer = .custom("https://acme.example.org/dir")
        let custom = try result(.icecastTLS, probes, files: CheckServer.after(answers: privateCA), answers: privateCA)
        #expect(custom.result.seen.contains("the CA of https://acme.example.org/dir is not one this server trusts"))
        #expect(custom.result.fix?.contains("REQUESTS_CA_BUNDLE=FILE") == true)
        // The bundle holds the certificate alone, not its chain: that is the bundle's fault.
        var files = CheckServer.after()
        files.files[paths.fullchain] = .file(TestCertificates.live + TestCertificates.other)
        #expect(try result(.icecastTLS, probes, files: files).result.fix?.contains("fullchain.pem (not cert.pem)") == true)
    }

    @Test func plainHTTPOnIcecastsTLSPortMeansTheBundleDidNotLoad() throws {
        var probes = FakeVerificationProbes()
        probes.served[8443] = .failed(reason: "wrong version number")
        probes.httpAnswers["libretime.example.org:8443"] = .answered(HTTPAnswer(status: 400, reason: "Bad Request"))
        let plain = try result(.icecastTLS, probes)
        #expect(plain.blocks)
        #expect(plain.result.seen.hasPrefix("libretime.example.org:8443 answers in plain HTTP (400), not TLS"))
        // No https stream can play then: not tried, which a plain server would make wait.
        #expect(try result(.icecastMounts, probes).result.seen.hasPrefix("Not tried: Icecast's port 8443 does not speak TLS"))
        probes.httpAnswers["libretime.example.org:8443"] = nil
        #expect(try result(.icecastTLS, probes).result.seen == "No TLS handshake with libretime.example.org:8443 (wrong version number).")
    }

    @Test func everyEnabledOutputAnnouncesHttpsOnIcecastsPort() throws {
        #expect(try result(.icecastPublicURLs).result.seen.hasSuffix("https://libretime.example.org:8443/main."))
        let check = try result(.icecastPublicURLs, files: CheckServer.before())
        #expect(check.blocks)
        #expect(check.result.seen == "In /etc/libretime/config.yml, output 1 (main) has no public_url, not https://libretime.example.org:8443/main.")
    }

    @Test func aMountWithoutSourceWarnsAndNoAnswerFails() throws {
        let idle = try result(.icecastMounts)
        #expect(idle.result.seen == "https://libretime.example.org:8443/main answers 404.")
        #expect(idle.result.fix?.contains("no source streams to /main right now") == true)
        var probes = FakeVerificationProbes()
        probes.fetched["https://libretime.example.org:8443/main"] = .answered(status: 200, location: nil)
        #expect(try result(.icecastMounts, probes).result == .passed(seen: "https://libretime.example.org:8443/main answers 200 (on the air)."))
        probes.fetched["https://libretime.example.org:8443/main"] = .failed(curlExit: 35, message: "wrong version number")
        #expect(try result(.icecastMounts, probes).blocks)
    }

    // MARK: LibreTime and renewal

    @Test func libretimesPublicURLIsHttps() throws {
        #expect(try result(.publicURL).result.seen.hasPrefix("general.public_url is https://libretime.example.org."))
        let check = try result(.publicURL, files: CheckServer.before())
        #expect(check.blocks)
        #expect(check.result.seen == "general.public_url is http://192.0.2.10:8080, not https://libretime.example.org.")
        var files = CheckServer.after()
        files.files[ServerPaths.libretimeConfig] = nil
        #expect(try result(.publicURL, files: files).result.isWarning)
    }

    @Test func theRenewalHookMustBeExecutable() throws {
        #expect(try result(.renewalHook).result.seen.contains("(mode 0755)"))
        var probes = FakeVerificationProbes()
        probes.fileAttributes[paths.renewalHook] = FileAttributes(owner: "root", group: "root", mode: 0o644)
        #expect(try result(.renewalHook, probes).result.fix == "sudo chmod 755 \(paths.renewalHook)")
        var files = CheckServer.after()
        files.files[paths.renewalHook] = nil
        #expect(try result(.renewalHook, files: files).blocks)
    }

    @Test func theBundleMatchesTheLiveCertificateAndIsNotOpenToAll() throws {
        #expect(try result(.icecastBundle).result.seen.hasSuffix("root:icecast 0640."))
        var files = CheckServer.after()
        files.files[ServerPaths.icecastBundle] = .file("garbage\n")
        let garbage = try result(.icecastBundle, files: files)
        #expect(garbage.blocks)
        #expect(garbage.result.fix?.contains("RENEWED_LINEAGE=") == true)
        var probes = FakeVerificationProbes()
        probes.fileAttributes[ServerPaths.icecastBundle] = FileAttributes(owner: "root", group: "icecast", mode: 0o644)
        #expect(try result(.icecastBundle, probes).result.seen.contains("open to every user"))
        probes.fileAttributes[ServerPaths.icecastBundle] = FileAttributes(owner: "root", group: "root", mode: 0o600)
        #expect(try result(.icecastBundle, probes).result.seen.contains("cannot read it"))
    }
}
