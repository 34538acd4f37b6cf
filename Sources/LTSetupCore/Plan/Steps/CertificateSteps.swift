/// certbot: the certificate with its http -> https redirect, the renewal hook that keeps
/// Icecast's bundle current, and the renewal check.
extension PlanBuilder {
    func certificateStep() throws(PlanError) -> Step {
        let plugin = answers.proxy == .nginx ? "--nginx" : "--apache"
        var touches = [paths.siteAvailable]
        if answers.proxy == .apache {
            touches += [paths.apacheSSLSiteAvailable, paths.apacheSSLSiteEnabled]
            touches += ["ssl", "rewrite", "socache_shmcb"].flatMap {
                ServerPaths.apacheModuleLinks($0, hasConf: $0 == "ssl").map(\.link)
            }
        }
        let server = answers.acmeServer.directoryURL
        let previousServer = try previousACMEServer()
        // certbot keeps a certificate that is not close to expiry, whichever server it came
        // from: from another server it must be replaced on purpose.
        let keep = previousServer == nil ? "--keep-until-expiring" : "--force-renewal"
        let argv = ["certbot", plugin, "--non-interactive", "--agree-tos", "-m", answers.email ?? "",
                    "--cert-name", answers.domain, "-d", answers.domain, "--redirect", keep]
            + serverArguments(dryRun: false)
        let verb = previousServer == nil ? "Get a certificate" : "Replace the certificate"
        var explanation = "certbot proves to \(acmeName) that this server answers for \(answers.domain), then adds https to the site."
        if let previousServer {
            let trust = ACMEServer.isStaging(previousServer) ? ", a test server whose certificates no browser trusts" : ""
            explanation = "The certificate in place came from \(ACMEServer(directoryURL: previousServer).displayName)\(trust). certbot replaces it with one from \(acmeName) (--force-renewal), then adds https to the site."
        }
        return Step(
            id: .certificate,
            title: "\(verb) for \(answers.domain) and redirect http to https",
            guideSection: "Install a reverse proxy › \(answers.proxy == .nginx ? "Nginx" : "Apache") (Let's Encrypt)",
            explanation: explanation,
            // certbot may start the server itself, and reloads it.
            actions: [.run(Command(argv, timeoutSeconds: 900, touches: touches, outputInLog: true))],
            // Re-running certbot when the certificate is in place is not a no-op: it edits the
            // site again. So the step is done once the site uses the live certificate, and
            // that certificate came from the chosen server. (A rewritten site no longer uses
            // it, so certbot runs again after it.)
            doneWhen: .all([
                .contains(path: paths.certificate, ["BEGIN CERTIFICATE"]),
                .contains(path: paths.certificateUser, [paths.fullchain]),
                .any([.missing(path: paths.renewalSettings),
                      .contains(path: paths.renewalSettings, ["server = \(server)\n"])]),
            ]))
    }

    /// The ACME server that the certificate in place came from, when it is not the chosen
    /// one (nil when there is no certificate yet, or it came from the chosen server). A
    /// refused replacement (see `CertificateOrigin`) is said before anything runs.
    func previousACMEServer() throws(PlanError) -> String? {
        switch CertificateOrigin.of(files, paths: paths, chosen: answers.acmeServer) {
        case .chosenServer:
            return nil
        case .otherServer(let previous):
            return previous
        case .refusedForStaging(let previous):
            throw PlanError("""
                The certificate for \(answers.domain) came from \(ACMEServer(directoryURL: previous).displayName), which browsers trust \
                (\(paths.renewalSettings)), and the ACME server chosen now is a staging server. \
                certbot refuses to replace a trusted certificate with a test one. Keep the ACME \
                server the certificate came from; to start from a staging certificate anyway, \
                remove the certificate first (sudo certbot delete --cert-name \(answers.domain)).
                """)
        }
    }

    var acmeName: String { answers.acmeServer.displayName }

    func renewalDryRunStep() -> Step {
        let argv = ["certbot", "renew", "--dry-run", "--cert-name", answers.domain, "--no-random-sleep-on-renew"]
            + serverArguments(dryRun: true)
        return Step(
            id: .renewalDryRun,
            title: "Check that the certificate can be renewed",
            guideSection: "Securing the Icecast output streams (certbot renew --dry-run)",
            explanation: "A trial renewal against the ACME server. It does not run deploy hooks; lt-setup ran ours after Icecast's TLS socket.",
            actions: [.run(Command(argv, timeoutSeconds: 600))],
            doneWhen: .unchangedSteps([.certificate, .renewalHook]))
    }

    /// The hook, and its first run, which is also Icecast's restart after its TLS socket.
    func renewalHookSteps() throws(PlanError) -> [Step] {
        let script = try render(Templates.icecastRenewalHook, [
            "MARKER": "Managed by lt-setup: Icecast bundle for \(answers.domain)",
            "DOMAIN": answers.domain, "LINEAGE": paths.lineage,
            "BUNDLE": ServerPaths.icecastBundle, "GROUP": "icecast",
        ])
        let write = FileWrite(path: paths.renewalHook, content: script, permissions: .executable,
                              previous: files.state(of: paths.renewalHook))
        return [
            Step(
                id: .renewalHook,
                title: "Install the renewal hook that rebuilds Icecast's bundle",
                guideSection: "Securing the Icecast output streams (renewal)",
                explanation: "Replaces the guide's deploy_hook line, which certbot before 5.3 ignores: without it Icecast keeps an expired certificate.",
                actions: [.write(write)],
                doneWhen: .content(path: paths.renewalHook, equals: script)),
            Step(
                id: .runRenewalHook,
                title: "Run the renewal hook once: it restarts Icecast",
                guideSection: "Securing the Icecast output streams (renewal)",
                explanation: "It rebuilds the bundle and restarts Icecast, which reads its certificate only when it starts. certbot runs it only after a renewal; running it now proves it works.",
                actions: [.run(Command([paths.renewalHook], environment: ["RENEWED_LINEAGE": paths.lineage],
                                       timeoutSeconds: 120, touches: [ServerPaths.icecastBundle],
                                       outputInLog: true, restarts: ["icecast2"]))],
                // Icecast must restart when its socket or the certificate changed, or the hook.
                doneWhen: .unchangedSteps([.certificate, .icecastTLS, .renewalHook])),
        ]
    }
}
