/// `/etc/os-release`: `KEY=value` lines, values optionally quoted.
public struct OSRelease: Sendable, Equatable {
    public static let path = "/etc/os-release"

    public let fields: [String: String]

    public init(_ text: String) {
        var fields: [String: String] = [:]
        for line in text.split(separator: "\n") {
            let trimmed = line.drop(while: { $0 == " " || $0 == "\t" })
            guard !trimmed.hasPrefix("#"), let equals = trimmed.firstIndex(of: "=") else { continue }
            var value = trimmed[trimmed.index(after: equals)...]
            if value.count >= 2, let first = value.first, first == "\"" || first == "'", value.last == first {
                value = value.dropFirst().dropLast()
            }
            fields[String(trimmed[..<equals])] = String(value).replacing("\\\"", with: "\"")
        }
        self.fields = fields
    }

    /// `ID`, e.g. `debian`, `ubuntu`.
    public var id: String { fields["ID"] ?? "" }
    /// `ID_LIKE`'s words, e.g. `["debian"]` on Ubuntu and its derivatives.
    public var idLike: [String] { (fields["ID_LIKE"] ?? "").split(separator: " ").map(String.init) }
    /// `VERSION_ID`, e.g. `12`, `22.04`.
    public var versionID: String { fields["VERSION_ID"] ?? "" }
    /// `PRETTY_NAME`, or the ID and version.
    public var prettyName: String { fields["PRETTY_NAME"] ?? "\(id) \(versionID)" }

    /// Debian, Ubuntu, or a derivative of either.
    public var isDebianFamily: Bool {
        ["debian", "ubuntu"].contains(id) || idLike.contains("debian") || idLike.contains("ubuntu")
    }
}
