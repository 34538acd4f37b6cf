/// The steps of the guide, in the order they run. The raw values are stable: the session
/// file and the log folder use them.
public enum StepID: String, Sendable, Codable, CaseIterable, Comparable {
    case packages
    case siteFile = "site-file"
    case enableSite = "enable-site"
    case restartProxy = "restart-proxy"
    case certificate
    case icecastTLS = "icecast-tls"
    case restartIcecast = "restart-icecast"
    case libretimeConfig = "libretime-config"
    case restartLibretime = "restart-libretime"
    case renewalHook = "renewal-hook"
    case runRenewalHook = "run-renewal-hook"
    case renewalDryRun = "renewal-dry-run"

    public static func < (lhs: StepID, rhs: StepID) -> Bool {
        (allCases.firstIndex(of: lhs) ?? 0) < (allCases.firstIndex(of: rhs) ?? 0)
    }
}
