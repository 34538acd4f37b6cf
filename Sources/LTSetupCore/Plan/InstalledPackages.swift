/// The packages dpkg reports as installed, read from `/var/lib/dpkg/status`.
public struct InstalledPackages: Sendable, Equatable {
    public static let statusPath = "/var/lib/dpkg/status"

    /// Installed version by package name.
    public let versions: [String: String]

    public init(versions: [String: String]) {
        self.versions = versions
    }

    /// Parses dpkg's status file: stanzas separated by blank lines, `Package:`, `Status:` and
    /// `Version:` fields; only `install ok installed` counts.
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
        for line in dpkgStatus.split(separator: "\n", omittingEmptySubsequences: false) {
            if line.isEmpty {
                flush()
            } else if line.hasPrefix("Package: ") {
                name = String(line.dropFirst("Package: ".count))
            } else if line.hasPrefix("Version: ") {
                version = String(line.dropFirst("Version: ".count))
            } else if line.hasPrefix("Status: ") {
                installed = line.hasSuffix(" ok installed")
            }
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
