/// Preflight: a certificate that already exists for the domain, and a firewall that may
/// block the ports.
extension PreflightContext {
    static let renewalDirectory = "/etc/letsencrypt/renewal"

    func existingCertificateCheck() -> Check {
        let domain = answers.domain
        let title = "An existing certificate for \(domain)"
        if files.contents(of: paths.certificate) != nil {
            guard let info = probes.certificateInfo(path: paths.certificate) else {
                return Check(.existingCertificate, title, .soft, .warning(
                    seen: "\(paths.certificate) exists, but openssl cannot read it as a certificate.",
                    fix: "Look at the lineage (sudo certbot certificates); if it is broken, remove it (sudo certbot delete --cert-name \(domain)) so that certbot requests a new one."))
            }
            if !info.names(domain) {
                return Check(.existingCertificate, title, .soft, .warning(
                    seen: "\(paths.certificate) exists but names \(listed(info.dnsNames)), not \(domain).",
                    fix: "certbot will replace it with one for \(domain) (--cert-name \(domain) -d \(domain)); check that no other site uses it (sudo certbot certificates)."))
            }
            switch CertificateOrigin.of(files, paths: paths, chosen: answers.acmeServer) {
            case .refusedForStaging(let previous):
                let recorded = ACMEServer(directoryURL: previous)
                return Check(.existingCertificate, title, .soft, .warning(
                    seen: "The certificate lineage \(domain) came from \(recorded.displayName), which browsers trust; the ACME server chosen now is a staging server, and certbot refuses to replace a trusted certificate with a test one.",
                    fix: "\(options.source.set(.acmeServer, to: recorded.answer).capitalizedFirst), or remove the certificate first if you really want a staging one (sudo certbot delete --cert-name \(domain))."))
            case .otherServer(let previous):
                let trust = ACMEServer.isStaging(previous) ? " (a staging server: no browser trusts it)" : ""
                return Check(.existingCertificate, title, .soft, .passed(
                    seen: "The certificate lineage \(domain) came from \(ACMEServer(directoryURL: previous).displayName)\(trust): certbot will replace it with one from \(acmeName)."))
            case .chosenServer:
                break
            }
            let state = info.expired ? "expired on \(info.notAfter): certbot will request a new one"
                : "valid until \(info.notAfter): certbot keeps it (--keep-until-expiring) instead of asking \(acmeName) again, which has rate limits"
            return Check(.existingCertificate, title, .soft, .passed(
                seen: "The certificate lineage \(domain) exists, \(state)."))
        }
        let others = otherLineages()
        if let other = others.first {
            let names = listed(others.map { "\($0.name) (valid until \($0.info.notAfter))" })
            return Check(.existingCertificate, title, .soft, .warning(
                seen: "A certificate for \(domain) exists under another name: \(names). lt-setup asks certbot for --cert-name \(domain), so certbot will not reuse it and will request a new certificate.",
                fix: "That costs one issuance (Let's Encrypt allows 5 certificates for the same names a week). Once lt-setup's certificate is in place, remove the old lineage if nothing else uses it: sudo certbot delete --cert-name \(other.name)."))
        }
        return Check(.existingCertificate, title, .soft, .passed(
            seen: "No certificate for \(domain) yet: certbot will request one from \(acmeName)."))
    }

    /// Lineages other than `DOMAIN` whose certificate names the domain, from the `cert = `
    /// line of each renewal file.
    func otherLineages() -> [(name: String, info: CertificateInfo)] {
        var found: [(name: String, info: CertificateInfo)] = []
        for file in probes.fileNames(in: Self.renewalDirectory) where file.hasSuffix(".conf") {
            let name = String(file.dropLast(".conf".count))
            guard name != answers.domain,
                  let conf = files.contents(of: "\(Self.renewalDirectory)/\(file)"),
                  let certificate = CertificateText.renewalCertificatePath(conf),
                  let info = probes.certificateInfo(path: certificate),
                  info.names(answers.domain) else { continue }
            found.append((name, info))
        }
        return found
    }

    var acmeName: String { answers.acmeServer.displayName }

    /// The ACME server's directory answers, and names the terms certbot agrees to.
    func acmeServerCheck() -> Check {
        let url = answers.acmeServer.directoryURL
        let title = "The ACME server answers, with its terms of service"
        switch probes.fetchText(url, timeoutSeconds: 10) {
        case .answered(200, _, let body):
            guard let terms = ACMEDirectory.termsOfService(in: body) else {
                return Check(.acmeServer, title, .soft, .passed(
                    seen: "The ACME directory \(url) answers; it names no terms of service."))
            }
            var check = Check(.acmeServer, title, .soft, .passed(
                seen: "The ACME directory \(url) answers. Its terms of service are at \(terms); certbot agrees to them for this server's account (--agree-tos) when the run starts."))
            check.termsOfService = terms
            return check
        case .answered(let status, _, _):
            return Check(.acmeServer, title, .soft, .warning(
                seen: "The ACME directory \(url) answers \(status), not its directory.",
                fix: "certbot would fail at the certificate step: check the address, or \(options.source.set(.acmeServer))."))
        case .failed(_, let message):
            return Check(.acmeServer, title, .soft, .warning(
                seen: "lt-setup cannot reach the ACME directory \(url) (\(message)).",
                fix: "certbot needs it at the certificate step and would fail there: check this server's outgoing https (curl -sS \(url))."))
        case .curlMissing:
            return Check(.acmeServer, title, .soft, .warning(
                seen: "curl is not installed, so lt-setup cannot read the ACME directory \(url) and its terms of service.",
                fix: "Install curl (sudo apt-get install curl); certbot agrees to the ACME server's terms of service (--agree-tos) when the run starts."))
        }
    }

    func firewallCheck() -> Check {
        let title = "The firewall lets ports \(listed(publicPorts.map(String.init))) in"
        let ports = publicPorts
        switch Firewall.detect(probes.firewall) {
        case .none:
            return Check(.firewall, title, .soft, .passed(
                seen: "No active ufw, and no nftables input chain that drops by default: nothing on this server blocks \(listed(ports.map(String.init))). A provider's firewall may: check its panel."))
        case .ufw(let allowed):
            let closed = ports.filter { !allowed.contains($0) }
            if closed.isEmpty {
                return Check(.firewall, title, .soft, .passed(seen: "ufw is active and allows \(listed(ports.map(String.init)))."))
            }
            return Check(.firewall, title, .soft, .warning(
                seen: "ufw is active, and its rules do not show port\(closed.count == 1 ? "" : "s") \(listed(closed.map(String.init))) as allowed.",
                fix: "Open them: " + closed.map { "sudo ufw allow \($0)/tcp" }.joined(separator: "; ") + ". (lt-setup does not read app profiles such as \"Nginx Full\"; if one covers them, all is well.)"))
        case .nftables(let chain, let allowed):
            let closed = ports.filter { !allowed.contains($0) }
            if closed.isEmpty {
                return Check(.firewall, title, .soft, .passed(seen: "nftables' input chain \(chain) drops by default and accepts \(listed(ports.map(String.init)))."))
            }
            return Check(.firewall, title, .soft, .warning(
                seen: "nftables' input chain \(chain) drops by default, and its rules do not show port\(closed.count == 1 ? "" : "s") \(listed(closed.map(String.init))) as accepted.",
                fix: "Accept them in that chain, e.g. sudo nft add rule inet filter \(chain) tcp dport { \(closed.map(String.init).joined(separator: ", ")) } accept, and add the rule to /etc/nftables.conf so that it survives a reboot."))
        }
    }
}
