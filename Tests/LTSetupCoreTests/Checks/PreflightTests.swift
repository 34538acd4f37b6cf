@testable import LTSetupCore
import Testing

@Suite struct PreflightTests {
    let answers = ServerFixtures.answers

    func run(_ probes: FakePreflightProbes = FakePreflightProbes(), files: InMemoryServerFiles = CheckServer.before(),
             answers: Answers? = nil, options: PreflightOptions = PreflightOptions()) -> [Check] {
        Preflight.run(answers ?? self.answers, files: files, probes: probes, options: options)
    }

    func result(_ id: CheckID, _ probes: FakePreflightProbes = FakePreflightProbes(),
                files: InMemoryServerFiles = CheckServer.before(), answers: Answers? = nil,
                options: PreflightOptions = PreflightOptions()) throws -> Check {
        try #require(run(probes, files: files, answers: answers, options: options)[id: id])
    }

    @Test func aHealthyServerPassesEveryCheckInOrder() {
        let checks = run()
        #expect(checks.map(\.id) == [
            .root, .operatingSystem, .osVersion, .libretimeConfig, .libretimeSite, .libretimePort, .backend,
            .port80, .port443, .icecastPortFree, .domain, .ipv6, .packages, .certbotVersion,
            .icecast, .verifyTools, .existingCertificate, .acmeServer, .firewall,
        ])
        // LibreTime's installer opens its own port on every interface: the one warning.
        let notPassed = checks.filter { !$0.result.isPassed }
        #expect(notPassed.map(\.id) == [.libretimePort], "\(notPassed)")
        #expect(checks.allHardChecksPass)
    }

    @Test func aSoftCheckNeverFails() {
        let check = Check(.firewall, "t", .soft, .failed(seen: "s", fix: "f"))
        #expect(check.result == .warning(seen: "s", fix: "f"))
        #expect(!check.blocks)
    }

    // MARK: The system

    @Test func rootIsRequired() throws {
        var probes = FakePreflightProbes()
        probes.isRoot = false
        let check = try result(.root, probes)
        #expect(check.blocks)
        #expect(check.result.fix?.contains("sudo") == true)
    }

    @Test func debianWithAptPassesAndOthersFail() throws {
        #expect(try result(.operatingSystem).result == .passed(seen: "Debian GNU/Linux 12 (bookworm), with /usr/bin/apt-get."))
        var files = CheckServer.before()
        files.files[OSRelease.path] = .file("ID=fedora\nVERSION_ID=40\nPRETTY_NAME=\"Fedora Linux 40\"\n")
        #expect(try result(.operatingSystem, files: files).result.seen == "This is Fedora Linux 40, not Debian or Ubuntu.")
        var probes = FakePreflightProbes()
        probes.programs["apt-get"] = nil
        #expect(try result(.operatingSystem, probes).blocks)
        files.files[OSRelease.path] = nil
        #expect(try result(.operatingSystem, files: files).blocks)
    }

    func osVersion(_ osRelease: String) throws -> Check {
        var files = CheckServer.before()
        files.files[OSRelease.path] = .file(osRelease)
        return try result(.osVersion, files: files)
    }

    @Test func theReleasesLibreTimesInstallerAcceptsPass() throws {
        let bullseye = try osVersion("ID=debian\nVERSION_ID=\"11\"\nPRETTY_NAME=\"Debian GNU/Linux 11 (bullseye)\"\n")
        #expect(bullseye.result == .passed(seen: "Debian GNU/Linux 11 (bullseye): lt-setup knows it (certbot 1.12.0 in its archive); LibreTime's installer accepts it too."))
        let focal = try osVersion("ID=ubuntu\nID_LIKE=debian\nVERSION_ID=\"20.04\"\nPRETTY_NAME=\"Ubuntu 20.04.6 LTS\"\n")
        #expect(focal.result.seen == "Ubuntu 20.04.6 LTS: lt-setup knows it (certbot 0.40.0 in its archive); LibreTime's installer accepts it too.")
    }

    @Test func newerKnownReleasesPassAndSayWhatTheInstallerAccepts() throws {
        for (id, version) in [("debian", "12"), ("debian", "13"), ("ubuntu", "22.04"), ("ubuntu", "24.04")] {
            let check = try osVersion("ID=\(id)\nVERSION_ID=\(version)\n")
            #expect(check.result.isPassed, "\(id) \(version)")
            #expect(check.result.seen.contains("LibreTime's installer accepts Debian 11 and Ubuntu 20.04 only"))
        }
        #expect(try osVersion("ID=ubuntu\nVERSION_ID=\"24.04\"\n").result.seen.contains("certbot 2.9.0 in its archive"))
    }

    @Test func anOlderReleaseIsAWarningNamingTheOldestKnown() throws {
        let bionic = try osVersion("ID=ubuntu\nID_LIKE=debian\nVERSION_ID=\"18.04\"\nPRETTY_NAME=\"Ubuntu 18.04.6 LTS\"\n")
        #expect(bionic.result.isWarning)
        #expect(bionic.result.seen == "Ubuntu 18.04.6 LTS is older than every release lt-setup knows (Debian 11, 12 and 13, Ubuntu 20.04, 22.04 and 24.04); LibreTime's installer accepts Debian 11 and Ubuntu 20.04.")
        #expect(bionic.result.fix?.hasPrefix("Upgrade to Ubuntu 20.04 (focal) or later.") == true)
        #expect(try osVersion("ID=debian\nVERSION_ID=\"10\"\n").result.fix?.hasPrefix("Upgrade to Debian 11 (bullseye)") == true)
    }

    @Test func aNewerOrUnknownReleaseIsAWarning() throws {
        let forky = try osVersion("ID=debian\nVERSION_ID=\"14\"\nPRETTY_NAME=\"Debian GNU/Linux 14 (forky)\"\n")
        #expect(forky.result.isWarning)
        #expect(forky.result.seen == "Debian GNU/Linux 14 (forky) is newer than every release lt-setup knows (the newest: Debian 13 (trixie)).")
        let mint = try osVersion("ID=linuxmint\nID_LIKE=\"ubuntu debian\"\nVERSION_ID=\"21.3\"\nPRETTY_NAME=\"Linux Mint 21.3\"\n")
        #expect(mint.result.isWarning)
        #expect(mint.result.seen.hasPrefix("Linux Mint 21.3 is not a release lt-setup knows"))
        #expect(try result(.operatingSystem, files: { var f = CheckServer.before(); f.files[OSRelease.path] = .file("ID=linuxmint\nID_LIKE=\"ubuntu debian\"\n"); return f }()).result.isPassed)
    }

    @Test func missingVerifyToolsAreAWarning() throws {
        var probes = FakePreflightProbes()
        probes.programs["curl"] = nil
        let check = try result(.verifyTools, probes)
        #expect(check.result.isWarning)
        #expect(check.result.fix?.contains("apt-get install curl") == true)
    }

    // MARK: LibreTime

    @Test func withoutConfigYmlTheLibreTimeStepsAreSkipped() throws {
        #expect(try result(.libretimeConfig).result.isPassed)
        var files = CheckServer.before()
        files.files[ServerPaths.libretimeConfig] = nil
        let check = try result(.libretimeConfig, files: files)
        #expect(check.result.isWarning)
        #expect(check.result.fix?.contains("skipped") == true)
    }

    @Test func anUnreadableConfigIsNotCalledMissing() throws {
        var files = CheckServer.before()
        files.files[ServerPaths.libretimeConfig] = .unreadable(reason: "Permission denied")
        let check = try result(.libretimeConfig, files: files)
        #expect(check.result.seen == "lt-setup cannot read /etc/libretime/config.yml (Permission denied).")
        #expect(!check.result.seen.contains("missing"))
    }

    @Test func libretimesListenPortIsComparedWithTheBackend() throws {
        #expect(try result(.libretimeSite).result.seen.contains("listens on port 8080"))
        var files = CheckServer.before()
        files.files[ServerPaths.libretimeNginxSite] = .file("server {\n  listen 8081;\n}\n")
        let other = try result(.libretimeSite, files: files)
        #expect(other.result.isWarning)
        #expect(other.result.fix == "Set backend: localhost:8081 in the answers file, unless LibreTime is reached at localhost:8080 another way.")
        files.files[ServerPaths.libretimeNginxSite] = .file("server {\n  listen @@LISTEN_PORT@@;\n}\n")
        #expect(try result(.libretimeSite, files: files).result.seen.contains("@@LISTEN_PORT@@"))
        files.files[ServerPaths.libretimeNginxSite] = nil
        #expect(try result(.libretimeSite, files: files).result.isWarning)
    }

    @Test func libretimesOwnPortOpenToEveryInterfaceIsAWarning() throws {
        let open = try result(.libretimePort)
        #expect(open.result.isWarning)
        #expect(open.result.seen == "LibreTime's nginx site has listen 8080; and listen [::]:8080; in /etc/nginx/sites-available/libretime.conf: every interface. http://libretime.example.org:8080/ will still serve LibreTime in plain http, past the https site.")
        #expect(open.result.fix?.contains("lt-setup does not edit that file: LibreTime's installer owns it") == true)
        #expect(open.result.fix?.hasSuffix("your provider's firewall (a firewall enabled on this server must keep ssh open).") == true)
        // An active ufw that does not let the port in closes it.
        var probes = FakePreflightProbes()
        probes.firewall = FirewallOutputs(ufwStatus: "Status: active\n\nTo Action From\n-- ------ ----\n22/tcp ALLOW Anywhere\n80,443,8443/tcp ALLOW Anywhere\n", nftRuleset: nil)
        #expect(try result(.libretimePort, probes).result.isPassed)
        probes.firewall = FirewallOutputs(ufwStatus: "Status: active\n\nTo Action From\n-- ------ ----\n8080/tcp ALLOW Anywhere\n", nftRuleset: nil)
        #expect(try result(.libretimePort, probes).result.fix?.contains("sudo ufw deny 8080/tcp") == true)
        // Bound to the loopback, it is closed whatever the firewall.
        var files = CheckServer.before()
        files.files[ServerPaths.libretimeNginxSite] = .file("server {\n  listen 127.0.0.1:8080;\n  listen [::1]:8080;\n}\n")
        #expect(try result(.libretimePort, files: files).result.isPassed)
        files.files[ServerPaths.libretimeNginxSite] = .file("server {\n  listen @@LISTEN_PORT@@;\n}\n")
        #expect(run(files: files)[id: .libretimePort] == nil, "no port to tell about")
    }

    @Test func theBackendMustAnswerLibreTimesVersion() throws {
        #expect(try result(.backend).result == .passed(seen: "GET http://localhost:8080/api/v2/version answers 200: LibreTime's API version 2.0.0."))
        var probes = FakePreflightProbes()
        probes.connection = .failed(reason: "connection refused")
        let refused = try result(.backend, probes)
        #expect(refused.blocks)
        #expect(refused.result.seen == "Nothing accepts connections at localhost:8080 (connection refused).")
        #expect(refused.result.fix?.contains("--allow-unreachable-backend") == true)
        probes = FakePreflightProbes()
        probes.versionAnswer = .answered(HTTPAnswer(status: 502, reason: "Bad Gateway"))
        #expect(try result(.backend, probes).result.seen.contains("its API does not"))
        probes.versionAnswer = .answered(HTTPAnswer(status: 404, reason: "Not Found", body: "<html>"))
        #expect(try result(.backend, probes).blocks)
        probes.versionAnswer = .failed(reason: "timed out")
        #expect(try result(.backend, probes).blocks)
    }

    /// Advice to change an answer says how, where the operator gives it: the wizard has no
    /// answers file.
    @Test func adviceToChangeTheBackendFitsTheFrontEnd() throws {
        var probes = FakePreflightProbes()
        probes.connection = .failed(reason: "connection refused")
        let file = try result(.backend, probes)
        #expect(file.result.fix?.contains("or set backend: in the answers file.") == true)
        let wizard = try result(.backend, probes, options: PreflightOptions(source: .wizard))
        #expect(wizard.result.fix?.contains("or go back to Details (Esc) and change Backend.") == true)
        #expect(wizard.result.fix?.contains("answers file") == false)
    }

    @Test func anUnreachableBackendCanBeAllowed() throws {
        var probes = FakePreflightProbes()
        probes.connection = .failed(reason: "connection refused")
        let check = try result(.backend, probes, options: PreflightOptions(allowUnreachableBackend: true))
        #expect(check.severity == .soft)
        #expect(check.result.isWarning)
        #expect(check.result.fix?.contains("--allow-unreachable-backend") == false)
    }

    // MARK: Ports

    @Test func portsHeldByTheChosenProxyAreFineAndOthersAreNamed() throws {
        #expect(try result(.port80).result.seen == "Port 80 is held by nginx (pid 812), running /usr/sbin/nginx as root on 0.0.0.0, which nginx is: fine.")
        #expect(try result(.port443).result.seen == "Nothing listens on port 443 yet.")
        var probes = FakePreflightProbes()
        probes.listening[443] = [Listener(address: "::", port: 443, pid: 99, command: "apache2", executable: "/usr/sbin/apache2", user: "root")]
        let held = try result(.port443, probes)
        #expect(held.blocks)
        #expect(held.result.seen == "Port 443 is held by apache2 (pid 99), running /usr/sbin/apache2 as root on ::.")
        #expect(held.result.fix?.contains("systemctl disable --now apache2") == true)
    }

    /// Any local user names their process as they like: a listener called icecast2, or one
    /// whose name is an escape sequence or a command, is neither trusted nor pasted anywhere.
    @Test func aProcessNameIsNeitherTrustedNorPastedIntoACommand() throws {
        var probes = FakePreflightProbes()
        probes.listening[8443] = [Listener(address: "0.0.0.0", port: 8443, pid: 7, command: "icecast2",
                                           executable: "/home/eve/icecast2", user: "eve")]
        let impostor = try result(.icecastPortFree, probes)
        #expect(impostor.blocks)
        #expect(impostor.result.seen.contains("icecast2 (pid 7), running /home/eve/icecast2 as eve"))
        // Even the real program, run by a user, is not Icecast's.
        probes.listening[8443] = [Listener(address: "0.0.0.0", port: 8443, pid: 8, command: "icecast2",
                                           executable: "/usr/bin/icecast2", user: "eve")]
        #expect(try result(.icecastPortFree, probes).blocks)
        probes.listening[443] = [Listener(address: "::", port: 443, pid: 9, command: "a;sh</tmp/x\u{1B}[2J",
                                          executable: "/tmp/x", user: "eve")]
        let hostile = try result(.port443, probes)
        #expect(hostile.result.seen.contains("a;sh</tmp/x\\x1b[2J (pid 9)"))
        #expect(!hostile.result.seen.contains("\u{1B}"))
        #expect(hostile.result.fix?.contains("a;sh") == false)
        #expect(hostile.result.fix?.contains("ss -ltnp 'sport = :443'") == true)
    }

    @Test func forApacheNginxsDefaultSiteOnPort80IsExplained() throws {
        var apache = answers
        apache.proxy = .apache
        let check = try result(.port80, answers: apache)
        #expect(check.blocks)
        #expect(check.result.fix?.contains("/etc/nginx/sites-enabled/default") == true)
    }

    @Test func anUnidentifiedHolderIsAFailureWithAWayToFindIt() throws {
        var probes = FakePreflightProbes()
        probes.listening[80] = [Listener(address: "0.0.0.0", port: 80, pid: nil, command: nil)]
        let check = try result(.port80, probes)
        #expect(check.blocks)
        #expect(check.result.fix?.contains("ss -ltnp") == true)
    }

    @Test func icecastsPortMayBeHeldByIcecastOnly() throws {
        var probes = FakePreflightProbes()
        probes.listening[8443] = [Listener(address: "0.0.0.0", port: 8443, pid: 5, command: "icecast2",
                                           executable: "/usr/bin/icecast2", user: "icecast2")]
        #expect(try result(.icecastPortFree, probes).result.isPassed)
        probes.listening[8443] = [Listener(address: "0.0.0.0", port: 8443, pid: 6, command: "java")]
        #expect(try result(.icecastPortFree, probes).blocks)
    }

    // MARK: The domain

    @Test func theDomainMustResolveToThisServer() throws {
        #expect(try result(.domain).result == .passed(seen: "libretime.example.org resolves to 203.0.113.10, an address of this server."))
        var probes = FakePreflightProbes()
        probes.resolution = .failed(reason: "Name or service not known")
        #expect(try result(.domain, probes).blocks)
        probes.resolution = .addresses([ip("198.51.100.20")])
        let elsewhere = try result(.domain, probes)
        #expect(elsewhere.blocks)
        #expect(elsewhere.result.seen == "libretime.example.org resolves to 198.51.100.20, which is not an address of this server (its addresses: 203.0.113.10 and fe80::1).")
    }

    @Test func behindNATTheDomainIsAWarningWithAWayToCheckFromOutside() throws {
        var probes = FakePreflightProbes()
        probes.localAddresses = [ip("127.0.0.1"), ip("10.0.0.5")]
        probes.resolution = .addresses([ip("198.51.100.20")])
        let check = try result(.domain, probes)
        #expect(check.result.isWarning)
        #expect(check.result.seen.contains("behind NAT"))
        #expect(check.result.fix?.contains("forwards ports 80, 443 and 8443 to 10.0.0.5") == true)
        #expect(check.result.fix?.contains("curl -I http://libretime.example.org/") == true)
    }

    @Test func aLoopbackOnlyAnswerIsAWarning() throws {
        var probes = FakePreflightProbes()
        probes.resolution = .addresses([ip("127.0.0.1")])
        let check = try result(.domain, probes)
        #expect(check.result.isWarning)
        #expect(check.result.fix?.contains("@1.1.1.1") == true)
    }

    @Test func anAAAARecordNeedsAnIPv6Listen() throws {
        #expect(try result(.ipv6).result.isPassed)
        var probes = FakePreflightProbes()
        probes.localAddresses.append(ip("2001:db8::10"))
        probes.resolution = .addresses([ip("203.0.113.10"), ip("2001:db8::10")])
        let nginx = try result(.ipv6, probes)
        #expect(nginx.result.isWarning)
        #expect(nginx.result.seen.contains("listens on IPv4 only"))
        var apache = answers
        apache.proxy = .apache
        #expect(try result(.ipv6, probes, answers: apache).result.isPassed)
        probes.resolution = .addresses([ip("203.0.113.10"), ip("2001:db8::99")])
        #expect(try result(.ipv6, probes, answers: apache).result.seen.contains("not an address of this server"))
    }

    @Test func anUnresolvedDomainHasNoIPv6Check() {
        var probes = FakePreflightProbes()
        probes.resolution = .failed(reason: "no such host")
        #expect(run(probes)[id: .ipv6] == nil)
    }

    // MARK: Software

    @Test func packagesMustBeInstalledOrInstallable() throws {
        #expect(try result(.packages).result.seen == "Installed: nginx 1.22.1-9 and certbot 2.1.0-4; apt will install: python3-certbot-nginx 2.1.0-2.")
        var probes = FakePreflightProbes()
        probes.candidates["python3-certbot-nginx"] = nil
        let check = try result(.packages, probes)
        #expect(check.blocks)
        #expect(check.result.seen.hasSuffix("apt has no candidate for python3-certbot-nginx."))
        #expect(check.result.fix?.contains("apt-get update") == true)
    }

    @Test func certbotsVersionExplainsTheHook() throws {
        let old = try result(.certbotVersion)
        #expect(old.result.seen.hasPrefix("certbot 2.1.0-4 is installed: before 5.3, certbot ignores the guide's `deploy_hook =` line"))
        #expect(old.result.seen.contains("renewal-hooks/deploy/"))
        var files = CheckServer.before()
        files.files[InstalledPackages.statusPath] = .file("Package: certbot\nStatus: install ok installed\nVersion: 5.3.0-1\n")
        #expect(try result(.certbotVersion, files: files).result.seen.contains("reads `deploy_hook =` lines too"))
    }

    @Test func aCertbotTooOldForLtSetupBlocksAndSaysWhatItLacks() throws {
        var files = CheckServer.before()
        files.files[InstalledPackages.statusPath] = .file("Package: certbot\nStatus: install ok installed\nVersion: 0.28.0-1~deb9u3\n")
        let check = try result(.certbotVersion, files: files)
        #expect(check.blocks)
        #expect(check.result.seen == "certbot 0.28.0-1~deb9u3 is installed, which is too old for lt-setup: it lacks --no-random-sleep-on-renew, without which a renewal run without a terminal waits up to 8 minutes (certbot 0.30.0).")
        #expect(check.result.fix?.hasPrefix("lt-setup needs certbot 0.30.0 or later.") == true)
        files.files[InstalledPackages.statusPath] = .file("Package: certbot\nStatus: install ok installed\nVersion: 0.10.2-1\n")
        #expect(try result(.certbotVersion, files: files).result.seen.contains("the renewal-hooks/deploy/ folder"))
    }

    @Test func ubuntu2004sCertbotIsNewEnough() throws {
        var files = CheckServer.before()
        files.files[InstalledPackages.statusPath] = .file("Package: certbot\nStatus: install ok installed\nVersion: 0.40.0-1ubuntu0.1\n")
        let check = try result(.certbotVersion, files: files)
        #expect(check.result.isPassed)
        #expect(check.result.seen.hasPrefix("certbot 0.40.0-1ubuntu0.1 is installed: before 5.3, certbot ignores"))
    }

    @Test func everyCertbotRequirementIsMetByEveryKnownRelease() {
        #expect(CertbotRequirement.minimum == UpstreamVersion(0, 30, 0))
        for release in KnownRelease.all {
            #expect(CertbotRequirement.missing(in: release.certbot).isEmpty, "\(release.name)")
        }
    }

    @Test func aCertbotFromSnapIsAWarning() throws {
        var files = CheckServer.before()
        files.files[InstalledPackages.statusPath] = .file("Package: nginx\nStatus: install ok installed\nVersion: 1.22.1-9\n")
        var probes = FakePreflightProbes()
        probes.programs["certbot"] = "/snap/bin/certbot"
        let check = try result(.certbotVersion, probes, files: files)
        #expect(check.result.isWarning)
        #expect(check.result.seen.contains("/snap/bin/certbot"))
    }

    @Test func icecast25IsRefusedWhenItsTLSIsWanted() throws {
        #expect(try result(.icecast).result.seen == "icecast2 2.4.4-4+b1 is installed; its TLS socket will be enabled on port 8443.")
        var files = CheckServer.before()
        files.files[InstalledPackages.statusPath] = .file("Package: icecast2\nStatus: install ok installed\nVersion: 2.5.0-1\n")
        let refused = try result(.icecast, files: files)
        #expect(refused.blocks)
        #expect(refused.result.fix?.contains("secure_icecast: false") == true)
        var plain = answers
        plain.secureIcecast = false
        #expect(try result(.icecast, files: files, answers: plain).result.isPassed)
    }

    @Test func withoutIcecastItsStepsAreSkipped() throws {
        var files = CheckServer.before()
        files.files[InstalledPackages.statusPath] = .file("Package: nginx\nStatus: install ok installed\nVersion: 1.22.1-9\n")
        files.files[ServerPaths.icecastConfig] = nil
        let check = try result(.icecast, files: files)
        #expect(check.result.isWarning)
        #expect(check.result.seen.contains("will be skipped"))
        #expect(run(files: files)[id: .icecastPortFree] == nil)
    }

    // MARK: Certificate and firewall

    @Test func anExistingLineageIsReused() throws {
        var files = CheckServer.before()
        files.files["/etc/letsencrypt/live/libretime.example.org/cert.pem"] = .file(TestCertificates.live)
        var probes = FakePreflightProbes()
        probes.certificates["/etc/letsencrypt/live/libretime.example.org/cert.pem"] = TestCertificates.liveInfo
        let check = try result(.existingCertificate, probes, files: files)
        #expect(check.result == .passed(seen: "The certificate lineage libretime.example.org exists, valid until Nov  4 17:30:38 2126 GMT: certbot keeps it (--keep-until-expiring) instead of asking Let's Encrypt again, which has rate limits."))
        probes.certificates = [:]
        #expect(try result(.existingCertificate, probes, files: files).result.isWarning)
    }

    @Test func aLineageFromAnotherACMEServerIsReplacedOrRefused() throws {
        var files = CheckServer.before()
        files.files["/etc/letsencrypt/live/libretime.example.org/cert.pem"] = .file(TestCertificates.live)
        files.files["/etc/letsencrypt/renewal/libretime.example.org.conf"] = .file(
            "[renewalparams]\nserver = https://acme-staging-v02.api.letsencrypt.org/directory\n")
        var probes = FakePreflightProbes()
        probes.certificates["/etc/letsencrypt/live/libretime.example.org/cert.pem"] = TestCertificates.liveInfo
        let replaced = try result(.existingCertificate, probes, files: files)
        #expect(replaced.result == .passed(seen: "The certificate lineage libretime.example.org came from Let's Encrypt's staging server (a staging server: no browser trusts it): certbot will replace it with one from Let's Encrypt."))
        files.files["/etc/letsencrypt/renewal/libretime.example.org.conf"] = .file(
            "[renewalparams]\nserver = https://acme-v02.api.letsencrypt.org/directory\n")
        var staging = answers
        staging.acmeServer = .letsEncryptStaging
        let refused = try result(.existingCertificate, probes, files: files, answers: staging)
        #expect(refused.result.isWarning)
        #expect(refused.result.seen.contains("certbot refuses to replace a trusted certificate with a test one"))
        #expect(refused.result.fix?.hasPrefix("Set acme_server: letsencrypt in the answers file") == true, "\(refused.result.fix ?? "")")
    }

    @Test func theACMEServersTermsOfServiceAreReadFromItsDirectory() throws {
        let checks = run()
        #expect(checks.termsOfService == "https://letsencrypt.org/documents/LE-SA-v1.5-February-24-2025.pdf")
        let check = try #require(checks[id: .acmeServer])
        #expect(check.result.seen.contains("certbot agrees to them for this server's account (--agree-tos)"))
        var probes = FakePreflightProbes()
        probes.directoryAnswer = .failed(curlExit: 6, message: "Could not resolve host: acme-v02.api.letsencrypt.org")
        let unreachable = try result(.acmeServer, probes)
        #expect(unreachable.result.isWarning)
        #expect(unreachable.result.seen.contains("Could not resolve host"))
        #expect(run(probes).termsOfService == nil)
        var plain = answers
        plain.https = false
        plain.secureIcecast = false
        #expect(run(answers: plain)[id: .acmeServer] == nil, "no certbot, no terms")
    }

    @Test func aLineageUnderAnotherNameIsNotReusedAndSaysSo() throws {
        var files = CheckServer.before()
        files.files["/etc/letsencrypt/renewal/libretime.example.org-0001.conf"] = .file(
            "version = 2.1.0\ncert = /etc/letsencrypt/live/libretime.example.org-0001/cert.pem\n")
        files.files["/etc/letsencrypt/renewal/other.example.org.conf"] = .file(
            "cert = /etc/letsencrypt/live/other.example.org/cert.pem\n")
        var probes = FakePreflightProbes()
        probes.directories["/etc/letsencrypt/renewal"] = ["libretime.example.org-0001.conf", "other.example.org.conf"]
        probes.certificates["/etc/letsencrypt/live/libretime.example.org-0001/cert.pem"] = TestCertificates.liveInfo
        probes.certificates["/etc/letsencrypt/live/other.example.org/cert.pem"] = CertificateInfo(
            subject: "CN = other.example.org", dnsNames: ["other.example.org"], notAfter: "x", expired: false)
        let check = try result(.existingCertificate, probes, files: files)
        #expect(check.result.isWarning)
        #expect(check.result.seen.contains("under another name: libretime.example.org-0001"))
        #expect(check.result.seen.contains("will not reuse it"))
        #expect(check.result.fix?.contains("certbot delete --cert-name libretime.example.org-0001") == true)
        #expect(try result(.existingCertificate).result.seen == "No certificate for libretime.example.org yet: certbot will request one from Let's Encrypt.")
    }

    @Test func anActiveFirewallMustLetThePortsIn() throws {
        var probes = FakePreflightProbes()
        probes.firewall = FirewallOutputs(ufwStatus: "Status: active\n\nTo Action From\n-- ------ ----\n22/tcp ALLOW Anywhere\n80,443/tcp ALLOW Anywhere\n", nftRuleset: nil)
        let ufw = try result(.firewall, probes)
        #expect(ufw.result.isWarning)
        #expect(ufw.result.seen == "ufw is active, and its rules do not show port 8443 as allowed.")
        #expect(ufw.result.fix?.hasPrefix("Open them: sudo ufw allow 8443/tcp.") == true)
        probes.firewall = FirewallOutputs(ufwStatus: "Status: active\n80,443,8443/tcp ALLOW Anywhere\n", nftRuleset: nil)
        #expect(try result(.firewall, probes).result.isPassed)
        probes.firewall = FirewallOutputs(ufwStatus: "Status: inactive\n", nftRuleset: """
            table inet filter {
                chain input {
                    type filter hook input priority filter; policy drop;
                    tcp dport { 22, 80 } accept
                }
            }
            """)
        let nft = try result(.firewall, probes)
        #expect(nft.result.isWarning)
        #expect(nft.result.seen.contains("ports 443 and 8443"))
    }
}
