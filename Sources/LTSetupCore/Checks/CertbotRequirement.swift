/// What lt-setup asks of certbot, each with the first certbot release that has it. Read in
/// certbot's own source at each release tag, not in `--help`, which hides some flags
/// (docs/certbot-versions.md has the evidence).
public struct CertbotRequirement: Sendable, Equatable {
    /// What lt-setup uses, as an operator would recognise it.
    public let feature: String
    /// The first certbot release that has it.
    public let since: UpstreamVersion

    public static let all: [CertbotRequirement] = [
        CertbotRequirement(feature: "--cert-name, which names the certificate after the domain", since: UpstreamVersion(0, 10, 0)),
        CertbotRequirement(feature: "the renewal-hooks/deploy/ folder, where lt-setup's hook goes", since: UpstreamVersion(0, 19, 0)),
        CertbotRequirement(feature: "http-01 validation through the nginx and apache plugins", since: UpstreamVersion(0, 21, 0)),
        CertbotRequirement(feature: "--no-random-sleep-on-renew, without which a renewal run without a terminal waits up to 8 minutes", since: UpstreamVersion(0, 30, 0)),
    ]

    /// The oldest certbot that has everything lt-setup uses: 0.30.0.
    public static var minimum: UpstreamVersion {
        all.map(\.since).max() ?? UpstreamVersion(0)
    }

    /// What a certbot of this version lacks, oldest first; empty when it has everything.
    public static func missing(in version: UpstreamVersion) -> [CertbotRequirement] {
        all.filter { version < $0.since }
    }
}
