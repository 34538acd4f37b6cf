/// The steps of the guide, in the order they run. The raw values are stable: the session
/// file and the log folder use them.
///
/// Icecast restarts once: the renewal hook is installed right after Icecast's TLS socket and
/// running it once rebuilds the bundle and restarts Icecast. `restartIcecast` is planned
/// only where there is no hook to run (secure Icecast without https, which the answers
/// refuse), and stays so that sessions written before keep their meaning.
public enum StepID: String, Sendable, Codable, CaseIterable, Comparable {
    case packages
    case siteFile = "site-file"
    case enableSite = "enable-site"
    case restartProxy = "restart-proxy"
    case certificate
    case icecastTLS = "icecast-tls"
    case renewalHook = "renewal-hook"
    case runRenewalHook = "run-renewal-hook"
    case restartIcecast = "restart-icecast"
    case libretimeConfig = "libretime-config"
    case restartLibretime = "restart-libretime"
    case renewalDryRun = "renewal-dry-run"

    public static func < (lhs: StepID, rhs: StepID) -> Bool {
        (allCases.firstIndex(of: lhs) ?? 0) < (allCases.firstIndex(of: rhs) ?? 0)
    }
}
