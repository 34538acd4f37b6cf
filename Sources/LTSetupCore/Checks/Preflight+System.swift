/// Preflight: who runs lt-setup, and on what system.
extension PreflightContext {
    func rootCheck() -> Check {
        let result: CheckResult = probes.isRoot
            ? .passed(seen: "lt-setup runs as root.")
            : .failed(seen: "lt-setup does not run as root.",
                      fix: "It changes files in /etc and restarts services: run it with sudo (sudo lt-setup …).")
        return Check(.root, "Running as root", .hard, result)
    }

    func operatingSystemCheck() -> Check {
        let title = "Debian or Ubuntu, with apt"
        guard let text = files.contents(of: OSRelease.path) else {
            return Check(.operatingSystem, title, .hard, .failed(
                seen: "\(OSRelease.path) is missing: the system cannot be told.",
                fix: "lt-setup runs on Debian or Ubuntu, as LibreTime does. Run it on the LibreTime server."))
        }
        let release = OSRelease(text)
        guard release.isDebianFamily else {
            return Check(.operatingSystem, title, .hard, .failed(
                seen: "This is \(release.prettyName), not Debian or Ubuntu.",
                fix: "lt-setup installs packages with apt and follows Debian's layout (/etc/nginx/sites-available, a2ensite, init scripts); run it on Debian or Ubuntu, as LibreTime does."))
        }
        guard let apt = probes.programPath("apt-get") else {
            return Check(.operatingSystem, title, .hard, .failed(
                seen: "This is \(release.prettyName), but apt-get is not on PATH.",
                fix: "lt-setup installs the proxy and certbot with apt-get: check PATH (sudo resets it to /usr/sbin:/usr/bin:…) or the apt package."))
        }
        return Check(.operatingSystem, title, .hard, .passed(seen: "\(release.prettyName), with \(apt)."))
    }

    func osVersionCheck() -> Check {
        let title = "A release lt-setup knows"
        let release = OSRelease(files.contents(of: OSRelease.path) ?? "")
        let name = release.id.isEmpty ? "This system" : release.prettyName
        let installer = "LibreTime's installer accepts \(KnownRelease.libreTimeInstallerList)"
        switch KnownRelease.standing(of: release) {
        case .known(let known):
            let libreTime = known.libreTimeInstaller
                ? "LibreTime's installer accepts it too"
                : "\(installer) only: a station here was upgraded, or installed another way"
            return Check(.osVersion, title, .soft, .passed(
                seen: "\(name): lt-setup knows it (certbot \(known.certbot) in its archive); \(libreTime)."))
        case .older(let oldest):
            return Check(.osVersion, title, .soft, .warning(
                seen: "\(name) is older than every release lt-setup knows (\(KnownRelease.knownList)); \(installer).",
                fix: "Upgrade to \(oldest.name) or later. Its certbot may be too old for lt-setup's steps: the certbot check says."))
        case .newer(let newest):
            return Check(.osVersion, title, .soft, .warning(
                seen: "\(name) is newer than every release lt-setup knows (the newest: \(newest.name)).",
                fix: "lt-setup needs only apt, nginx or Apache, certbot and Icecast 2.4, so it should work; check the plan before you apply it."))
        case .unknown:
            return Check(.osVersion, title, .soft, .warning(
                seen: "\(name) is not a release lt-setup knows (\(KnownRelease.knownList)); \(installer).",
                fix: "lt-setup needs only apt, nginx or Apache, certbot and Icecast 2.4, so it may still work here; LibreTime itself may not install or upgrade."))
        }
    }

    func verifyToolsCheck() -> Check {
        let title = "curl and openssl, for lt-setup verify"
        let missing = ["curl", "openssl"].filter { probes.programPath($0) == nil }
        if missing.isEmpty {
            return Check(.verifyTools, title, .soft, .passed(seen: "curl and openssl are installed: lt-setup verify can test https and Icecast's TLS."))
        }
        return Check(.verifyTools, title, .soft, .warning(
            seen: "\(listed(missing)) \(missing.count == 1 ? "is" : "are") not installed.",
            fix: "lt-setup verify tests https and Icecast's TLS with them: sudo apt-get install \(missing.joined(separator: " "))."))
    }
}
