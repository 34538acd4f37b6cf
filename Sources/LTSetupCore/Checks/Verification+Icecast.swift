/// Verification: Icecast's TLS socket and the streams LibreTime announces.
extension VerificationContext {
    var hookCommand: String { "sudo RENEWED_LINEAGE=\(paths.lineage) \(paths.renewalHook)" }

    /// What Icecast's TLS port speaks: plain HTTP is asked first, because a plain server
    /// given a TLS hello waits for request headers that never come (Icecast for its
    /// header-timeout, 15 s) while a TLS server refuses a plain request at once.
    func icecastPort() -> IcecastPort {
        let domain = answers.domain
        let port = answers.icecastPort
        if case .answered(let answer) = probes.httpGet(host: domain, port: port, path: "/") {
            return .plainHTTP(status: answer.status)
        }
        return .tls(probes.servedCertificate(host: domain, port: port, serverName: domain))
    }

    func icecastTLSCheck(_ speaks: IcecastPort) -> Check {
        let domain = answers.domain
        let port = answers.icecastPort
        let title = "Icecast serves the live certificate over TLS on port \(port)"
        guard let live = files.contents(of: paths.certificate).flatMap(CertificateText.fingerprint(ofPEM:)) else {
            return Check(.icecastTLS, title, .hard, .failed(
                seen: "There is no live certificate (\(paths.certificate)) to compare with.",
                fix: "Run lt-setup apply: it gets the certificate, then builds Icecast's bundle from it."))
        }
        switch speaks {
        case .plainHTTP(let status):
            return Check(.icecastTLS, title, .hard, .failed(
                seen: "\(domain):\(port) answers in plain HTTP (\(status)), not TLS: Icecast could not load its certificate bundle \(ServerPaths.icecastBundle), and then silently serves HTTP on its <ssl> socket.",
                fix: "Look at /var/log/icecast2/error.log, then rebuild the bundle and restart Icecast: \(hookCommand)"))
        case .tls(.failed(let reason)):
            return Check(.icecastTLS, title, .hard, .failed(
                seen: "No TLS handshake with \(domain):\(port) (\(reason)).",
                fix: "Check that Icecast runs (sudo systemctl status icecast2) with its TLS socket on port \(port) in \(ServerPaths.icecastConfig); run lt-setup apply again if not."))
        case .tls(.established(let leaf, let verificationError)):
            let served = CertificateText.fingerprint(ofPEM: leaf) ?? "(unreadable)"
            if served != live {
                return Check(.icecastTLS, title, .hard, .failed(
                    seen: "\(domain):\(port) completes a TLS handshake but serves another certificate (SHA-256 \(served.prefix(23))…) than the live one (\(live.prefix(23))…): Icecast has an old bundle.",
                    fix: "Rebuild the bundle and restart Icecast with lt-setup's renewal hook: \(hookCommand)"))
            }
            if let verificationError, bundleHoldsLiveFullchain {
                // The whole chain is served: what fails is trust in its CA, from here.
                return Check(.icecastTLS, title, .hard, .failed(
                    seen: "\(domain):\(port) serves the live certificate with its whole chain, but the chain does not verify (\(verificationError)): \(untrustedCA), trusting \(probes.trustedCAs).",
                    fix: untrustedCAFix))
            }
            if let verificationError {
                return Check(.icecastTLS, title, .hard, .failed(
                    seen: "\(domain):\(port) serves the live certificate, but its chain does not verify (\(verificationError)), trusting \(probes.trustedCAs).",
                    fix: "The bundle must hold fullchain.pem (not cert.pem) then privkey.pem: rebuild it with \(hookCommand)"))
            }
            return Check(.icecastTLS, title, .hard, .passed(
                seen: "\(domain):\(port) completes a TLS handshake and serves the live certificate (SHA-256 \(live.prefix(23))…), verified for \(domain)."))
        }
    }

    /// Why a complete chain does not verify, by ACME server.
    var untrustedCA: String {
        switch answers.acmeServer {
        case .letsEncryptStaging: "Let's Encrypt's staging server issues certificates that nothing trusts, by design"
        case .letsEncrypt: "Let's Encrypt's root is missing from this server's CA list"
        case .custom(let url): "the CA of \(url) is not one this server trusts"
        }
    }

    var untrustedCAFix: String {
        switch answers.acmeServer {
        case .letsEncryptStaging:
            "Nothing is wrong with Icecast. For a trusted certificate, set acme_server: letsencrypt and run lt-setup apply again."
        case .letsEncrypt:
            "Nothing is wrong with Icecast's bundle. Update the CA list (sudo apt-get install --reinstall ca-certificates), then run lt-setup verify again."
        case .custom:
            "Nothing is wrong with Icecast's bundle. Trust that CA for the check: put its root certificate in a file and run sudo REQUESTS_CA_BUNDLE=FILE lt-setup verify again (certbot uses the same variable)."
        }
    }

    /// The enabled outputs of config.yml, or the check result that explains why there are none.
    private func enabledOutputs(_ id: CheckID, _ title: String) -> Result<[IcecastOutput], CheckFailure> {
        switch settings {
        case nil:
            return .failure(CheckFailure(Check(id, title, .hard, .warning(
                seen: "\(ServerPaths.libretimeConfig) is missing: LibreTime's streams are not checked.",
                fix: "Install LibreTime, then run lt-setup apply again so that it sets the public URLs."))))
        case .failure(let error):
            return .failure(CheckFailure(Check(id, title, .hard, .failed(
                seen: "\(ServerPaths.libretimeConfig) cannot be read: \(error.message).",
                fix: "Fix the file, then run lt-setup apply again."))))
        case .success(let settings):
            return .success(settings.icecastOutputs.filter(\.enabled))
        }
    }

    /// `https://DOMAIN:PORT/MOUNT`, the URL lt-setup writes for an output.
    func expectedStreamURL(_ output: IcecastOutput) -> String {
        "https://\(answers.domain):\(answers.icecastPort)/\(output.mount ?? "")"
    }

    func icecastPublicURLsCheck() -> Check {
        let title = "LibreTime announces its streams over https on port \(answers.icecastPort)"
        let outputs: [IcecastOutput]
        switch enabledOutputs(.icecastPublicURLs, title) {
        case .failure(let failure): return failure.check
        case .success(let enabled): outputs = enabled
        }
        if outputs.isEmpty {
            return Check(.icecastPublicURLs, title, .hard, .passed(seen: "config.yml has no enabled Icecast output."))
        }
        let wrong = outputs.filter { $0.publicURL != expectedStreamURL($0) }
        if wrong.isEmpty {
            return Check(.icecastPublicURLs, title, .hard, .passed(
                seen: "Every enabled Icecast output's public_url is https on port \(answers.icecastPort): \(listed(outputs.map { $0.publicURL ?? "" }))."))
        }
        let described = wrong.map { output in
            "output \(output.position) (\(output.mount ?? "no mount")) has \(output.publicURL.map { "public_url \($0)" } ?? "no public_url"), not \(expectedStreamURL(output))"
        }
        return Check(.icecastPublicURLs, title, .hard, .failed(
            seen: "In \(ServerPaths.libretimeConfig), \(listed(described)).",
            fix: "Run lt-setup apply again (it sets them), then restart LibreTime (sudo systemctl restart libretime.target): browsers block an http stream on an https page."))
    }

    /// Each enabled https output's URL is fetched. Any HTTP status proves the URL reaches
    /// Icecast over TLS; 200 means a source is on the air. An Icecast mount exists only while
    /// a source streams to it, so a 404 usually means that LibreTime is not playing to it
    /// right now (or that the mount is wrong): a warning, not a failure. No answer at all
    /// is a failure.
    func icecastMountsCheck(_ speaks: IcecastPort) -> Check {
        let title = "The streams answer at their public URLs"
        if !speaks.isTLS {
            return Check(.icecastMounts, title, .hard, .failed(
                seen: "Not tried: Icecast's port \(answers.icecastPort) does not speak TLS (see icecast-tls), so no https stream can play.",
                fix: "Fix Icecast's TLS socket first."))
        }
        let outputs: [IcecastOutput]
        switch enabledOutputs(.icecastMounts, title) {
        case .failure(let failure): return failure.check
        case .success(let enabled): outputs = enabled.filter { $0.publicURL?.hasPrefix("https://") == true }
        }
        if outputs.isEmpty {
            return Check(.icecastMounts, title, .hard, .passed(seen: "No enabled Icecast output has an https public_url to try."))
        }
        var seen: [String] = []
        var failed = false
        var idle: [String] = []
        for output in outputs {
            let url = output.publicURL ?? ""
            switch probes.fetch(url, timeoutSeconds: Verification.streamSeconds) {
            case .curlMissing:
                return Check(.icecastMounts, title, .hard, Self.curlMissing)
            case .failed(let exit, let message):
                failed = true
                seen.append("\(url) gives no answer (curl \(exit): \(message))")
            case .answered(let status, _, _):
                seen.append("\(url) answers \(status)\(status == 200 ? " (on the air)" : "")")
                if status != 200 { idle.append("/" + (output.mount ?? "")) }
            }
        }
        let text = listed(seen) + "."
        if failed {
            return Check(.icecastMounts, title, .hard, .failed(
                seen: text, fix: "Check Icecast's TLS socket (above) and that the public_url's host and port reach it from this server."))
        }
        if !idle.isEmpty {
            return Check(.icecastMounts, title, .hard, .warning(
                seen: text,
                fix: "Icecast answers over TLS, but no source streams to \(listed(idle)) right now. That is normal while LibreTime's playout is stopped; once it plays, the stream is there. If it stays so while on the air, check the output's mount in config.yml."))
        }
        return Check(.icecastMounts, title, .hard, .passed(seen: text))
    }
}

/// What Icecast's TLS port turned out to speak.
enum IcecastPort: Equatable {
    case plainHTTP(status: Int)
    case tls(TLSHandshake)

    var isTLS: Bool {
        if case .tls(.established) = self { return true }
        return false
    }
}

/// A finished check carried through `Result`, for a helper that either finds what the check
/// needs or already knows its outcome.
struct CheckFailure: Error {
    let check: Check

    init(_ check: Check) {
        self.check = check
    }
}
