/// Parses the backend answer: `host:port` or `http://host:port`, with an optional trailing
/// slash; IPv6 addresses in brackets (`[::1]:8080`).
enum BackendParser {
    static func parse(_ text: String) -> Result<Backend, ValueProblem> {
        let allowed: ValueProblem = "must be host:port or http://host:port (IPv6 as [::1]:8080), e.g. localhost:8080"
        var rest = Substring(text)
        if rest.lowercased().hasPrefix("https://") {
            return .failure("must be plain http: the proxy ends TLS and talks http to LibreTime, e.g. localhost:8080")
        }
        if rest.lowercased().hasPrefix("http://") { rest = rest.dropFirst("http://".count) }
        if rest.hasSuffix("/") { rest = rest.dropLast() }
        guard let colon = rest.lastIndex(of: ":") else {
            return .failure("has no port; \(allowed)")
        }
        let host = String(rest[..<colon])
        let portText = String(rest[rest.index(after: colon)...])
        guard case .success(let port) = Port.parse(portText) else {
            return .failure("has no valid port (1 to 65535); \(allowed)")
        }
        if host.hasPrefix("[") {
            guard IPv6.isBracketedAddress(host) else { return .failure("has an invalid IPv6 address; \(allowed)") }
            return .success(Backend(host: host.lowercased(), port: port))
        }
        if host.contains(":") {
            return .failure("has an IPv6 address without brackets; write it as [::1]:8080")
        }
        if host.unicodeScalars.contains(where: { !$0.isASCII }) {
            return .failure("has non-ASCII characters; \(allowed)")
        }
        if IPv4.isAddress(host) { return .success(Backend(host: host, port: port)) }
        if case .failure(let message) = HostName.syntax(host.lowercased()) {
            return .failure("host \(message); \(allowed)")
        }
        return .success(Backend(host: host.lowercased(), port: port))
    }
}
