import LTSetupCore

/// The details screen's answers as typed, which field has the focus, and the error under
/// each field.
public struct DetailsForm: Equatable, Sendable {
    public var domain: TextField
    public var backend: TextField
    public var https: Bool
    public var email: TextField
    public var acme: ACMEChoice
    public var acmeURL: TextField
    public var secureIcecast: Bool
    public var icecastPort: TextField
    public var focus: DetailsField
    /// What is wrong with a field, from the core's validators; shown under it.
    public var errors: [DetailsField: String]

    /// The guide's defaults: HTTPS and secure Icecast on, Let's Encrypt, port 8443, and
    /// the backend lt-setup found.
    public init(suggestedBackend: String) {
        domain = TextField()
        backend = TextField(suggestedBackend)
        https = true
        email = TextField()
        acme = .letsEncrypt
        acmeURL = TextField()
        secureIcecast = true
        icecastPort = TextField(String(Answers.defaultIcecastPort))
        focus = .domain
        errors = [:]
    }

    /// Whether a field applies to the current answers; Tab skips the others and the screen
    /// dims them (email and ACME matter only with HTTPS, the port only with secure Icecast).
    public func isEnabled(_ field: DetailsField) -> Bool {
        switch field {
        case .email, .acmeServer, .secureIcecast: https
        case .acmeURL: https && acme == .custom
        case .icecastPort: https && secureIcecast
        default: true
        }
    }

    /// Whether the field is on screen at all: the custom URL only when it is chosen.
    public func isVisible(_ field: DetailsField) -> Bool {
        field != .acmeURL || acme == .custom
    }

    /// The fields Tab visits, in order.
    public var focusOrder: [DetailsField] { DetailsField.allCases.filter(isEnabled) }

    /// The last field before the Continue button: Enter there submits the form.
    public var lastInputField: DetailsField? { focusOrder.last { $0 != .continueButton } }

    public func text(_ field: DetailsField) -> TextField? {
        switch field {
        case .domain: domain
        case .backend: backend
        case .email: email
        case .acmeURL: acmeURL
        case .icecastPort: icecastPort
        default: nil
        }
    }

    /// Changes a text field in place; other fields are left alone.
    public mutating func editText(_ field: DetailsField, _ change: (inout TextField) -> Void) {
        switch field {
        case .domain: change(&domain)
        case .backend: change(&backend)
        case .email: change(&email)
        case .acmeURL: change(&acmeURL)
        case .icecastPort: change(&icecastPort)
        default: break
        }
    }

    /// The answers as the answers file would hold them, for the session and the validator.
    public func raw(proxy: Proxy) -> RawAnswers {
        var raw = RawAnswers()
        raw[.proxy] = proxy.rawValue
        raw[.domain] = domain.answer
        raw[.backend] = backend.answer
        raw[.https] = https ? "true" : "false"
        raw[.email] = email.answer
        switch acme {
        case .letsEncrypt: raw[.acmeServer] = "letsencrypt"
        case .staging: raw[.acmeServer] = "staging"
        case .custom: raw[.acmeServer] = acmeURL.answer
        }
        raw[.secureIcecast] = https && secureIcecast ? "true" : "false"
        raw[.icecastPort] = icecastPort.answer
        return raw
    }

    /// Fills the form from saved or resumed answers.
    public mutating func fill(from raw: RawAnswers) {
        domain.set(raw[.domain] ?? "")
        if let value = raw[.backend], !value.isEmpty { backend.set(value) }
        https = raw[.https] != "false"
        email.set(raw[.email] ?? "")
        switch raw[.acmeServer] ?? "" {
        case "", "letsencrypt": acme = .letsEncrypt
        case "staging": acme = .staging
        case let url:
            acme = .custom
            acmeURL.set(url)
        }
        secureIcecast = https && raw[.secureIcecast] != "false"
        if let port = raw[.icecastPort], !port.isEmpty { icecastPort.set(port) }
        errors = [:]
    }
}
