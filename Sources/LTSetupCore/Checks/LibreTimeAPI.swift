/// LibreTime's version endpoint. Only LibreTime answers it with its version, so it tells
/// LibreTime from any other web server: preflight asks the backend directly, verification asks
/// through the proxy (a 200 from the proxy's default site proves nothing).
enum LibreTimeAPI {
    static let versionPath = "/api/v2/version"

    /// The value of `"api_version": "…"` in LibreTime's version answer.
    static func version(in body: String) -> String? {
        guard let key = body.firstRange(of: "\"api_version\"") else { return nil }
        let rest = body[key.upperBound...].drop(while: { $0 == " " || $0 == ":" })
        guard rest.first == "\"" else { return nil }
        let value = rest.dropFirst().prefix { $0 != "\"" }
        return value.isEmpty ? nil : String(value)
    }
}
