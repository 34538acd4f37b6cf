/// Turns what an operator typed into `Answers`, or into the list of every field that is wrong.
///
/// Validation is by allow-list: each value must match a narrow grammar, so that nothing an
/// operator types can change the meaning of a config file or a command line.
public enum AnswersValidator {
    /// Validates every field and reports all problems at once.
    public static func validate(_ raw: RawAnswers) -> Result<Answers, AnswersError> {
        var problems: [FieldError] = []
        func check<T>(_ result: Result<T, FieldError>) -> T? {
            switch result {
            case .success(let value): return value
            case .failure(let error):
                problems.append(error)
                return nil
            }
        }
        let proxy = check(proxy(raw[.proxy]))
        let domain = check(domain(raw[.domain]))
        let backend = check(backend(raw[.backend]))
        let https = check(boolean(.https, raw[.https], default: true))
        let secureIcecast = check(boolean(.secureIcecast, raw[.secureIcecast], default: https ?? true))
        let acme = check(acmeServer(raw[.acmeServer]))
        let port = check(icecastPort(raw[.icecastPort]))
        let email = check(email(raw[.email], required: https ?? true))
        if secureIcecast == true, https == false {
            problems.append(FieldError(.secureIcecast, "true",
                "needs https: true, since Icecast reuses the certificate that certbot gets for the site; set https: true or secure_icecast: false"))
        }
        guard problems.isEmpty, let proxy, let domain, let backend, let https, let secureIcecast,
              let acme, let port, let email else {
            return .failure(AnswersError(problems))
        }
        return .success(Answers(
            proxy: proxy, domain: domain, backend: backend, https: https, email: email,
            acmeServer: acme, secureIcecast: secureIcecast, icecastPort: port))
    }

    public static func proxy(_ value: String?) -> Result<Proxy, FieldError> {
        guard let value, !value.isEmpty else { return .success(.nginx) }
        switch value.lowercased() {
        case "nginx": return .success(.nginx)
        case "apache", "apache2": return .success(.apache)
        default: return .failure(FieldError(.proxy, value, "must be nginx or apache"))
        }
    }

    /// The station's public name: an RFC 1123 host name with at least one dot, lowercased.
    public static func domain(_ value: String?) -> Result<String, FieldError> {
        guard let value, !value.isEmpty else {
            return .failure(FieldError(.domain, "", "is required: the DNS name that points to this server, e.g. libretime.example.org"))
        }
        return HostName.validatePublicDomain(value).mapError { FieldError(.domain, value, $0.message) }
    }

    /// `host:port` or `http://host:port`, with IPv6 in brackets.
    public static func backend(_ value: String?) -> Result<Backend, FieldError> {
        guard let value, !value.isEmpty else { return .success(Answers.defaultBackend) }
        return BackendParser.parse(value).mapError { FieldError(.backend, value, $0.message) }
    }

    public static func email(_ value: String?, required: Bool) -> Result<String?, FieldError> {
        guard let value, !value.isEmpty else {
            return required
                ? .failure(FieldError(.email, "", "is required when https is true: certbot registers it with the certificate authority, which writes to it about the account (important notices)"))
                : .success(nil)
        }
        return EmailAddress.validate(value).map { Optional($0) }.mapError { FieldError(.email, value, $0.message) }
    }

    public static func acmeServer(_ value: String?) -> Result<ACMEServer, FieldError> {
        guard let value, !value.isEmpty else { return .success(.letsEncrypt) }
        switch value.lowercased() {
        case "letsencrypt", "production": return .success(.letsEncrypt)
        case "staging", "letsencrypt-staging": return .success(.letsEncryptStaging)
        default:
            return ACMEDirectoryURL.validate(value).map { ACMEServer.custom($0) }
                .mapError { FieldError(.acmeServer, value, $0.message) }
        }
    }

    public static func icecastPort(_ value: String?) -> Result<Int, FieldError> {
        guard let value, !value.isEmpty else { return .success(Answers.defaultIcecastPort) }
        switch Port.parse(value) {
        case .failure(let problem): return .failure(FieldError(.icecastPort, value, problem.message))
        case .success(80), .success(443):
            return .failure(FieldError(.icecastPort, value, "is taken by the web proxy; use another port, such as 8443"))
        case .success(let port): return .success(port)
        }
    }

    public static func boolean(_ key: AnswerKey, _ value: String?, default fallback: Bool) -> Result<Bool, FieldError> {
        guard let value, !value.isEmpty else { return .success(fallback) }
        switch value.lowercased() {
        case "true", "yes", "on": return .success(true)
        case "false", "no", "off": return .success(false)
        default: return .failure(FieldError(key, value, "must be true or false"))
        }
    }
}
