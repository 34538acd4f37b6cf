/// The reverse proxy the operator chose.
public enum Proxy: String, Sendable, Codable, CaseIterable {
    case nginx
    case apache

    /// The Debian package, init script and systemd unit of the server.
    public var package: String {
        switch self {
        case .nginx: "nginx"
        case .apache: "apache2"
        }
    }

    /// certbot's plugin package for this server.
    public var certbotPlugin: String {
        switch self {
        case .nginx: "python3-certbot-nginx"
        case .apache: "python3-certbot-apache"
        }
    }

    public var displayName: String {
        switch self {
        case .nginx: "nginx"
        case .apache: "Apache"
        }
    }
}

/// Where LibreTime's own web server listens, as the proxy reaches it.
public struct Backend: Sendable, Equatable, Codable {
    /// A host name, an IPv4 address, or an IPv6 address in brackets (`[::1]`).
    public let host: String
    public let port: Int

    public init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    /// The URL the proxy forwards to, without a trailing slash.
    public var url: String { "http://\(host):\(port)" }

    /// The form the answers file uses.
    public var answer: String { "\(host):\(port)" }
}

/// The ACME directory certbot talks to.
public enum ACMEServer: Sendable, Equatable, Codable {
    case letsEncrypt
    case letsEncryptStaging
    case custom(String)

    public var directoryURL: String {
        switch self {
        case .letsEncrypt: "https://acme-v02.api.letsencrypt.org/directory"
        case .letsEncryptStaging: "https://acme-staging-v02.api.letsencrypt.org/directory"
        case .custom(let url): url
        }
    }

    /// The server whose directory is at `url`, as the answers name it.
    public init(directoryURL url: String) {
        switch url {
        case ACMEServer.letsEncrypt.directoryURL: self = .letsEncrypt
        case ACMEServer.letsEncryptStaging.directoryURL: self = .letsEncryptStaging
        default: self = .custom(url)
        }
    }

    /// How the operator is told which server it is.
    public var displayName: String {
        switch self {
        case .letsEncrypt: "Let's Encrypt"
        case .letsEncryptStaging: "Let's Encrypt's staging server"
        case .custom(let url): url
        }
    }

    /// Whether certbot takes the directory at `url` for a test server, whose certificates no
    /// browser trusts. certbot's own rule (`util.is_staging`): the URL contains "staging".
    public static func isStaging(_ url: String) -> Bool {
        url.contains("staging")
    }

    /// The form the answers file uses.
    public var answer: String {
        switch self {
        case .letsEncrypt: "letsencrypt"
        case .letsEncryptStaging: "staging"
        case .custom(let url): url
        }
    }
}

/// A complete, validated set of answers: every value here is safe to put in a config file
/// or a command line.
public struct Answers: Sendable, Equatable, Codable {
    public var proxy: Proxy
    public var domain: String
    public var backend: Backend
    public var https: Bool
    public var email: String?
    public var acmeServer: ACMEServer
    public var secureIcecast: Bool
    public var icecastPort: Int

    public init(
        proxy: Proxy = .nginx,
        domain: String,
        backend: Backend = Answers.defaultBackend,
        https: Bool = true,
        email: String?,
        acmeServer: ACMEServer = .letsEncrypt,
        secureIcecast: Bool = true,
        icecastPort: Int = Answers.defaultIcecastPort
    ) {
        self.proxy = proxy
        self.domain = domain
        self.backend = backend
        self.https = https
        self.email = email
        self.acmeServer = acmeServer
        self.secureIcecast = secureIcecast
        self.icecastPort = icecastPort
    }

    /// The guide's backend, LibreTime's own web server.
    public static let defaultBackend = Backend(host: "localhost", port: 8080)
    /// The guide's Icecast TLS port.
    public static let defaultIcecastPort = 8443

    /// The answers as the answers file writes them, in the wizard's order; the canonical
    /// form that the plan's fingerprint is taken from.
    public var raw: RawAnswers {
        var raw = RawAnswers()
        raw[.proxy] = proxy.rawValue
        raw[.domain] = domain
        raw[.backend] = backend.answer
        raw[.https] = https ? "true" : "false"
        raw[.email] = email
        raw[.acmeServer] = acmeServer.answer
        raw[.secureIcecast] = secureIcecast ? "true" : "false"
        raw[.icecastPort] = String(icecastPort)
        return raw
    }
}
