import LTSetupCore

/// The fields of the details screen, in the order Tab visits them (the answers file's order).
public enum DetailsField: CaseIterable, Hashable, Sendable {
    case domain, backend, https, email, acmeServer, acmeURL, secureIcecast, icecastPort, continueButton

    /// The kind of control, which decides the keys it takes.
    public enum Kind: Sendable { case text, toggle, choice, button }

    public var kind: Kind {
        switch self {
        case .domain, .backend, .email, .acmeURL, .icecastPort: .text
        case .https, .secureIcecast: .toggle
        case .acmeServer: .choice
        case .continueButton: .button
        }
    }

    /// The label in front of the field, and the subject of its error messages: the answer's
    /// own (advice from the checks names the same words).
    public var label: String {
        switch self {
        case .domain: AnswerKey.domain.formLabel
        case .backend: AnswerKey.backend.formLabel
        case .https: AnswerKey.https.formLabel
        case .email: AnswerKey.email.formLabel
        case .acmeServer: AnswerKey.acmeServer.formLabel
        case .acmeURL: "ACME URL"
        case .secureIcecast: AnswerKey.secureIcecast.formLabel
        case .icecastPort: AnswerKey.icecastPort.formLabel
        case .continueButton: "Continue"
        }
    }

    /// One line under the focused field saying what it is for.
    public var hint: String {
        switch self {
        case .domain: "The DNS name that points to this server, e.g. radio.example.org"
        case .backend: "Where LibreTime's own web server listens, as host:port"
        case .https: "Get a free certificate and send http visitors to https"
        case .email: "The ACME account's address, for important notices"
        case .acmeServer: "Who issues the certificate; staging is for trials (not trusted)"
        case .acmeURL: "The https URL of the ACME directory"
        case .secureIcecast: "Serve the streams over https too, with the same certificate"
        case .icecastPort: "The port of Icecast's https socket (not 80 or 443)"
        case .continueButton: "Check every answer and make the plan; nothing is changed yet"
        }
    }

    /// The field that holds an answer, for errors reported by the validator.
    static func holding(_ key: AnswerKey, acme: ACMEChoice) -> DetailsField? {
        switch key {
        case .proxy: nil
        case .domain: .domain
        case .backend: .backend
        case .https: .https
        case .email: .email
        case .acmeServer: acme == .custom ? .acmeURL : .acmeServer
        case .secureIcecast: .secureIcecast
        case .icecastPort: .icecastPort
        }
    }
}

/// Which ACME server certbot talks to.
public enum ACMEChoice: CaseIterable, Sendable {
    case letsEncrypt, staging, custom

    public var label: String {
        switch self {
        case .letsEncrypt: "Let's Encrypt"
        case .staging: "staging"
        case .custom: "custom URL"
        }
    }
}
