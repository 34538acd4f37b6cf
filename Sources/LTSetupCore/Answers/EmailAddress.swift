/// A plausible email address for certbot's registration.
///
/// Deliberately narrower than RFC 5322: the local part may hold letters, digits and
/// `. _ % + -`, not at either end, and the domain must be a host name with a dot. Quotes,
/// spaces and shell or config metacharacters are refused, so the value is inert wherever
/// it goes.
enum EmailAddress {
    static func validate(_ text: String) -> Result<String, ValueProblem> {
        let allowed: ValueProblem = "must be an address like admin@example.org (letters, digits and . _ % + - before the @)"
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, let local = parts.first, let domain = parts.last else {
            return .failure("\(allowed)")
        }
        guard !local.isEmpty, local.utf8.count <= 64 else { return .failure("has an empty or over-long part before the @; \(allowed)") }
        let localOK = local.utf8.allSatisfy { byte in
            HostName.isLetterOrDigit(byte) || ".-_%+".utf8.contains(byte)
        }
        guard localOK, local.first != ".", local.last != ".", local.first != "-", !local.contains("..") else {
            return .failure(allowed)
        }
        switch HostName.syntax(domain.lowercased()) {
        case .failure(let message): return .failure("domain after the @ \(message)")
        case .success:
            guard domain.contains(".") else { return .failure("domain after the @ needs a dot; \(allowed)") }
        }
        return .success(String(local) + "@" + domain.lowercased())
    }
}
