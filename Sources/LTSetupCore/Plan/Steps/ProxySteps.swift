/// The guide's "Install a reverse proxy" section: packages, site file, enabling, restart.
extension PlanBuilder {
    func proxySteps() throws(PlanError) -> [Step] {
        [packagesStep(), try siteFileStep(), enableSiteStep(), restartProxyStep()]
    }

    var neededPackages: [String] {
        [answers.proxy.package] + (answers.https ? ["certbot", answers.proxy.certbotPlugin] : [])
    }

    func packagesStep() -> Step {
        let missing = neededPackages.filter { !packages.isInstalled($0) }
        let actions: [Action] = missing.isEmpty ? [] : [
            .run(Command(["apt-get", "update"], timeoutSeconds: 600, outputInLog: true)),
            .run(Command(["apt-get", "install", "-y"] + missing, timeoutSeconds: 1800, outputInLog: true)),
        ]
        return Step(
            id: .packages,
            title: "Install \(listed(neededPackages))",
            guideSection: "Install a reverse proxy",
            explanation: "The proxy serves LibreTime on ports 80 and 443; certbot gets and renews its certificate.",
            actions: actions,
            doneWhen: .packagesInstalled(neededPackages))
    }

    /// The marker line that identifies our site file and the answers it was written for;
    /// certbot keeps comments, so it survives certbot's edits.
    var siteMarker: String {
        "Managed by lt-setup: \(answers.domain) -> \(answers.backend.url)"
    }

    func renderedSite() throws(PlanError) -> String {
        let template = answers.proxy == .nginx ? Templates.nginxSite : Templates.apacheSite
        return try render(template, [
            "MARKER": siteMarker, "DOMAIN": answers.domain, "BACKEND_URL": answers.backend.url,
        ])
    }

    func siteFileStep() throws(PlanError) -> Step {
        let renderedSite = try renderedSite()
        let write = FileWrite(path: paths.siteAvailable, content: renderedSite, permissions: .config,
                              previous: files.state(of: paths.siteAvailable))
        var done: [DoneCheck] = [.content(path: paths.siteAvailable, equals: renderedSite)]
        if answers.https {
            // After certbot, the file is ours plus certbot's https block: still done.
            done.append(.all([
                .contains(path: paths.siteAvailable, [siteMarker]),
                .contains(path: paths.certificateUser, [paths.fullchain]),
            ]))
        }
        var actions: [Action] = [.write(write)]
        if answers.proxy == .apache, files.state(of: paths.apacheSSLSiteAvailable).exists {
            // certbot's https copy of an older version of our vhost: removed so that certbot
            // copies the new one.
            actions += [.remove(path: paths.apacheSSLSiteEnabled), .remove(path: paths.apacheSSLSiteAvailable)]
        }
        return Step(
            id: .siteFile,
            title: "Write the \(answers.proxy.displayName) site for \(answers.domain)",
            guideSection: "Install a reverse proxy › \(answers.proxy == .nginx ? "Nginx" : "Apache")",
            explanation: "Forwards every request for \(answers.domain) to LibreTime at \(answers.backend.url).",
            actions: actions,
            doneWhen: .any(done))
    }

    func enableSiteStep() -> Step {
        switch answers.proxy {
        case .nginx:
            return Step(
                id: .enableSite,
                title: "Disable nginx's default site and enable \(answers.domain)",
                guideSection: "Install a reverse proxy › Nginx",
                explanation: "The default site would answer for this name on port 80.",
                actions: [
                    .remove(path: paths.defaultSiteEnabled),
                    .symlink(path: paths.siteEnabled, target: paths.siteAvailable),
                ],
                doneWhen: .all([
                    .missing(path: paths.defaultSiteEnabled),
                    .symlink(path: paths.siteEnabled, target: paths.siteAvailable),
                ]))
        case .apache:
            return apacheEnableStep()
        }
    }

    /// mod_headers is beyond the guide: it passes X-Forwarded-Proto and -Port, as nginx does.
    static let apacheModules: [(name: String, hasConf: Bool)] = [
        ("proxy", true), ("proxy_http", false), ("headers", false),
    ]

    func apacheEnableStep() -> Step {
        let moduleLinks = Self.apacheModules.flatMap { ServerPaths.apacheModuleLinks($0.name, hasConf: $0.hasConf) }
        let siteTarget = "../sites-available/\(answers.domain).conf"
        return Step(
            id: .enableSite,
            title: "Disable Apache's default site, enable the proxy modules and \(answers.domain)",
            guideSection: "Install a reverse proxy › Apache",
            explanation: "The default site would answer for this name on port 80; mod_proxy forwards to LibreTime.",
            actions: [
                .remove(path: paths.defaultSiteEnabled),
                .run(Command(["a2enmod"] + Self.apacheModules.map(\.name), touches: moduleLinks.map(\.link))),
                .run(Command(["a2ensite", "\(answers.domain).conf"], touches: [paths.siteEnabled])),
            ],
            doneWhen: .all([.missing(path: paths.defaultSiteEnabled)]
                + moduleLinks.map { DoneCheck.symlink(path: $0.link, target: $0.target) }
                + [.symlink(path: paths.siteEnabled, target: siteTarget)]))
    }

    func restartProxyStep() -> Step {
        Step(
            id: .restartProxy,
            title: "Test the \(answers.proxy.displayName) configuration and restart \(answers.proxy.package)",
            guideSection: "Install a reverse proxy › \(answers.proxy == .nginx ? "Nginx" : "Apache")",
            explanation: "The running server is restarted only once its new configuration passes the test.",
            actions: [
                .configTest(answers.proxy.configTest, restoring: [.siteFile, .enableSite]),
                restart(answers.proxy.package),
            ],
            doneWhen: .unchangedSteps([.siteFile, .enableSite]))
    }

    func listed(_ items: [String]) -> String {
        switch items.count {
        case 0: return ""
        case 1: return items[0]
        default: return items.dropLast().joined(separator: ", ") + " and " + (items.last ?? "")
        }
    }
}
