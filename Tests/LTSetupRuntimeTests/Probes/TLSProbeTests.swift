import Glibc
import LTSetupCore
@testable import LTSetupRuntime
import Testing

@Suite(.serialized) struct TLSProbeTests {
    @Test func theServedCertificateIsTheFileAndVerifiesWhenTrusted() throws {
        let certificate = try ThrowAwayCertificate()
        defer { certificate.remove() }
        let server = try certificate.server()
        defer { server.stop() }
        let trusted = OpenSSLProbe(trust: TrustedCAs(extraBundle: certificate.certificate))
        guard case .established(let leaf, let error) = trusted.servedCertificate(host: "127.0.0.1", port: server.port, serverName: "localhost") else {
            Issue.record("no handshake")
            return
        }
        #expect(error == nil)
        #expect(CertificateText.fingerprint(ofPEM: leaf) == CertificateText.fingerprint(ofPEM: readFile(certificate.certificate)))
        // Without trusting it, the handshake completes but the chain does not verify.
        let untrusted = OpenSSLProbe(trust: TrustedCAs(extraBundle: nil))
        guard case .established(_, let failure) = untrusted.servedCertificate(host: "localhost", port: server.port, serverName: "localhost") else {
            Issue.record("no handshake")
            return
        }
        #expect(failure == "18 (self-signed certificate)")
        // Another name does not verify either.
        guard case .established(_, let mismatch) = trusted.servedCertificate(host: "127.0.0.1", port: server.port, serverName: "radio.example.org") else {
            Issue.record("no handshake")
            return
        }
        #expect(mismatch == "62 (hostname mismatch)")
    }

    @Test func plainHTTPIsNoHandshake() throws {
        let backend = try LocalServer.backend()
        defer { backend.stop() }
        let outcome = OpenSSLProbe(trust: TrustedCAs(extraBundle: nil)).servedCertificate(host: "127.0.0.1", port: backend.port, serverName: "localhost")
        guard case .failed(let reason) = outcome else {
            Issue.record("a handshake with plain HTTP: \(outcome)")
            return
        }
        #expect(reason.contains("wrong version number") || reason.contains("packet length") || reason.contains("unexpected eof"))
        let closed = OpenSSLProbe(trust: TrustedCAs(extraBundle: nil)).servedCertificate(host: "127.0.0.1", port: LocalServer.freePort(), serverName: "localhost")
        #expect(closed == .failed(reason: "connection refused"))
    }

    @Test func certificateInfoReadsNamesAndExpiry() throws {
        let certificate = try ThrowAwayCertificate(name: "radio.test")
        defer { certificate.remove() }
        let info = try #require(OpenSSLProbe(trust: TrustedCAs(extraBundle: nil)).certificateInfo(path: certificate.certificate))
        #expect(info.subject == "CN = radio.test")
        #expect(info.dnsNames == ["radio.test"])
        #expect(info.notAfter.hasSuffix(" GMT"))
        #expect(!info.expired)
        #expect(OpenSSLProbe(trust: TrustedCAs(extraBundle: nil)).certificateInfo(path: certificate.directory + "/missing.pem") == nil)
    }

    @Test func curlVerifiesAgainstTheExtraBundleAndReportsStatus() throws {
        let certificate = try ThrowAwayCertificate()
        defer { certificate.remove() }
        let server = try certificate.server()
        defer { server.stop() }
        let url = "https://localhost:\(server.port)/"
        #expect(CurlProbe(trust: TrustedCAs(extraBundle: certificate.certificate)).fetch(url, timeoutSeconds: 10) == .answered(status: 200, location: nil))
        guard case .failed(let exit, let message) = CurlProbe(trust: TrustedCAs(extraBundle: nil)).fetch(url, timeoutSeconds: 10) else {
            Issue.record("an untrusted certificate was accepted")
            return
        }
        #expect(exit == 60)
        #expect(message.contains("self-signed"))
        guard case .failed(let refused, _) = CurlProbe(trust: TrustedCAs(extraBundle: nil)).fetch("http://127.0.0.1:\(LocalServer.freePort())/", timeoutSeconds: 5) else {
            Issue.record("a closed port answered")
            return
        }
        #expect(refused == 7)
    }

    /// fetchText keeps the answer's body, to tell LibreTime from another site; fetch does not.
    @Test func curlKeepsTheBodyWhenAskedTo() throws {
        let backend = try LocalServer.backend()
        defer { backend.stop() }
        let curl = CurlProbe(trust: TrustedCAs(extraBundle: nil))
        let url = "http://127.0.0.1:\(backend.port)/api/v2/version"
        guard case .answered(200, nil, let body) = curl.fetchText(url, timeoutSeconds: 10) else {
            Issue.record("no answer from the backend")
            return
        }
        #expect(body.contains("\"api_version\": \"2.0.0\""))
        #expect(curl.fetch(url, timeoutSeconds: 10) == .answered(status: 200, location: nil, body: ""))
    }

    @Test func anUploadReachesTheBackendWhole() throws {
        let backend = try LocalServer.backend()
        defer { backend.stop() }
        let directory = makeTemporaryDirectory()
        defer { removeTree(directory) }
        let curl = CurlProbe(trust: TrustedCAs(extraBundle: nil), temporaryDirectory: directory)
        #expect(curl.upload("http://127.0.0.1:\(backend.port)/rest/media", bytes: 1_572_864) == .answered(status: 200, location: nil))
        // The temporary body is gone.
        #expect(DirectoryListing.names(directory).isEmpty)
    }

    @Test func curlsWriteOutIsRead() {
        #expect(CurlProbe.outcome(["lt-setup-curl\t301\thttps://a.example.org/"], termination: .exited(code: 0))
            == .answered(status: 301, location: "https://a.example.org/"))
        // A live stream cut by --max-time: the status came.
        #expect(CurlProbe.outcome(["curl: (28) Operation timed out after 4001 milliseconds with 65536 bytes received",
                                   "lt-setup-curl\t200\t"], termination: .exited(code: 28))
            == .answered(status: 200, location: nil))
        #expect(CurlProbe.outcome(["curl: (6) Could not resolve host: x.invalid", "", "lt-setup-curl\t000\t"],
                                  termination: .exited(code: 6))
            == .failed(curlExit: 6, message: "Could not resolve host: x.invalid"))
    }

    /// The write-out line reads the same on Debian 11's curl 7.74 as on newer ones: it names
    /// only variables that curl has (`%{exitcode}` and `%{errormsg}` came in 7.75).
    @Test func curlsWriteOutUsesOnlyVariablesOfCurl774() {
        let variables = CurlProbe.writeOut.split(separator: "%{").dropFirst().map { $0.prefix(while: { $0 != "}" }) }
        #expect(variables == ["http_code", "redirect_url"])
    }

    @Test func aptPolicyCandidateIsRead() {
        let policy = """
            nginx:
              Installed: (none)
              Candidate: 1.22.1-9+deb12u1
              Version table:
                 1.22.1-9+deb12u1 500
            """
        #expect(SystemFacts.candidate(inPolicy: policy) == "1.22.1-9+deb12u1")
        #expect(SystemFacts.candidate(inPolicy: "foo:\n  Installed: (none)\n  Candidate: (none)\n") == nil)
        #expect(SystemFacts.candidate(inPolicy: "N: Unable to locate package foo") == nil)
        #expect(SystemFacts.packageCandidate("lt-setup-no-such-package") == nil)
    }

    @Test func sClientOutputIsRead() {
        let refused = "808B1851617F0000:error:8000006F:system library:BIO_connect:Connection refused:../crypto/bio/bio_sock2.c:117:calling connect()\nconnect:errno=111"
        #expect(OpenSSLProbe.handshake(fromSClient: refused) == .failed(reason: "connection refused"))
    }
}
