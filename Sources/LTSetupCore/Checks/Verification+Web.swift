/// Verification: the site as visitors reach it.
extension VerificationContext {
    func httpCheck() -> Check {
        let domain = answers.domain
        let url = "http://\(domain)/"
        let title = answers.https ? "\(url) redirects to https" : "\(url) reaches LibreTime through \(answers.proxy.displayName)"
        // With https, the redirect of / is checked; without, that LibreTime itself answers.
        switch probes.httpGet(host: domain, port: 80, path: answers.https ? "/" : LibreTimeAPI.versionPath) {
        case .failed(let reason):
            return Check(.httpRedirect, title, .hard, .failed(seen: "\(url) cannot be reached from this server (\(reason)).", fix: unreachableFix()))
        case .answered(let answer):
            let status = "\(answer.status)\(answer.reason.isEmpty ? "" : " \(answer.reason)")"
            if !answers.https {
                if answer.status >= 500 {
                    return Check(.httpRedirect, title, .hard, .failed(
                        seen: "\(url) answers \(status): \(answers.proxy.displayName) runs but cannot reach LibreTime at \(answers.backend.url).",
                        fix: "Start LibreTime (sudo systemctl start libretime.target) and check the backend: \(source.set(.backend))."))
                }
                return libreTimeAnswered(.httpRedirect, title, url: "http://\(domain)\(LibreTimeAPI.versionPath)", status: answer.status,
                                         body: answer.body, seen: "")
            }
            let location = answer.header("location") ?? ""
            let target = "https://\(domain)"
            if [301, 308].contains(answer.status), location == target || location.hasPrefix(target + "/") {
                return Check(.httpRedirect, title, .hard, .passed(seen: "\(url) answers \(status) to \(location)."))
            }
            return Check(.httpRedirect, title, .hard, .failed(
                seen: "\(url) answers \(status)\(location.isEmpty ? "" : " to \(location)"), not a permanent redirect to \(target)/.",
                fix: "certbot's --redirect adds the redirect to the site: run lt-setup apply again; if another site answers for \(domain) on port 80, disable it."))
        }
    }

    func httpsCheck() -> Check {
        let url = "https://\(answers.domain)\(LibreTimeAPI.versionPath)"
        let title = "https://\(answers.domain)/ reaches LibreTime through \(answers.proxy.displayName), with a valid certificate"
        switch probes.fetchText(url, timeoutSeconds: 15) {
        case .curlMissing:
            return Check(.https, title, .hard, Self.curlMissing)
        case .failed(let exit, let message):
            return Check(.https, title, .hard, curlFailure(url, exit: exit, message: message))
        case .answered(let status, _, let body):
            if status >= 500 {
                return Check(.https, title, .hard, .failed(
                    seen: "\(url) answers \(status): the certificate verifies, but \(answers.proxy.displayName) cannot reach LibreTime at \(answers.backend.url).",
                    fix: "Start LibreTime (sudo systemctl start libretime.target) and check the backend: \(source.set(.backend))."))
            }
            return libreTimeAnswered(.https, title, url: url, status: status, body: body,
                                     seen: ", with a chain that verifies for \(answers.domain) against \(probes.trustedCAs)")
        }
    }

    /// Passed when `body` is LibreTime's version answer: the request went through the proxy to
    /// LibreTime. Any other answer came from somewhere else, such as the proxy's default site.
    func libreTimeAnswered(_ id: CheckID, _ title: String, url: String, status: Int, body: String, seen: String) -> Check {
        if status == 200, let version = LibreTimeAPI.version(in: body) {
            return Check(id, title, .hard, .passed(
                seen: "GET \(url) answers LibreTime's API version \(version) from this server\(seen)."))
        }
        let proxy = answers.proxy.displayName
        let sites = answers.proxy == .nginx ? "/etc/nginx/sites-enabled" : "/etc/apache2/sites-enabled"
        return Check(id, title, .hard, .failed(
            seen: "GET \(url) answers \(status), not LibreTime's version (`{\"api_version\": …}`): another site of \(proxy) answers for \(answers.domain), not LibreTime.",
            fix: "Run lt-setup apply again: it writes and enables the site for \(answers.domain). Then look in \(sites) for another site that answers for \(answers.domain) (the default site, or the same server name)."))
    }

    func certificateCheck() -> Check {
        let domain = answers.domain
        let title = "The certificate names \(domain) and is current"
        guard let info = probes.certificateInfo(path: paths.certificate) else {
            return Check(.certificate, title, .hard, .failed(
                seen: "\(paths.certificate) is missing or is not a certificate.",
                fix: "Run lt-setup apply: its certificate step gets one (sudo certbot certificates shows what certbot has)."))
        }
        if !info.names(domain) {
            return Check(.certificate, title, .hard, .failed(
                seen: "\(paths.certificate) names \(info.dnsNames.isEmpty ? "no DNS name" : listed(info.dnsNames)), not \(domain).",
                fix: "Get one for \(domain): sudo certbot --\(answers.proxy == .nginx ? "nginx" : "apache") --cert-name \(domain) -d \(domain)."))
        }
        if info.expired {
            return Check(.certificate, title, .hard, .failed(
                seen: "The certificate for \(domain) expired on \(info.notAfter).",
                fix: "Renew it: sudo certbot renew --cert-name \(domain); then check that certbot's timer runs (systemctl list-timers certbot.timer)."))
        }
        let seen = "\(paths.certificate) names \(domain) and expires on \(info.notAfter)"
        guard let live = files.contents(of: paths.certificate).flatMap(CertificateText.fingerprint(ofPEM:)),
              case .established(let leaf, _) = probes.servedCertificate(host: domain, port: 443, serverName: domain),
              let served = CertificateText.fingerprint(ofPEM: leaf) else {
            return Check(.certificate, title, .hard, .passed(seen: seen + "."))
        }
        if served != live {
            return Check(.certificate, title, .hard, .warning(
                seen: seen + ", but port 443 serves another certificate (SHA-256 \(served.prefix(23))…).",
                fix: "Reload \(answers.proxy.displayName) so that it reads the live certificate: sudo systemctl reload \(answers.proxy.package)."))
        }
        return Check(.certificate, title, .hard, .passed(seen: seen + "; port 443 serves it."))
    }

    func uploadCheck() -> Check {
        let url = "\(siteURL)/api/v2/version"
        let size = "\(Verification.uploadBytes / 1024) KiB"
        let title = "An upload over 1 MB is not refused"
        switch probes.upload(url, bytes: Verification.uploadBytes) {
        case .curlMissing:
            return Check(.upload, title, .hard, Self.curlMissing)
        case .failed(let exit, let message):
            return Check(.upload, title, .hard, curlFailure(url, exit: exit, message: message))
        case .answered(let status, _, _):
            if status == 413 {
                let limit = answers.proxy == .nginx ? "client_max_body_size 512M;" : "LimitRequestBody 536870912"
                return Check(.upload, title, .hard, .failed(
                    seen: "A POST of \(size) to \(url) is refused with 413 (request entity too large).",
                    fix: "The site lt-setup writes allows 512 MB (\(limit)); another site or a global setting answers for \(answers.domain) with a lower limit: look for it in \(answers.proxy == .nginx ? "/etc/nginx" : "/etc/apache2")."))
            }
            return Check(.upload, title, .hard, .passed(
                seen: "A POST of \(size) to \(url) reaches LibreTime (it answers \(status); only a 413 from the proxy would mean uploads are cut)."))
        }
    }
}
