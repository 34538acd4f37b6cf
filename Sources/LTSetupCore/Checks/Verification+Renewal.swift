/// Verification: LibreTime's public URL, the renewal hook and Icecast's bundle.
extension VerificationContext {
    func publicURLCheck() -> Check {
        let title = "LibreTime's public_url is \(siteURL)"
        switch settings {
        case nil:
            return Check(.publicURL, title, .hard, .warning(
                seen: "\(ServerPaths.libretimeConfig) is missing: LibreTime is not checked.",
                fix: "Install LibreTime, then run lt-setup apply again so that it sets general.public_url."))
        case .failure(let error):
            return Check(.publicURL, title, .hard, .failed(
                seen: "\(ServerPaths.libretimeConfig) cannot be read: \(error.message).", fix: "Fix the file, then run lt-setup apply again."))
        case .success(let settings):
            let value = settings.publicURL ?? ""
            if value == siteURL || value.hasPrefix(siteURL + "/") {
                return Check(.publicURL, title, .hard, .passed(
                    seen: "general.public_url is \(value). (LibreTime reads it when it starts: restart it after a change.)"))
            }
            return Check(.publicURL, title, .hard, .failed(
                seen: "general.public_url is \(value.isEmpty ? "empty" : value), not \(siteURL).",
                fix: "Run lt-setup apply again (it sets it), then restart LibreTime (sudo systemctl restart libretime.target): with another value LibreTime refuses logins from \(siteURL), and its services call the API through it."))
        }
    }

    func renewalHookCheck() -> Check {
        let hook = paths.renewalHook
        let title = "The renewal hook is installed and executable"
        guard let script = files.contents(of: hook) else {
            return Check(.renewalHook, title, .hard, .failed(
                seen: "\(hook) is missing: after a renewal, Icecast would keep the old certificate until it expires.",
                fix: "Run lt-setup apply again: it installs the hook."))
        }
        guard let attributes = probes.attributes(of: hook), attributes.mode & 0o111 != 0 else {
            return Check(.renewalHook, title, .hard, .failed(
                seen: "\(hook) is there but not executable: certbot skips it.",
                fix: "sudo chmod 755 \(hook)"))
        }
        guard script.contains(paths.lineage) else {
            return Check(.renewalHook, title, .hard, .failed(
                seen: "\(hook) does not act for \(paths.lineage).",
                fix: "Run lt-setup apply again: it rewrites the hook."))
        }
        return Check(.renewalHook, title, .hard, .passed(
            seen: "\(hook) is installed (mode \(FilePermissions(mode: attributes.mode).octalMode)); certbot runs it after each renewal of \(answers.domain), and it rebuilds Icecast's bundle and restarts Icecast."))
    }

    /// Icecast's bundle is the live fullchain.pem (the certificate and every intermediate)
    /// followed by privkey.pem, as lt-setup's hook builds it.
    var bundleHoldsLiveFullchain: Bool {
        guard let fullchain = files.contents(of: paths.fullchain), let key = files.contents(of: paths.privateKey) else { return false }
        return files.contents(of: ServerPaths.icecastBundle) == fullchain + key
    }

    func bundleCheck() -> Check {
        let bundle = ServerPaths.icecastBundle
        let title = "Icecast's bundle is the live certificate and key"
        guard files.contents(of: paths.fullchain) != nil, files.contents(of: paths.privateKey) != nil else {
            return Check(.icecastBundle, title, .hard, .failed(
                seen: "The live certificate (\(paths.fullchain), \(paths.privateKey)) is missing.",
                fix: "Run lt-setup apply: it gets the certificate, then builds the bundle."))
        }
        guard bundleHoldsLiveFullchain else {
            let state = files.state(of: bundle).exists ? "is not" : "is missing; it should be"
            return Check(.icecastBundle, title, .hard, .failed(
                seen: "\(bundle) \(state) fullchain.pem followed by privkey.pem of \(paths.lineage).",
                fix: "Rebuild it and restart Icecast: \(hookCommand)"))
        }
        guard let attributes = probes.attributes(of: bundle) else {
            return Check(.icecastBundle, title, .hard, .passed(seen: "\(bundle) is fullchain.pem then privkey.pem of \(paths.lineage)."))
        }
        let mode = FilePermissions(mode: attributes.mode).octalMode
        let owners = "\(attributes.owner):\(attributes.group) \(mode)"
        if attributes.mode & 0o007 != 0 {
            return Check(.icecastBundle, title, .hard, .failed(
                seen: "\(bundle) holds the private key and is open to every user (\(owners)).",
                fix: "sudo chown root:icecast \(bundle) && sudo chmod 640 \(bundle)"))
        }
        if attributes.group != "icecast" && attributes.owner != "icecast2" {
            return Check(.icecastBundle, title, .hard, .failed(
                seen: "\(bundle) is \(owners): Icecast, which runs as icecast2:icecast, cannot read it.",
                fix: "sudo chown root:icecast \(bundle) && sudo chmod 640 \(bundle), then restart Icecast (sudo systemctl restart icecast2)."))
        }
        return Check(.icecastBundle, title, .hard, .passed(
            seen: "\(bundle) is fullchain.pem then privkey.pem of \(paths.lineage), \(owners)."))
    }
}
