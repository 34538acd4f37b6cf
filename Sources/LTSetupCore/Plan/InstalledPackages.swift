/// The packages dpkg reports as installed, read from `/var/lib/dpkg/status`.
public struct InstalledPackages: Sendable, Equatable {
    public static let statusPath = "/var/lib/dpkg/status"

    /// Installed version by package name.
    public let versions: [String: String]

    public init(versions: [String: String]) {
        self.versions = versions
    }

    /// Parses dpkg's status file: stanzas separated by blank lines, `Package:`, `Status:` and
    /// `Version:` fields; only `install ok installed` counts. The file holds every package of
    /// the system (800 KB on a desktop) and is read at each plan: it is scanned as bytes,
    /// and only the names and versions become strings.
    public init(dpkgStatus: String) {
        var versions: [String: String] = [:]
        var name: String?
        var version: String?
        var installed = false
        func flush() {
            if let name, installed { versions[name] = version ?? "" }
            name = nil
            version = nil
            installed = false
        }
        let bytes = Array(dpkgStatus.utf8)
        let package = Array("Package: ".utf8), versionField = Array("Version: ".utf8)
        let status = Array("Status: ".utf8), okInstalled = Array(" ok installed".utf8)
        func starts(_ line: ArraySlice<UInt8>, _ prefix: [UInt8]) -> Bool {
            line.count >= prefix.count && line.prefix(prefix.count).elementsEqual(prefix)
        }
        func value(_ line: ArraySlice<UInt8>, after prefix: [UInt8]) -> String {
            String(decoding: line.dropFirst(prefix.count), as: UTF8.self)
        }
        var start = 0
        while start <= bytes.count {
            let end = bytes[start...].firstIndex(of: 0x0A) ?? bytes.count
            let line = bytes[start..<end]
            if line.isEmpty {
                flush()
            } else if starts(line, package) {
                name = value(line, after: package)
            } else if starts(line, versionField) {
                version = value(line, after: versionField)
            } else if starts(line, status) {
                installed = line.count >= okInstalled.count && line.suffix(okInstalled.count).elementsEqual(okInstalled)
            }
            start = end + 1
        }
        flush()
        self.versions = versions
    }

    public init(_ files: ServerFiles) {
        self.init(dpkgStatus: files.state(of: Self.statusPath).text ?? "")
    }

    public func isInstalled(_ package: String) -> Bool {
        versions[package] != nil
    }
}
