/// Preflight: the proxy and certbot can be installed, what certbot's version means for
/// renewal, and whether lt-setup knows the installed Icecast.
extension PreflightContext {
    var neededPackages: [String] {
        [answers.proxy.package] + (answers.https ? ["certbot", answers.proxy.certbotPlugin] : [])
    }

    func packagesCheck() -> Check {
        let title = "\(listed(neededPackages)) installed or installable"
        var installed: [String] = []
        var installable: [String] = []
        var missing: [String] = []
        for name in neededPackages {
            if let version = packages.versions[name] {
                installed.append("\(name) \(version)")
            } else if let candidate = probes.packageCandidate(name) {
                installable.append("\(name) \(candidate)")
            } else {
                missing.append(name)
            }
        }
        var seen: [String] = []
        if !installed.isEmpty { seen.append("installed: \(listed(installed))") }
        if !installable.isEmpty { seen.append("apt will install: \(listed(installable))") }
        if missing.isEmpty {
            return Check(.packages, title, .hard, .passed(seen: seen.joined(separator: "; ").capitalizedFirst + "."))
        }
        seen.append("apt has no candidate for \(listed(missing))")
        return Check(.packages, title, .hard, .failed(
            seen: seen.joined(separator: "; ").capitalizedFirst + ".",
            fix: "Run sudo apt-get update and try again; on Ubuntu, certbot's plugins are in the universe component (sudo add-apt-repository universe)."))
    }

    func certbotCheck() -> Check {
        let title = "certbot's version and the renewal hook"
        let hook = "lt-setup installs a hook script in /etc/letsencrypt/renewal-hooks/deploy/, which certbot runs after every renewal whatever its version, and runs it once itself"
        if let path = probes.programPath("certbot"), !packages.isInstalled("certbot"), !path.hasPrefix("/usr/bin/") {
            return Check(.certbotVersion, title, .soft, .warning(
                seen: "A certbot that is not Debian's package is on PATH (\(path), e.g. from snap or pip).",
                fix: "lt-setup installs Debian's certbot, and two certbots would each renew on their own schedule: remove the other one (sudo snap remove certbot) or make sure it manages no certificate for \(answers.domain)."))
        }
        let installed = packages.versions["certbot"]
        guard let version = installed ?? probes.packageCandidate("certbot") else {
            return Check(.certbotVersion, title, .soft, .warning(
                seen: "certbot is not installed, and apt knows no version of it.",
                fix: "See the packages check: certbot must be installable."))
        }
        let state = installed == nil ? "apt will install certbot \(version)" : "certbot \(version) is installed"
        let missing = UpstreamVersion(debian: version).map(CertbotRequirement.missing(in:)) ?? []
        if !missing.isEmpty {
            return Check(.certbotVersion, title, .hard, .failed(
                seen: "\(state), which is too old for lt-setup: it lacks \(listed(missing.map(\.feature))) (certbot \(missing.map(\.since).max() ?? CertbotRequirement.minimum)).",
                fix: "lt-setup needs certbot \(CertbotRequirement.minimum) or later. Upgrade the system to a release LibreTime supports (\(KnownRelease.libreTimeInstallerList), whose certbot is new enough), or install a newer certbot and remove this one."))
        }
        if let number = UpstreamVersion(debian: version), number < UpstreamVersion(5, 3) {
            return Check(.certbotVersion, title, .soft, .passed(
                seen: "\(state): before 5.3, certbot ignores the guide's `deploy_hook =` line in renewal/\(answers.domain).conf (and drops it at the next renewal); \(hook)."))
        }
        return Check(.certbotVersion, title, .soft, .passed(
            seen: "\(state), which reads `deploy_hook =` lines too; \(hook) either way."))
    }

    func icecastCheck() -> Check {
        let severity: CheckSeverity = securesIcecast ? .hard : .soft
        let title = "Icecast 2.4, for its TLS socket"
        guard let version = packages.versions["icecast2"] else {
            if !securesIcecast {
                return Check(.icecast, title, severity, .passed(seen: "icecast2 is not installed; secure_icecast is off, so Icecast is not touched."))
            }
            if files.contents(of: ServerPaths.icecastConfig) != nil {
                return Check(.icecast, title, severity, .warning(
                    seen: "\(ServerPaths.icecastConfig) is there, but dpkg lists no icecast2 package (built from source?): its version cannot be checked.",
                    fix: "lt-setup writes Icecast 2.4's TLS settings; with Icecast 2.5 or later, set secure_icecast: false."))
            }
            return Check(.icecast, title, severity, .warning(
                seen: "icecast2 is not installed (no \(ServerPaths.icecastConfig)): Icecast's TLS steps will be skipped.",
                fix: "Install icecast2 (LibreTime's installer does) and run again, or set secure_icecast: false."))
        }
        if let number = UpstreamVersion(debian: version), number >= UpstreamVersion(2, 5) {
            let seen = "icecast2 \(version) is installed; lt-setup knows Icecast 2.4's TLS settings only, which 2.5 ignores (it uses <tls-certificate>)."
            return securesIcecast
                ? Check(.icecast, title, severity, .failed(
                    seen: seen,
                    fix: "Set secure_icecast: false and follow Icecast's own documentation for TLS; lt-setup would write a configuration Icecast ignores."))
                : Check(.icecast, title, severity, .passed(seen: seen + " secure_icecast is off: Icecast is not touched."))
        }
        let use = securesIcecast ? "its TLS socket will be enabled on port \(answers.icecastPort)" : "secure_icecast is off: it is not touched"
        return Check(.icecast, title, severity, .passed(seen: "icecast2 \(version) is installed; \(use)."))
    }
}

extension String {
    /// The text with its first letter uppercased (ASCII).
    var capitalizedFirst: String {
        guard let first = first else { return self }
        return first.uppercased() + dropFirst()
    }
}
