/// A Debian or Ubuntu release lt-setup knows, with the certbot its archive ships.
public struct KnownRelease: Sendable, Equatable {
    /// `ID` in os-release: `debian` or `ubuntu`.
    public let id: String
    /// `VERSION_ID`: `11`, `20.04`.
    public let version: String
    public let codename: String
    /// The certbot in the release's archive (its upstream version).
    public let certbot: UpstreamVersion
    /// Whether LibreTime's installer accepts it (its `check_distribution`).
    public let libreTimeInstaller: Bool

    /// "Debian 11 (bullseye)".
    public var name: String {
        "\(Self.systemName(id)) \(version) (\(codename))"
    }

    /// Every release lt-setup knows, oldest first for each system. LibreTime's installer
    /// accepts Debian 11 and Ubuntu 20.04 (both glibc 2.31); the newer ones are where
    /// stations are upgraded to.
    public static let all: [KnownRelease] = [
        KnownRelease(id: "debian", version: "11", codename: "bullseye", certbot: UpstreamVersion(1, 12, 0), libreTimeInstaller: true),
        KnownRelease(id: "debian", version: "12", codename: "bookworm", certbot: UpstreamVersion(2, 1, 0), libreTimeInstaller: false),
        KnownRelease(id: "debian", version: "13", codename: "trixie", certbot: UpstreamVersion(4, 0, 0), libreTimeInstaller: false),
        KnownRelease(id: "ubuntu", version: "20.04", codename: "focal", certbot: UpstreamVersion(0, 40, 0), libreTimeInstaller: true),
        KnownRelease(id: "ubuntu", version: "22.04", codename: "jammy", certbot: UpstreamVersion(1, 21, 0), libreTimeInstaller: false),
        KnownRelease(id: "ubuntu", version: "24.04", codename: "noble", certbot: UpstreamVersion(2, 9, 0), libreTimeInstaller: false),
    ]

    /// "Debian" or "Ubuntu", for an os-release `ID` of a known release.
    static func systemName(_ id: String) -> String {
        id == "ubuntu" ? "Ubuntu" : "Debian"
    }

    /// "Debian 11 and Ubuntu 20.04".
    public static var libreTimeInstallerList: String {
        all.filter(\.libreTimeInstaller).map { "\(systemName($0.id)) \($0.version)" }
            .joined(separator: " and ")
    }

    /// "Debian 11, 12 and 13, Ubuntu 20.04, 22.04 and 24.04".
    public static var knownList: String {
        ["debian", "ubuntu"].map { id in
            let versions = all.filter { $0.id == id }.map(\.version)
            let joined = versions.dropLast().joined(separator: ", ") + " and " + (versions.last ?? "")
            return "\(systemName(id)) \(joined)"
        }.joined(separator: ", ")
    }

    /// Where a system stands against the known releases.
    public enum Standing: Equatable, Sendable {
        case known(KnownRelease)
        /// Debian or Ubuntu older than the oldest known release of that system.
        case older(than: KnownRelease)
        /// Debian or Ubuntu newer than the newest known release of that system.
        case newer(than: KnownRelease)
        /// Another system, a derivative, or a release without a version.
        case unknown
    }

    public static func standing(of release: OSRelease) -> Standing {
        let releases = all.filter { $0.id == release.id }
        if let known = releases.first(where: { $0.version == release.versionID }) { return .known(known) }
        guard let version = UpstreamVersion(debian: release.versionID),
              let oldest = releases.first, let newest = releases.last else { return .unknown }
        if version < (UpstreamVersion(debian: oldest.version) ?? version) { return .older(than: oldest) }
        if (UpstreamVersion(debian: newest.version) ?? version) < version { return .newer(than: newest) }
        return .unknown
    }
}
