/// The stable name of each check, shown in brackets after its title so that scripts (and the
/// end-to-end tests) can find it. The raw values never change meaning.
public enum CheckID: String, Sendable, Equatable, CaseIterable {
    // Preflight: the system.
    case root
    case operatingSystem = "os"
    case osVersion = "os-version"
    // Preflight: LibreTime.
    case libretimeConfig = "libretime-config"
    case libretimeSite = "libretime-site"
    case libretimePort = "libretime-port"
    case backend
    // Preflight: the network.
    case port80 = "port-80"
    case port443 = "port-443"
    case icecastPortFree = "port-icecast"
    case domain
    case ipv6
    // Preflight: software.
    case packages
    case certbotVersion = "certbot-version"
    case icecast
    case verifyTools = "verify-tools"
    // Preflight: certificate and firewall.
    case existingCertificate = "existing-certificate"
    case acmeServer = "acme-server"
    case firewall

    // Verification: the web site.
    case httpRedirect = "http-redirect"
    case https
    case certificate
    case upload
    // Verification: Icecast.
    case icecastTLS = "icecast-tls"
    case icecastPublicURLs = "icecast-public-urls"
    case icecastMounts = "icecast-mounts"
    // Verification: LibreTime and renewal.
    case publicURL = "public-url"
    case renewalHook = "renewal-hook"
    case icecastBundle = "icecast-bundle"
}
