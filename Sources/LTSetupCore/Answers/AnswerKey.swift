/// The keys of an answers file, in the order the wizard asks for them.
public enum AnswerKey: String, CaseIterable, Sendable, Codable {
    case proxy
    case domain
    case backend
    case https
    case email
    case acmeServer = "acme_server"
    case secureIcecast = "secure_icecast"
    case icecastPort = "icecast_port"

    /// The field's label in the wizard's form.
    public var formLabel: String {
        switch self {
        case .proxy: "Proxy"
        case .domain: "Domain"
        case .backend: "Backend"
        case .https: "HTTPS"
        case .email: "Email"
        case .acmeServer: "ACME server"
        case .secureIcecast: "Secure Icecast"
        case .icecastPort: "Icecast port"
        }
    }

    /// What the key holds, for error messages and `--help`.
    public var summary: String {
        switch self {
        case .proxy: "nginx or apache"
        case .domain: "the station's public DNS name, e.g. libretime.example.org"
        case .backend: "where LibreTime's web server listens, host:port or http://host:port"
        case .https: "true to get a certificate from certbot and redirect http to https"
        case .email: "the address of the ACME account certbot registers, for the certificate authority's important notices"
        case .acmeServer: "letsencrypt, staging, or the https URL of an ACME directory"
        case .secureIcecast: "true to add Icecast's TLS socket (needs https)"
        case .icecastPort: "the port of Icecast's TLS socket"
        }
    }
}

/// What an operator typed or wrote, before validation: one text value per key.
///
/// The answers file and the wizard's form both fill this type, so the two are validated
/// by the same code.
public struct RawAnswers: Sendable, Equatable {
    public var values: [AnswerKey: String]

    public init(_ values: [AnswerKey: String] = [:]) {
        self.values = values
    }

    public subscript(key: AnswerKey) -> String? {
        get { values[key] }
        set { values[key] = newValue }
    }
}
