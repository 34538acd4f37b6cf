import Foundation
@testable import LTSetupCore
import Testing

@Suite struct CheckParsingTests {
    // MARK: LibreTime's nginx site

    /// LibreTime's installer template (fixtures/nginx-libretime.conf), abridged.
    static let installerSite = """
        server {
          listen @@LISTEN_PORT@@;
          listen [::]:@@LISTEN_PORT@@;

          access_log /var/log/nginx/libretime.access.log;
          root @@LEGACY_WEB_ROOT@@/public;
          client_max_body_size 512M;
        }

        """

    @Test func listenPortReadsEveryFormNginxAccepts() {
        #expect(LibreTimeSite.listenPort(in: "server {\n  listen 8080;\n  listen [::]:8080;\n}\n") == 8080)
        #expect(LibreTimeSite.listenPort(in: "server {\n  listen [::]:8081;\n}\n") == 8081)
        #expect(LibreTimeSite.listenPort(in: "server { listen 127.0.0.1:9000 default_server; }") == 9000)
        #expect(LibreTimeSite.listenPort(in: "  listen *:8082;") == 8082)
        #expect(LibreTimeSite.listenPort(in: "  listen 127.0.0.1;") == 80)
        #expect(LibreTimeSite.listenPort(in: "  # listen 1234;\n  listen 8080;") == 8080)
    }

    @Test func listenPortIsNilWhenUnknown() {
        #expect(LibreTimeSite.listenPort(in: Self.installerSite) == nil)
        #expect(LibreTimeSite.listenPort(in: "server { listen unix:/run/lt.sock; }") == nil)
        #expect(LibreTimeSite.listenPort(in: "") == nil)
        #expect(LibreTimeSite.listenPort(in: "  listen 99999;") == nil)
    }

    @Test func listenPortOfTheRealFixtureWhenBesideTheRepository() throws {
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let file = repository.deletingLastPathComponent().appendingPathComponent("shared/fixtures/nginx-libretime.conf")
        guard let text = try? String(contentsOf: file, encoding: .utf8) else { return }
        #expect(LibreTimeSite.listenPort(in: text) == nil)
        #expect(LibreTimeSite.listenPort(in: text.replacingOccurrences(of: "@@LISTEN_PORT@@", with: "8080")) == 8080)
    }

    // MARK: System files and versions

    @Test func osReleaseFields() {
        let release = OSRelease("NAME=\"Ubuntu\"\nID=ubuntu\nID_LIKE=debian\nVERSION_ID=\"22.04\"\n# comment\n")
        #expect(release.id == "ubuntu")
        #expect(release.versionID == "22.04")
        #expect(release.isDebianFamily)
        #expect(release.prettyName == "ubuntu 22.04")
        #expect(!OSRelease("ID=arch\n").isDebianFamily)
        #expect(OSRelease("ID=linuxmint\nID_LIKE=\"ubuntu debian\"\n").isDebianFamily)
    }

    @Test func upstreamVersionsCompareByNumbers() throws {
        #expect(UpstreamVersion(debian: "2.1.0-4") == UpstreamVersion(2, 1))
        #expect(try #require(UpstreamVersion(debian: "1:2.4.4-4+b1")) < UpstreamVersion(2, 5))
        #expect(try #require(UpstreamVersion(debian: "2.5~beta3-1")) >= UpstreamVersion(2, 5))
        #expect(try #require(UpstreamVersion(debian: "5.3.0")) >= UpstreamVersion(5, 3))
        #expect(try #require(UpstreamVersion(debian: "4.0.0-2")) < UpstreamVersion(5, 3))
        #expect(UpstreamVersion(debian: "git") == nil)
    }

    // MARK: Addresses

    @Test func addressesParseAndPrintAsRFC5952() {
        #expect(ip("::1").isLoopback)
        #expect(ip("::1").description == "::1")
        #expect(ip("2001:db8:0:0:0:0:0:10").description == "2001:db8::10")
        #expect(ip("::ffff:192.0.2.1") == .v6([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff, 192, 0, 2, 1]))
        #expect(ip("fe80::1").isPrivate)
        #expect(ip("fd12::1").isPrivate)
        #expect(!ip("2001:db8::1").isPrivate)
        #expect(ip("10.1.2.3").isPrivate && ip("172.20.0.1").isPrivate && ip("192.168.1.1").isPrivate)
        #expect(ip("100.64.0.1").isPrivate)
        #expect(!ip("203.0.113.10").isPrivate)
        #expect(IPAddress("1:2:3") == nil)
        #expect(IPAddress("1::2::3") == nil)
        #expect(IPAddress("example.org") == nil)
    }

    // MARK: Certificates

    @Test func fingerprintIsOpenSSLs() {
        #expect(CertificateText.fingerprint(ofPEM: TestCertificates.live) == TestCertificates.liveFingerprint)
        #expect(CertificateText.fingerprint(ofPEM: TestCertificates.other + TestCertificates.live) == TestCertificates.otherFingerprint)
        #expect(CertificateText.fingerprint(ofPEM: "garbage") == nil)
        let sClient = "CONNECTED(00000003)\ndepth=0 CN = x\n---\nServer certificate\n" + TestCertificates.live + "subject=CN = x\n"
        #expect(CertificateText.firstPEMBlock(in: sClient).flatMap(CertificateText.fingerprint(ofPEM:)) == TestCertificates.liveFingerprint)
    }

    @Test func opensslX509OutputIsRead() throws {
        let output = """
            subject=CN = radio.test
            X509v3 Subject Alternative Name: 
                DNS:radio.test, DNS:WWW.radio.test, IP Address:127.0.0.1
            notAfter=Dec  1 17:24:47 2026 GMT
            Certificate will not expire
            """
        let info = try #require(CertificateText.info(fromOpenSSL: output))
        #expect(info == CertificateInfo(subject: "CN = radio.test", dnsNames: ["radio.test", "www.radio.test"],
                                        notAfter: "Dec  1 17:24:47 2026 GMT", expired: false))
        let expired = try #require(CertificateText.info(fromOpenSSL: "No extensions in certificate\nsubject=CN = a\nnotAfter=Jan  1 00:00:00 2020 GMT\nCertificate will expire\n"))
        #expect(expired.expired && expired.dnsNames.isEmpty)
        #expect(CertificateText.info(fromOpenSSL: "Could not open file or uri for loading certificate") == nil)
    }

    @Test func wildcardNamesCoverOneLabel() {
        let info = CertificateInfo(subject: "", dnsNames: ["*.example.org"], notAfter: "", expired: false)
        #expect(info.names("radio.example.org"))
        #expect(!info.names("a.radio.example.org"))
        #expect(!info.names("example.org"))
    }

    @Test func renewalFilesNameTheirCertificate() {
        #expect(CertificateText.renewalCertificatePath("# renew_before_expiry = 30 days\nversion = 2.1.0\narchive_dir = /x\ncert = /etc/letsencrypt/live/a-0001/cert.pem\n")
            == "/etc/letsencrypt/live/a-0001/cert.pem")
        #expect(CertificateText.renewalCertificatePath("[renewalparams]\nauthenticator = nginx\n") == nil)
    }

    @Test func renewalFilesNameTheirServer() {
        #expect(CertificateText.renewalServer("[renewalparams]\naccount = 01ab\nserver = https://acme-staging-v02.api.letsencrypt.org/directory\n")
            == "https://acme-staging-v02.api.letsencrypt.org/directory")
        #expect(CertificateText.renewalServer("cert = /x\n") == nil)
        #expect(CertificateText.renewalServer("server = https://x.example/\u{1B}[2Jdir\n") == nil, "shown on a terminal: plain URLs only")
    }

    @Test func openListensAreEveryOneButTheLoopback() {
        let site = """
            server {
              listen 8080 default_server;
              listen [::]:8080;   # IPv6
              listen *:8081;
              listen 127.0.0.1:8080;
              listen [::1]:8080;
              listen localhost:8082;
              listen unix:/run/x.sock;
              # listen 9999;
              listen 203.0.113.10:8083;
            }
            """
        #expect(LibreTimeSite.openListens(in: site) == ["8080", "[::]:8080", "*:8081", "203.0.113.10:8083"])
        #expect(LibreTimeSite.openListens(in: "listen @@LISTEN_PORT@@;\n").isEmpty)
    }

    // MARK: ACME directories

    @Test func theTermsOfServiceComeFromTheDirectorysMeta() {
        // Let's Encrypt escapes its slashes; pebble offers a data: URL.
        #expect(ACMEDirectory.termsOfService(in: #"{"meta": {"termsOfService": "https:\/\/letsencrypt.org\/documents\/LE-SA-v1.5-February-24-2025.pdf"}}"#)
            == "https://letsencrypt.org/documents/LE-SA-v1.5-February-24-2025.pdf")
        #expect(ACMEDirectory.termsOfService(in: "{\n  \"meta\": {\n    \"termsOfService\" :\n \"data:text/plain,Do%20what%20thou%20wilt\"\n  }\n}")
            == "data:text/plain,Do%20what%20thou%20wilt")
        #expect(ACMEDirectory.termsOfService(in: #"{"meta": {"website": "https://example.org"}}"#) == nil)
        #expect(ACMEDirectory.termsOfService(in: "<html>Bad gateway</html>") == nil)
    }

    @Test func termsThatAreNotAPlainURLAreNotShown() {
        // Shown on root's terminal as they are: escape sequences, spaces and other escapes stay out.
        for hostile in [#"https://x.example/\u001b[2J"#, "https://x.example/\u{1B}[2J", "https://x.example/a b",
                        #"https://x.example/\"quoted"#, "no-scheme.example/tos", String(repeating: "a", count: 3000)] {
            let body = "{\"meta\": {\"termsOfService\": \"\(hostile)\"}}"
            #expect(ACMEDirectory.termsOfService(in: body) == nil, "\(hostile)")
        }
    }

    // MARK: Firewalls

    @Test func ufwStatusIsRead() {
        let status = """
            Status: active

            To                         Action      From
            --                         ------      ----
            22/tcp                     ALLOW       Anywhere
            80,443/tcp                 ALLOW       Anywhere
            8000:8010/tcp              ALLOW       Anywhere
            8443 (v6)                  ALLOW       Anywhere (v6)
            25                         DENY        Anywhere
            """
        #expect(Firewall.detect(FirewallOutputs(ufwStatus: status, nftRuleset: nil))
            == .ufw(allowed: Set([22, 80, 443, 8443] + Array(8000...8010))))
        #expect(Firewall.detect(FirewallOutputs(ufwStatus: "Status: inactive\n", nftRuleset: nil)) == .none)
    }

    @Test func nftablesInputPolicyDropIsFound() {
        let ruleset = """
            table inet filter {
                chain forward {
                    type filter hook forward priority filter; policy drop;
                }
                chain inbound {
                    type filter hook input priority filter; policy drop;
                    ct state established,related accept
                    tcp dport 22 accept
                    tcp dport { 80, 443 } counter accept
                }
            }
            """
        #expect(Firewall.detect(FirewallOutputs(ufwStatus: nil, nftRuleset: ruleset)) == .nftables(chain: "inbound", allowed: [22, 80, 443]))
        let accepting = "table inet filter {\n  chain input {\n    type filter hook input priority 0; policy accept;\n  }\n}\n"
        #expect(Firewall.detect(FirewallOutputs(ufwStatus: nil, nftRuleset: accepting)) == .none)
    }

    // MARK: config.yml

    @Test func configReaderSeesWhatTheEditWrote() throws {
        let edited = try LibreTimeConfigEdit.setPublicURLs(in: ServerFixtures.libretimeConfig, siteURL: "https://radio.example.org",
                                                           icecastStreamBase: "https://radio.example.org:8443").get()
        let settings = try LibreTimeConfigReader.read(edited).get()
        #expect(settings.publicURL == "https://radio.example.org")
        #expect(settings.icecastOutputs == [
            IcecastOutput(position: 1, enabled: true, mount: "main", publicURL: "https://radio.example.org:8443/main"),
            IcecastOutput(position: 2, enabled: false, mount: "main-low", publicURL: nil),
        ])
    }

    @Test func configReaderMergesAnchorsAndReportsWhatItCannotRead() throws {
        let yaml = """
            general:
              public_url:
            stream:
              outputs:
                .base: &base
                  enabled: yes
                  mount: /live
                  public_url: https://a.example.org:8443/live
                icecast:
                  - <<: *base
                  - <<: *base
                    enabled: off

            """
        let settings = try LibreTimeConfigReader.read(yaml).get()
        #expect(settings.publicURL == nil)
        #expect(settings.icecastOutputs.map(\.enabled) == [true, false])
        #expect(settings.icecastOutputs.first?.mount == "live")
        #expect(settings.icecastOutputs.first?.publicURL == "https://a.example.org:8443/live")
        #expect(throws: EditError.self) { try LibreTimeConfigReader.read("general:\n\tpublic_url: x\n").get() }
    }
}
