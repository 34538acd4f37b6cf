/// The https URL of an ACME directory other than Let's Encrypt's (a private CA, or pebble in
/// tests): `https://host[:port]/path`, with an unreserved-characters-only path.
enum ACMEDirectoryURL {
    static func validate(_ text: String) -> Result<String, ValueProblem> {
        let allowed: ValueProblem = "must be letsencrypt, staging, or an https URL of an ACME directory such as https://acme.example.org/directory"
        guard text.hasPrefix("https://") else { return .failure(allowed) }
        let rest = text.dropFirst("https://".count)
        let slash = rest.firstIndex(of: "/") ?? rest.endIndex
        let authority = rest[..<slash]
        let path = rest[slash...]
        var host = authority
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { return .failure(allowed) }
            host = authority[...close]
            let after = authority[authority.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":"), case .success = Port.parse(String(after.dropFirst())) else { return .failure(allowed) }
            }
            guard IPv6.isBracketedAddress(String(host)) else { return .failure(allowed) }
        } else {
            if let colon = authority.firstIndex(of: ":") {
                host = authority[..<colon]
                guard case .success = Port.parse(String(authority[authority.index(after: colon)...])) else {
                    return .failure("has an invalid port; \(allowed)")
                }
            }
            guard IPv4.isAddress(String(host)) || (try? HostName.syntax(String(host).lowercased()).get()) != nil else {
                return .failure(allowed)
            }
        }
        let pathOK = path.utf8.allSatisfy { HostName.isLetterOrDigit($0) || "/-._~".utf8.contains($0) }
        guard pathOK else { return .failure("has characters outside letters, digits and / - . _ ~ in its path; \(allowed)") }
        return .success(text)
    }
}
