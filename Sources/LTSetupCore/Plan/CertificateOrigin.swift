/// Where the certificate in place came from, against the ACME server chosen now, as certbot's
/// renewal settings (`renewal/DOMAIN.conf`, `server = URL`) record it. One rule for the plan
/// (which replaces or refuses) and for preflight (which says so first).
public enum CertificateOrigin: Equatable, Sendable {
    /// No certificate yet, no record of its server, or the chosen server: nothing to replace.
    case chosenServer
    /// Another server: certbot keeps a certificate that is not close to expiry whichever
    /// server it came from, so it must be replaced on purpose (`--force-renewal`).
    case otherServer(String)
    /// A trusted server, and a staging one is chosen: certbot refuses to replace a trusted
    /// certificate with a test one (without --break-my-certs, which lt-setup does not pass).
    case refusedForStaging(String)

    static func of(_ files: ServerFiles, paths: ServerPaths, chosen: ACMEServer) -> CertificateOrigin {
        guard files.contents(of: paths.certificate) != nil,
              let settings = files.contents(of: paths.renewalSettings),
              let previous = CertificateText.renewalServer(settings),
              previous != chosen.directoryURL else { return .chosenServer }
        if ACMEServer.isStaging(chosen.directoryURL) && !ACMEServer.isStaging(previous) {
            return .refusedForStaging(previous)
        }
        return .otherServer(previous)
    }
}
