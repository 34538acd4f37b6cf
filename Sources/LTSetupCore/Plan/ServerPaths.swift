/// Every path on the server that the plan reads or writes, for one set of answers.
public struct ServerPaths: Sendable, Equatable {
    public let proxy: Proxy
    public let domain: String

    public init(proxy: Proxy, domain: String) {
        self.proxy = proxy
        self.domain = domain
    }

    var proxyRoot: String { proxy == .nginx ? "/etc/nginx" : "/etc/apache2" }

    /// Our own site file, `DOMAIN.conf` (never LibreTime's `libretime.conf`, which its
    /// installer rewrites on upgrade).
    public var siteAvailable: String { "\(proxyRoot)/sites-available/\(domain).conf" }
    public var siteEnabled: String { "\(proxyRoot)/sites-enabled/\(domain).conf" }
    /// The site the package enables by default, which would answer for our name on port 80.
    public var defaultSiteEnabled: String {
        proxy == .nginx ? "/etc/nginx/sites-enabled/default" : "/etc/apache2/sites-enabled/000-default.conf"
    }
    /// The https virtual host certbot's Apache plugin writes beside ours.
    public var apacheSSLSiteAvailable: String { "/etc/apache2/sites-available/\(domain)-le-ssl.conf" }
    public var apacheSSLSiteEnabled: String { "/etc/apache2/sites-enabled/\(domain)-le-ssl.conf" }
    /// Where the https configuration that certbot installs ends up.
    public var certificateUser: String { proxy == .nginx ? siteAvailable : apacheSSLSiteAvailable }

    /// LibreTime's own nginx site, read for its listen port.
    public static let libretimeNginxSite = "/etc/nginx/sites-available/libretime.conf"

    /// The certificate lineage; lt-setup passes `--cert-name DOMAIN`, so it is never
    /// `DOMAIN-0001`.
    public var lineage: String { "/etc/letsencrypt/live/\(domain)" }
    public var certificate: String { "\(lineage)/cert.pem" }
    public var fullchain: String { "\(lineage)/fullchain.pem" }
    public var privateKey: String { "\(lineage)/privkey.pem" }
    /// certbot's renewal settings for the lineage, with the ACME server it came from.
    public var renewalSettings: String { "/etc/letsencrypt/renewal/\(domain).conf" }

    public static let icecastConfig = "/etc/icecast2/icecast.xml"
    public static let icecastBundle = "/etc/icecast2/bundle.pem"
    public static let libretimeConfig = "/etc/libretime/config.yml"
    public var renewalHook: String { "/etc/letsencrypt/renewal-hooks/deploy/lt-setup-icecast-\(domain).sh" }

    /// Whether the plan for these answers may change `path`: its site files and links, the
    /// default site's link, Icecast's configuration and bundle, LibreTime's `config.yml`,
    /// the renewal hook, and (with Apache) module links. A backup of any other path was not
    /// made by lt-setup, and is never put back.
    public func mayChange(_ path: String) -> Bool {
        var fixed: Set<String> = [siteAvailable, siteEnabled, defaultSiteEnabled, Self.icecastConfig,
                                  Self.icecastBundle, Self.libretimeConfig, renewalHook]
        if proxy == .apache { fixed.formUnion([apacheSSLSiteAvailable, apacheSSLSiteEnabled]) }
        if fixed.contains(path) { return true }
        let modules = "/etc/apache2/mods-enabled/"
        guard proxy == .apache, path.hasPrefix(modules) else { return false }
        let name = path.dropFirst(modules.count)
        return (name.hasSuffix(".load") || name.hasSuffix(".conf")) && name.count > 5
            && name.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "." || $0 == "-") }
            && !name.hasPrefix(".")
    }

    /// A module link that a2enmod creates, e.g. `/etc/apache2/mods-enabled/proxy.load`.
    public static func apacheModuleLinks(_ module: String, hasConf: Bool) -> [(link: String, target: String)] {
        let kinds = hasConf ? ["load", "conf"] : ["load"]
        return kinds.map { ("/etc/apache2/mods-enabled/\(module).\($0)", "../mods-available/\(module).\($0)") }
    }
}
