import LTSetupCore

/// The form checked with the core's validators, field by field or all at once.
extension DetailsForm {
    /// The problem with one field, in the validator's words, or nil when it is fine (or does
    /// not apply).
    public func problem(_ field: DetailsField) -> String? {
        guard isEnabled(field) else { return nil }
        if let held = text(field), held.overflowed {
            return "is longer than \(held.capacity) characters: what came after them was dropped; check the value"
        }
        switch field {
        case .domain: return message(AnswersValidator.domain(domain.text))
        case .backend: return message(AnswersValidator.backend(backend.text))
        case .email: return message(AnswersValidator.email(email.text, required: https))
        case .acmeURL:
            // An empty custom URL would silently mean Let's Encrypt to the validator.
            if acmeURL.text.isEmpty {
                return "is required: the https URL of the ACME directory, e.g. https://acme.example.org/directory"
            }
            return message(AnswersValidator.acmeServer(acmeURL.text))
        case .icecastPort: return message(AnswersValidator.icecastPort(icecastPort.text))
        default: return nil
        }
    }

    /// Checks one field and shows or clears its error.
    public mutating func check(_ field: DetailsField) {
        errors[field] = problem(field)
    }

    /// Checks every field; returns the validated answers, or nil with every error shown and
    /// the focus on the first field in error.
    public mutating func validateAll(proxy: Proxy) -> Answers? {
        var found: [DetailsField: String] = [:]
        for field in focusOrder { found[field] = problem(field) }
        if found.isEmpty {
            switch AnswersValidator.validate(raw(proxy: proxy)) {
            case .success(let answers):
                errors = [:]
                return answers
            case .failure(let error):
                for problem in error.problems {
                    let key = AnswerKey(rawValue: problem.field)
                    let field = key.flatMap { DetailsField.holding($0, acme: acme) } ?? .continueButton
                    found[field] = found[field] ?? problem.message
                }
            }
        }
        errors = found
        if let first = focusOrder.first(where: { found[$0] != nil }) { focus = first }
        return nil
    }

    func message<T>(_ result: Result<T, FieldError>) -> String? {
        if case .failure(let error) = result { return error.message }
        return nil
    }
}
