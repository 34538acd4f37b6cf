@testable import LTSetupCore

/// A throw-away self-signed certificate for libretime.example.org, and its SHA-256 as
/// `openssl x509 -fingerprint -sha256` printed it.
enum TestCertificates {
    static let live = """
        -----BEGIN CERTIFICATE-----
        MIIBuTCCAV+gAwIBAgIUdGwqEvQHO1hCZpn7RURIt5Y9x+wwCgYIKoZIzj0EAwIw
        IDEeMBwGA1UEAwwVbGlicmV0aW1lLmV4YW1wbGUub3JnMCAXDTI2MTEyODE3MzAz
        OFoYDzIxMjYxMTA0MTczMDM4WjAgMR4wHAYDVQQDDBVsaWJyZXRpbWUuZXhhbXBs
        ZS5vcmcwWTATBgcqhkjOPQIBBggqhkjOPQMBBwNCAATnFnW3sE7wFBLGf4fGfPrJ
        TykDlSZyhWlLoY7f8CkCSoO3QX4lVlyJKY09rKUCqaeXfEDscod4Ml6UlQdqeGlu
        o3UwczAdBgNVHQ4EFgQU1551/dg2/DM7mQbXDshVvnkTwcgwHwYDVR0jBBgwFoAU
        1551/dg2/DM7mQbXDshVvnkTwcgwDwYDVR0TAQH/BAUwAwEB/zAgBgNVHREEGTAX
        ghVsaWJyZXRpbWUuZXhhbXBsZS5vcmcwCgYIKoZIzj0EAwIDSAAwRQIhAMQJlKSz
        XGcMyPn2TthRb/3KaEKblJRC+EU/OPhQqbsTAiBEacaBVceWRqkYCA4+tFy8jweg
        BqDSkErMggyILsjitQ==
        -----END CERTIFICATE-----

        """
    static let liveFingerprint = "E5:EC:CE:EF:A5:F9:87:8A:F4:9D:EE:42:AF:09:4B:7C:D5:7D:D5:AD:67:B7:FD:BA:82:4D:D8:A8:65:4F:3E:BC"

    /// Another one, for other.example.org.
    static let other = """
        -----BEGIN CERTIFICATE-----
        MIIBrTCCAVOgAwIBAgIUEFMKgdZ0dSCaeUPhw/+Kfq81JCgwCgYIKoZIzj0EAwIw
        HDEaMBgGA1UEAwwRb3RoZXIuZXhhbXBsZS5vcmcwIBcNMjYxMTI4MTczMDM5WhgP
        MjEyNjExMDQxNzMwMzlaMBwxGjAYBgNVBAMMEW90aGVyLmV4YW1wbGUub3JnMFkw
        EwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEqh2RjAhbTZXR5lFrlkmHC7YFTxoyKxWU
        AINztlL0VYaMo6tp8DGlSRXKK2yGwGRPhaLnePBiB+n65tER5dUR7aNxMG8wHQYD
        VR0OBBYEFBIYzRTloRYPcXkGDqijEWdIiMmFMB8GA1UdIwQYMBaAFBIYzRTloRYP
        cXkGDqijEWdIiMmFMA8GA1UdEwEB/wQFMAMBAf8wHAYDVR0RBBUwE4IRb3RoZXIu
        ZXhhbXBsZS5vcmcwCgYIKoZIzj0EAwIDSAAwRQIhAJB8WYL/S5Gq+xW6KHDI+qyg
        hl3y5cIBvuK18qwKNoEUAiAxCO6oIPV3S1IRzCoC4USKMwKW34lussEIOFmKwiGM
        Jw==
        -----END CERTIFICATE-----

        """
    static let otherFingerprint = "A3:31:65:C3:09:EA:5C:29:12:06:53:CA:7E:61:84:7B:A4:02:76:84:28:8E:60:D2:2D:DC:45:98:AA:5D:F1:05"

    static let key = "-----BEGIN PRIVATE KEY-----\nnot a real key\n-----END PRIVATE KEY-----\n"

    static let liveInfo = CertificateInfo(subject: "CN = libretime.example.org", dnsNames: ["libretime.example.org"],
                                          notAfter: "Nov  4 17:30:38 2126 GMT", expired: false)
}

func ip(_ text: String) -> IPAddress {
    guard let address = IPAddress(text) else { fatalError("not an address: \(text)") }
    return address
}

/// Preflight's probes on a healthy Debian 12 LibreTime server at 203.0.113.10, with nginx
/// holding port 80; each test changes what it is about.
struct FakePreflightProbes: PreflightProbes {
    var isRoot = true
    var programs = ["apt-get": "/usr/bin/apt-get", "curl": "/usr/bin/curl", "openssl": "/usr/bin/openssl",
                    "certbot": "/usr/bin/certbot"]
    var connection = ConnectOutcome.connected(ip("127.0.0.1"))
    var versionAnswer = HTTPOutcome.answered(HTTPAnswer(status: 200, reason: "OK", body: #"{"api_version":"2.0.0"}"#))
    var listening: [Int: [Listener]] = [80: [Listener(address: "0.0.0.0", port: 80, pid: 812, command: "nginx",
                                                      executable: "/usr/sbin/nginx", user: "root")]]
    var resolution = Resolution.addresses([ip("203.0.113.10")])
    var localAddresses = [ip("127.0.0.1"), ip("::1"), ip("203.0.113.10"), ip("fe80::1")]
    var candidates = ["nginx": "1.22.1-9", "certbot": "2.1.0-4", "python3-certbot-nginx": "2.1.0-2",
                      "apache2": "2.4.62-1", "python3-certbot-apache": "2.1.0-2"]
    var certificates: [String: CertificateInfo] = [:]
    var directories: [String: [String]] = [:]
    var firewall = FirewallOutputs(ufwStatus: nil, nftRuleset: nil)
    var directoryAnswer = WebOutcome.answered(status: 200, location: nil, body: """
        {"keyChange":"https://acme-v02.api.letsencrypt.org/acme/key-change","meta":{"caaIdentities":["letsencrypt.org"],\
        "termsOfService":"https:\\/\\/letsencrypt.org\\/documents\\/LE-SA-v1.5-February-24-2025.pdf","website":"https://letsencrypt.org"}}
        """)
    /// The requests made, to check what was asked.
    var requested: [String] = []

    func programPath(_ name: String) -> String? { programs[name] }
    func connect(host: String, port: Int) -> ConnectOutcome { connection }
    func httpGet(host: String, port: Int, path: String) -> HTTPOutcome { versionAnswer }
    func listeners(port: Int) -> [Listener] { listening[port] ?? [] }
    func resolve(_ name: String) -> Resolution { resolution }
    func packageCandidate(_ name: String) -> String? { candidates[name] }
    func certificateInfo(path: String) -> CertificateInfo? { certificates[path] }
    func fileNames(in directory: String) -> [String] { directories[directory] ?? [] }
    func fetchText(_ url: String, timeoutSeconds: Int) -> WebOutcome { directoryAnswer }
}

/// Verification's probes for a station that works: each test breaks one thing.
struct FakeVerificationProbes: VerificationProbes {
    var httpAnswers: [String: HTTPOutcome] = [
        "libretime.example.org:80": .answered(HTTPAnswer(
            status: 301, reason: "Moved Permanently", headers: [("location", "https://libretime.example.org/")])),
    ]
    var fetched: [String: WebOutcome] = [
        "https://libretime.example.org/api/v2/version": .answered(status: 200, location: nil, body: #"{"api_version":"2.0.0"}"#),
        "https://libretime.example.org:8443/main": .answered(status: 404, location: nil),
    ]
    var uploadOutcome = WebOutcome.answered(status: 405, location: nil)
    var served: [Int: TLSHandshake] = [
        443: .established(leafPEM: TestCertificates.live, verificationError: nil),
        8443: .established(leafPEM: TestCertificates.live, verificationError: nil),
    ]
    var certificates = ["/etc/letsencrypt/live/libretime.example.org/cert.pem": TestCertificates.liveInfo]
    var fileAttributes = [
        "/etc/letsencrypt/renewal-hooks/deploy/lt-setup-icecast-libretime.example.org.sh": FileAttributes(owner: "root", group: "root", mode: 0o755),
        "/etc/icecast2/bundle.pem": FileAttributes(owner: "root", group: "icecast", mode: 0o640),
    ]
    var resolution = Resolution.addresses([ip("203.0.113.10")])
    var trustedCAs = "the system's CAs"

    func httpGet(host: String, port: Int, path: String) -> HTTPOutcome {
        httpAnswers["\(host):\(port)\(path)"] ?? httpAnswers["\(host):\(port)"] ?? .failed(reason: "connection refused")
    }
    /// As curl does it for `fetch`: the body is not kept.
    func fetch(_ url: String, timeoutSeconds: Int) -> WebOutcome {
        let outcome = fetchText(url, timeoutSeconds: timeoutSeconds)
        guard case .answered(let status, let location, _) = outcome else { return outcome }
        return .answered(status: status, location: location)
    }
    func fetchText(_ url: String, timeoutSeconds: Int) -> WebOutcome { fetched[url] ?? .failed(curlExit: 7, message: "Couldn't connect to server") }
    func upload(_ url: String, bytes: Int) -> WebOutcome { uploadOutcome }
    func servedCertificate(host: String, port: Int, serverName: String) -> TLSHandshake {
        served[port] ?? .failed(reason: "connect:errno=111")
    }
    func certificateInfo(path: String) -> CertificateInfo? { certificates[path] }
    func attributes(of path: String) -> FileAttributes? { fileAttributes[path] }
    func resolve(_ name: String) -> Resolution { resolution }
}

/// Server files for the checks: ServerFixtures' LibreTime server plus what the checks read.
enum CheckServer {
    static let osRelease = """
        PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"
        NAME="Debian GNU/Linux"
        VERSION_ID="12"
        ID=debian

        """

    static let libretimeSite = """
        server {
          listen 8080;
          listen [::]:8080;
          root /usr/share/libretime/legacy/public;
        }

        """

    /// Before lt-setup: LibreTime, nginx, certbot and Icecast 2.4 installed.
    static func before() -> InMemoryServerFiles {
        var files = ServerFixtures.libretimeServer()
        files.files[OSRelease.path] = .file(osRelease)
        files.files[ServerPaths.libretimeNginxSite] = .file(libretimeSite)
        return files
    }

    /// After a complete run: the certificate, the edited config.yml, the hook and the bundle.
    static func after(answers: Answers = ServerFixtures.answers) -> InMemoryServerFiles {
        var files = before()
        let paths = ServerPaths(proxy: answers.proxy, domain: answers.domain)
        files.files[paths.certificate] = .file(TestCertificates.live)
        files.files[paths.fullchain] = .file(TestCertificates.live)
        files.files[paths.privateKey] = .file(TestCertificates.key)
        files.files[ServerPaths.icecastBundle] = .file(TestCertificates.live + TestCertificates.key)
        files.files[paths.renewalHook] = .file("#!/bin/sh\nlineage='\(paths.lineage)'\n")
        let edited = try? LibreTimeConfigEdit.setPublicURLs(
            in: ServerFixtures.libretimeConfig, siteURL: "https://\(answers.domain)",
            icecastStreamBase: "https://\(answers.domain):8443").get()
        files.files[ServerPaths.libretimeConfig] = .file(edited ?? "")
        return files
    }
}

extension Array where Element == Check {
    /// The check with this id; a missing one fails the test that asks.
    subscript(id id: CheckID) -> Check? {
        first { $0.id == id }
    }
}
