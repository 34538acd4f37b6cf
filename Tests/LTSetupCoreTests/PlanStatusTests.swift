@testable import LTSetupCore
import Testing

/// A second run skips what is done: statuses computed from the server's files.
@Suite struct PlanStatusTests {
    let answers = ServerFixtures.answers
    let paths = ServerPaths(proxy: .nginx, domain: "libretime.example.org")

    /// The server after lt-setup's proxy steps and certbot have run.
    func configuredServer() throws -> InMemoryServerFiles {
        var files = ServerFixtures.libretimeServer()
        let plan = try PlanBuilder.build(answers, on: files)
        let site = try #require(plan.step(.siteFile)?.writes.first?.content)
        files.files["/etc/nginx/sites-enabled/default"] = nil
        files.files[paths.siteEnabled] = .symlink(target: paths.siteAvailable)
        files.files[InstalledPackages.statusPath] = .file(ServerFixtures.dpkgStatus
            + "Package: python3-certbot-nginx\nStatus: install ok installed\nVersion: 2.1.0-2\n")
        // What certbot does to the site: an https server block using the live certificate.
        files.files[paths.siteAvailable] = .file(site + """
            server {
                listen 443 ssl; # managed by Certbot
                ssl_certificate \(paths.fullchain); # managed by Certbot
            }

            """)
        files.files[paths.certificate] = .symlink(target: "../../archive/libretime.example.org/cert1.pem")
        files.files["/etc/letsencrypt/archive/libretime.example.org/cert1.pem"] = .file("-----BEGIN CERTIFICATE-----\nAAAA\n")
        files.files[paths.renewalSettings] = .file(renewalSettings(server: answers.acmeServer.directoryURL))
        return files
    }

    /// certbot's `renewal/DOMAIN.conf`, as it writes it.
    func renewalSettings(server: String) -> String {
        """
        # renew_before_expiry = 30 days
        version = 2.1.0
        cert = /etc/letsencrypt/live/libretime.example.org/cert.pem
        fullchain = /etc/letsencrypt/live/libretime.example.org/fullchain.pem

        # Options used in the renewal process
        [renewalparams]
        account = 0123456789abcdef
        authenticator = nginx
        installer = nginx
        server = \(server)

        """
    }

    @Test func aStagingCertificateIsReplacedWhenTheTrustedServerIsChosen() throws {
        var files = try configuredServer()
        files.files[paths.renewalSettings] = .file(renewalSettings(server: ACMEServer.letsEncryptStaging.directoryURL))
        let plan = try PlanBuilder.build(answers, on: files)
        let step = try #require(plan.step(.certificate))
        #expect(step.status == .toDo)
        #expect(step.title.hasPrefix("Replace the certificate"))
        #expect(step.explanation.contains("Let's Encrypt's staging server"))
        guard case .run(let command) = step.actions.first else { Issue.record("certbot is not run"); return }
        #expect(command.argv.contains("--force-renewal"))
        #expect(!command.argv.contains("--keep-until-expiring"))
        #expect(command.argv.suffix(2) == ["--server", ACMEServer.letsEncrypt.directoryURL])
        // Once certbot has replaced it, the renewal settings name the chosen server: done.
        files.files[paths.renewalSettings] = .file(renewalSettings(server: ACMEServer.letsEncrypt.directoryURL))
        let after = try PlanBuilder.build(answers, on: files)
        #expect(after.step(.certificate)?.status == .alreadyDone)
        guard case .run(let again) = after.step(.certificate)?.actions.first else { return }
        #expect(again.argv.contains("--keep-until-expiring"))
    }

    @Test func aTrustedCertificateIsNeverReplacedWithAStagingOne() throws {
        var staging = answers
        staging.acmeServer = .letsEncryptStaging
        #expect {
            try PlanBuilder.build(staging, on: try configuredServer())
        } throws: { error in
            let message = (error as? PlanError)?.message ?? ""
            return message.contains("certbot refuses to replace a trusted certificate")
                && message.contains("certbot delete --cert-name libretime.example.org")
        }
        // From one staging server to the same one, nothing is refused.
        var files = try configuredServer()
        files.files[paths.renewalSettings] = .file(renewalSettings(server: ACMEServer.letsEncryptStaging.directoryURL))
        #expect(try PlanBuilder.build(staging, on: files).step(.certificate)?.status == .alreadyDone)
    }

    @Test func afterCertbotTheProxyStepsAndCertbotAreDone() throws {
        let plan = try PlanBuilder.build(answers, on: try configuredServer())
        for id in [StepID.packages, .siteFile, .enableSite, .restartProxy, .certificate] {
            #expect(plan.step(id)?.status == .alreadyDone, "\(id)")
        }
        #expect(plan.step(.icecastTLS)?.status == .toDo)
        #expect(plan.step(.renewalHook)?.status == .toDo)
        #expect(plan.step(.runRenewalHook)?.status == .toDo)
    }

    /// The server after every step: a second run changes nothing and restarts nothing.
    func finishedServer() throws -> InMemoryServerFiles {
        var files = try configuredServer()
        let plan = try PlanBuilder.build(answers, on: files)
        for write in plan.fileWrites { files.files[write.path] = .file(write.content) }
        files.files[paths.fullchain] = .file("CHAIN\n")
        files.files[paths.privateKey] = .file("KEY\n")
        files.files[ServerPaths.icecastBundle] = .file("CHAIN\nKEY\n")
        return files
    }

    @Test func aSecondRunChangesNothing() throws {
        let plan = try PlanBuilder.build(answers, on: try finishedServer())
        for step in plan.steps {
            #expect(step.status == .alreadyDone, "\(step.id)")
        }
    }

    /// A renewed certificate leaves the bundle stale: the socket step rebuilds it and the
    /// hook's run, and so Icecast's restart, follows.
    @Test func aStaleBundleRestartsIcecastThroughTheHook() throws {
        var files = try finishedServer()
        files.files[paths.fullchain] = .file("RENEWED\n")
        let plan = try PlanBuilder.build(answers, on: files)
        #expect(plan.step(.icecastTLS)?.status == .toDo)
        #expect(plan.step(.renewalHook)?.status == .alreadyDone)
        #expect(plan.step(.runRenewalHook)?.status == .toDo)
        #expect(plan.step(.libretimeConfig)?.status == .alreadyDone)
    }

    @Test func aChangedBackendRewritesTheSiteAndRunsCertbotAgain() throws {
        var changed = answers
        changed.backend = Backend(host: "localhost", port: 9999)
        let plan = try PlanBuilder.build(changed, on: try configuredServer())
        #expect(plan.step(.siteFile)?.status == .toDo)
        #expect(plan.step(.siteFile)?.writes.first?.change == .changed)
        #expect(plan.step(.restartProxy)?.status == .toDo)
        // The rewritten site no longer uses the certificate, so certbot must install it again.
        #expect(plan.step(.certificate)?.status == .toDo)
    }

    @Test func aRestartIsOwedOnlyWhenWhatItFollowsChanged() {
        let check = DoneCheck.unchangedSteps([.siteFile, .enableSite])
        #expect(check.holds(on: InMemoryServerFiles(), changed: []))
        #expect(check.holds(on: InMemoryServerFiles(), changed: [.certificate]))
        #expect(!check.holds(on: InMemoryServerFiles(), changed: [.enableSite]))
    }

    @Test func contentChecksFollowSymlinksLikeCertbotsLiveFolder() {
        let files = InMemoryServerFiles([
            "/etc/letsencrypt/live/a.example.org/cert.pem": .symlink(target: "../../archive/a.example.org/cert2.pem"),
            "/etc/letsencrypt/archive/a.example.org/cert2.pem": .file("CERT"),
        ])
        #expect(files.contents(of: "/etc/letsencrypt/live/a.example.org/cert.pem") == "CERT")
        #expect(DoneCheck.content(path: "/etc/letsencrypt/live/a.example.org/cert.pem", equals: "CERT").holds(on: files, changed: []))
        #expect(DoneCheck.concatenation(path: "/b", sources: ["/etc/letsencrypt/live/a.example.org/cert.pem"])
            .holds(on: InMemoryServerFiles(files.files.merging(["/b": .file("CERT")]) { $1 }), changed: []))
    }

    @Test func aLinkLoopIsNotFollowedForever() {
        let files = InMemoryServerFiles(["/a": .symlink(target: "/b"), "/b": .symlink(target: "/a")])
        #expect(files.contents(of: "/a") == nil)
    }

    @Test func fingerprintDependsOnAnswersOnly() throws {
        let before = try PlanBuilder.build(answers, on: ServerFixtures.libretimeServer())
        let after = try PlanBuilder.build(answers, on: try configuredServer())
        #expect(before.fingerprint == after.fingerprint)
        var other = answers
        other.email = "other@example.org"
        #expect(try PlanBuilder.build(other, on: try configuredServer()).fingerprint != before.fingerprint)
    }

    @Test func dpkgStatusCountsOnlyInstalledPackages() {
        let packages = InstalledPackages(dpkgStatus: ServerFixtures.dpkgStatus)
        #expect(packages.isInstalled("nginx"))
        #expect(!packages.isInstalled("apache2"))
        #expect(packages.versions["icecast2"] == "2.4.4-4+b1")
    }
}
