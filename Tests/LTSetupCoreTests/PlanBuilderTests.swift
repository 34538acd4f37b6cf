@testable import LTSetupCore
import Testing

@Suite struct PlanBuilderTests {
    let paths = ServerPaths(proxy: .nginx, domain: "libretime.example.org")

    func commands(_ step: Step?) -> [[String]] {
        (step?.actions ?? []).compactMap { action in
            switch action {
            case .run(let command), .configTest(let command, _), .restart(_, let command): command.argv
            default: nil
            }
        }
    }

    @Test func nginxPlanHasEveryStepOfTheGuideInOrder() throws {
        let plan = try PlanBuilder.build(ServerFixtures.answers, on: ServerFixtures.libretimeServer())
        #expect(plan.steps.map(\.id) == StepID.allCases.filter { $0 != .restartIcecast })
        #expect(plan.steps.map(\.id) == plan.steps.map(\.id).sorted())
        #expect(plan.steps.allSatisfy { $0.status == .toDo })
        #expect(plan.steps.allSatisfy { !$0.title.isEmpty && !$0.guideSection.isEmpty })
    }

    @Test func missingPackagesAreInstalledAndPresentOnesAreNot() throws {
        let plan = try PlanBuilder.build(ServerFixtures.answers, on: ServerFixtures.libretimeServer())
        #expect(commands(plan.step(.packages)) == [
            ["apt-get", "update"], ["apt-get", "install", "-y", "python3-certbot-nginx"],
        ])
        var apache = ServerFixtures.answers
        apache.proxy = .apache
        let apachePlan = try PlanBuilder.build(apache, on: ServerFixtures.libretimeServer())
        // apache2 is only "config-files" in dpkg's status: not installed.
        #expect(commands(apachePlan.step(.packages)).last == ["apt-get", "install", "-y", "apache2", "python3-certbot-apache"])
    }

    @Test func nginxSiteIsTheGuidesWithOurDomainAndBackend() throws {
        var answers = ServerFixtures.answers
        answers.backend = Backend(host: "127.0.0.1", port: 9090)
        let plan = try PlanBuilder.build(answers, on: ServerFixtures.libretimeServer())
        let site = try #require(plan.step(.siteFile)?.writes.first)
        #expect(site.path == "/etc/nginx/sites-available/libretime.example.org.conf")
        #expect(site.change == .new)
        #expect(site.permissions == .config)
        #expect(site.content.contains("    server_name libretime.example.org;\n"))
        #expect(site.content.contains("        proxy_pass http://127.0.0.1:9090/;\n"))
        #expect(site.content.contains("proxy_set_header X-Forwarded-Proto $scheme;"))
        #expect(site.content.contains("client_max_body_size 512M;"))
        #expect(!site.content.contains("{{"))
    }

    @Test func nginxEnablingRemovesTheDefaultAndLinksOurs() throws {
        let plan = try PlanBuilder.build(ServerFixtures.answers, on: ServerFixtures.libretimeServer())
        #expect(plan.step(.enableSite)?.actions == [
            .remove(path: "/etc/nginx/sites-enabled/default"),
            .symlink(path: "/etc/nginx/sites-enabled/libretime.example.org.conf",
                     target: "/etc/nginx/sites-available/libretime.example.org.conf"),
        ])
        #expect(commands(plan.step(.restartProxy)) == [["nginx", "-t"], ["systemctl", "restart", "nginx"]])
    }

    @Test func apacheUsesA2enmodA2ensiteAndConfigtest() throws {
        var answers = ServerFixtures.answers
        answers.proxy = .apache
        let plan = try PlanBuilder.build(answers, on: ServerFixtures.libretimeServer())
        #expect(plan.step(.siteFile)?.writes.first?.path == "/etc/apache2/sites-available/libretime.example.org.conf")
        #expect(commands(plan.step(.enableSite)) == [
            ["a2enmod", "proxy", "proxy_http", "headers"], ["a2ensite", "libretime.example.org.conf"],
        ])
        #expect(plan.step(.enableSite)?.actions.first == .remove(path: "/etc/apache2/sites-enabled/000-default.conf"))
        #expect(commands(plan.step(.restartProxy)) == [["apache2ctl", "configtest"], ["systemctl", "restart", "apache2"]])
        #expect(commands(plan.step(.certificate)).first?.prefix(2) == ["certbot", "--apache"])
    }

    @Test func certbotGetsEveryOptionNonInteractively() throws {
        var answers = ServerFixtures.answers
        answers.acmeServer = .custom("https://127.0.0.1:14000/dir")
        let plan = try PlanBuilder.build(answers, on: ServerFixtures.libretimeServer())
        #expect(commands(plan.step(.certificate)) == [[
            "certbot", "--nginx", "--non-interactive", "--agree-tos", "-m", "admin@example.org",
            "--cert-name", "libretime.example.org", "-d", "libretime.example.org", "--redirect",
            "--keep-until-expiring", "--server", "https://127.0.0.1:14000/dir",
        ]])
        #expect(commands(plan.step(.renewalDryRun)) == [[
            "certbot", "renew", "--dry-run", "--cert-name", "libretime.example.org", "--no-random-sleep-on-renew",
            "--server", "https://127.0.0.1:14000/dir",
        ]])
    }

    @Test func aDryRunAgainstLetsEncryptLeavesTheServerToCertbot() throws {
        let plan = try PlanBuilder.build(ServerFixtures.answers, on: ServerFixtures.libretimeServer())
        #expect(commands(plan.step(.renewalDryRun)).first?.contains("--server") == false)
        #expect(commands(plan.step(.certificate)).first?.suffix(2) == ["--server", "https://acme-v02.api.letsencrypt.org/directory"])
    }

    @Test func withoutSystemdServicesAreRestartedThroughInitScripts() throws {
        let plan = try PlanBuilder.build(ServerFixtures.answers, on: ServerFixtures.libretimeServer(systemd: false))
        #expect(commands(plan.step(.restartProxy)).last == ["service", "nginx", "restart"])
        // Icecast restarts through the renewal hook, which chooses systemctl or service itself.
        #expect(plan.step(.restartIcecast) == nil)
        #expect(plan.step(.runRenewalHook)?.status == .toDo)
        guard case .skipped(let reason) = plan.step(.restartLibretime)?.status else {
            Issue.record("LibreTime's restart needs systemd and must be skipped")
            return
        }
        #expect(reason.contains("systemd"))
        #expect(plan.notes.contains { $0.contains("service NAME restart") })
    }

    @Test func icecastBundleHoldsTheKeyWithRestrictiveMode() throws {
        let plan = try PlanBuilder.build(ServerFixtures.answers, on: ServerFixtures.libretimeServer())
        let assembly = try #require(plan.step(.icecastTLS)?.actions.compactMap { action -> FileAssembly? in
            if case .assemble(let assembly) = action { return assembly }
            return nil
        }.first)
        #expect(assembly.path == "/etc/icecast2/bundle.pem")
        #expect(assembly.sources == ["/etc/letsencrypt/live/libretime.example.org/fullchain.pem",
                                     "/etc/letsencrypt/live/libretime.example.org/privkey.pem"])
        #expect(assembly.permissions == FilePermissions(owner: "root", group: "icecast", mode: 0o640))
    }

    @Test func renewalHookIsAScriptThatActsOnlyForOurLineage() throws {
        let plan = try PlanBuilder.build(ServerFixtures.answers, on: ServerFixtures.libretimeServer())
        let hook = try #require(plan.step(.renewalHook)?.writes.first)
        #expect(hook.path == "/etc/letsencrypt/renewal-hooks/deploy/lt-setup-icecast-libretime.example.org.sh")
        #expect(hook.permissions == .executable)
        #expect(hook.content.hasPrefix("#!/bin/sh\n"))
        #expect(hook.content.contains("lineage='/etc/letsencrypt/live/libretime.example.org'"))
        #expect(hook.content.contains("[ \"${RENEWED_LINEAGE:-}\" = \"$lineage\" ] || exit 0"))
        #expect(hook.content.contains("if [ -d /run/systemd/system ]; then"))
        #expect(!hook.content.split(separator: "\n").contains { $0.hasPrefix("deploy_hook") })
        let run = plan.step(.runRenewalHook)?.actions.first
        #expect(run == .run(Command([hook.path], environment: ["RENEWED_LINEAGE": "/etc/letsencrypt/live/libretime.example.org"],
                                    timeoutSeconds: 120, touches: ["/etc/icecast2/bundle.pem"], outputInLog: true,
                                    restarts: ["icecast2"])))
    }

    /// The renewal hook's first run rebuilds the bundle and restarts Icecast: it is the only
    /// restart of Icecast, right after its TLS socket, and follows every change it depends on.
    @Test func aFreshRunRestartsIcecastOnce() throws {
        let plan = try PlanBuilder.build(ServerFixtures.answers, on: ServerFixtures.libretimeServer())
        let hook = paths.renewalHook
        let restarts = plan.steps.filter { step in
            commands(step).contains { $0.contains("icecast2") || $0 == [hook] }
        }
        #expect(restarts.map(\.id) == [.runRenewalHook])
        #expect(plan.steps.map(\.id).drop { $0 != .icecastTLS }.prefix(3) == [.icecastTLS, .renewalHook, .runRenewalHook])
        #expect(plan.step(.runRenewalHook)?.doneWhen == .unchangedSteps([.certificate, .icecastTLS, .renewalHook]))
        let script = try #require(plan.step(.renewalHook)?.writes.first?.content)
        #expect(script.contains("systemctl restart icecast2"))
    }

    /// Without https the answers refuse secure Icecast; a plan made anyway restarts Icecast
    /// itself, as there is no hook.
    @Test func secureIcecastWithoutHttpsRestartsIcecastDirectly() throws {
        var answers = ServerFixtures.answers
        answers.https = false
        let plan = try PlanBuilder.build(answers, on: ServerFixtures.libretimeServer())
        #expect(plan.step(.renewalHook) == nil)
        #expect(commands(plan.step(.restartIcecast)) == [["systemctl", "restart", "icecast2"]])
    }

    @Test func withoutHttpsThereIsNoCertbotAndNoIcecastTLS() throws {
        var answers = ServerFixtures.answers
        answers.https = false
        answers.secureIcecast = false
        let plan = try PlanBuilder.build(answers, on: ServerFixtures.libretimeServer())
        #expect(plan.steps.map(\.id) == [.packages, .siteFile, .enableSite, .restartProxy, .libretimeConfig, .restartLibretime])
        #expect(plan.step(.packages)?.status == .alreadyDone)
    }

    @Test func missingIcecastAndLibretimeAreSkippedWithAReason() throws {
        var files = ServerFixtures.libretimeServer()
        files.files[ServerPaths.icecastConfig] = nil
        files.files[ServerPaths.libretimeConfig] = nil
        let plan = try PlanBuilder.build(ServerFixtures.answers, on: files)
        #expect(plan.step(.restartIcecast) == nil)
        for id in [StepID.icecastTLS, .libretimeConfig, .restartLibretime] {
            guard case .skipped(let reason) = plan.step(id)?.status else {
                Issue.record("\(id) should be skipped")
                continue
            }
            #expect(reason.contains(id.rawValue.hasPrefix("libretime") || id == .restartLibretime ? "config.yml" : "icecast"))
        }
        #expect(plan.step(.renewalHook) == nil)
        #expect(plan.step(.renewalDryRun)?.status == .toDo)
    }

    @Test func icecast25IsRefused() {
        var files = ServerFixtures.libretimeServer()
        files.files[InstalledPackages.statusPath] = .file("Package: icecast2\nStatus: install ok installed\nVersion: 2.5.0-1\n")
        #expect(throws: PlanError.self) { try PlanBuilder.build(ServerFixtures.answers, on: files) }
    }
}

extension PlanBuilderTests {
    @Test func theEnabledMountsAreFoundByTheEditsOwnRules() {
        #expect(LibreTimeConfigEdit.enabledIcecastMounts(in: ServerFixtures.libretimeConfig) == ["main"])
        #expect(LibreTimeConfigEdit.enabledIcecastMounts(in: "general:\n  public_url:\n") == [])
        #expect(LibreTimeConfigEdit.enabledIcecastMounts(in: "not: [yaml") == [])
    }
}

/// What goes off the air, told before the run.
@Suite struct PlanOffAirTests {
    @Test func everyRestartIsNamedWithItsStepThenRenewalsAndTheLength() throws {
        let plan = try PlanBuilder.build(ServerFixtures.answers, on: ServerFixtures.libretimeServer())
        let lines = plan.offAir
        let icecastStep = try #require(plan.steps.firstIndex { $0.restartedServices.contains("icecast2") }) + 1
        let libretimeStep = try #require(plan.steps.firstIndex { $0.id == .restartLibretime }) + 1
        #expect(lines.contains("Icecast restarts at step \(icecastStep): listeners are cut off and must reconnect."))
        #expect(lines.contains("LibreTime restarts at step \(libretimeStep): a few seconds of dead air."))
        #expect(lines.contains { $0.hasPrefix("nginx restarts at step 4") })
        // Icecast is named once, however many steps restart it.
        #expect(lines.filter { $0.hasPrefix("Icecast restarts") }.count == 1)
        #expect(lines.contains("Every renewal (certbot's timer or cron job) restarts Icecast via the hook."))
        #expect(lines.last == "A run usually takes 1 to 3 minutes.")
        #expect(lines.allSatisfy { $0.count <= 74 }, "each fits the Run screen at 80 columns")
    }

    @Test func withoutHttpsNothingRenewsAndNothingIsSlow() throws {
        var answers = ServerFixtures.answers
        answers.https = false
        answers.secureIcecast = false
        var files = ServerFixtures.libretimeServer()
        files.files[InstalledPackages.statusPath] = .file(ServerFixtures.dpkgStatus)
        let plan = try PlanBuilder.build(answers, on: files)
        #expect(!plan.offAir.contains { $0.contains("renewal") })
        #expect(plan.offAir.first?.hasPrefix("nginx restarts at step") == true)
        #expect(!plan.offAir.contains { $0.hasPrefix("Icecast") })
        #expect(plan.step(.packages)?.status == .alreadyDone)
        #expect(plan.offAir.last == "A run usually takes under a minute.")
    }
}

/// LibreTime's own site, open on every interface, is not edited: the plan says so.
@Suite struct LibreTimePortNoteTests {
    @Test func anOpenLibreTimeSiteIsANoteNotAnEdit() throws {
        var files = ServerFixtures.libretimeServer()
        files.files[ServerPaths.libretimeNginxSite] = .file("server {\n  listen 8080;\n  listen [::]:8080;\n}\n")
        let plan = try PlanBuilder.build(ServerFixtures.answers, on: files)
        #expect(plan.notes.contains { $0.hasPrefix("LibreTime's own site (/etc/nginx/sites-available/libretime.conf) listens on port 8080 on every interface") })
        #expect(!plan.fileWrites.contains { $0.path == ServerPaths.libretimeNginxSite }, "its installer owns it")
        files.files[ServerPaths.libretimeNginxSite] = .file("server {\n  listen 127.0.0.1:8080;\n}\n")
        #expect(try PlanBuilder.build(ServerFixtures.answers, on: files).notes.allSatisfy { !$0.contains("libretime.conf") })
    }
}
