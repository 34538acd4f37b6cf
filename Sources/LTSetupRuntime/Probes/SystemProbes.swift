import Glibc
import LTSetupCore

/// The real probes: this machine's processes, sockets, resolver and programs. One value
/// answers both preflight and verification.
public struct SystemProbes: PreflightProbes, VerificationProbes {
    /// The CAs that TLS probes trust.
    public let trust: TrustedCAs
    var http = HTTPClient()
    var listenersTable = ProcNetListeners()
    /// How long a TLS port that refuses connections is tried again: right after a run,
    /// Icecast may have been restarted a moment ago and not listen yet.
    public var settle: Duration = .zero

    public init(trust: TrustedCAs = .fromEnvironment()) {
        self.trust = trust
    }

    public var isRoot: Bool { geteuid() == 0 }

    public func programPath(_ name: String) -> String? { ProgramPath.find(name) }

    public func connect(host: String, port: Int) -> ConnectOutcome { http.connect(host: host, port: port) }

    public func httpGet(host: String, port: Int, path: String) -> HTTPOutcome { http.get(host: host, port: port, path: path) }

    public func listeners(port: Int) -> [Listener] { listenersTable.listeners(port: port) }

    public func resolve(_ name: String) -> Resolution {
        switch Resolver.addresses(of: name, port: 443) {
        case .success(let addresses): .addresses(addresses.map(\.address))
        case .failure(let error): .failed(reason: error.message)
        }
    }

    public var localAddresses: [IPAddress] { LocalAddresses.all() }

    public func packageCandidate(_ name: String) -> String? { SystemFacts.packageCandidate(name) }

    public func certificateInfo(path: String) -> CertificateInfo? { OpenSSLProbe(trust: trust).certificateInfo(path: path) }

    public func fileNames(in directory: String) -> [String] { DirectoryListing.names(directory) }

    public var firewall: FirewallOutputs { SystemFacts.firewall() }

    public func fetch(_ url: String, timeoutSeconds: Int) -> WebOutcome {
        CurlProbe(trust: trust).fetch(url, timeoutSeconds: timeoutSeconds)
    }

    public func fetchText(_ url: String, timeoutSeconds: Int) -> WebOutcome {
        CurlProbe(trust: trust).fetchText(url, timeoutSeconds: timeoutSeconds)
    }

    public func upload(_ url: String, bytes: Int) -> WebOutcome { CurlProbe(trust: trust).upload(url, bytes: bytes) }

    public func servedCertificate(host: String, port: Int, serverName: String) -> TLSHandshake {
        let probe = OpenSSLProbe(trust: trust)
        let deadline = ContinuousClock.now + settle
        while true {
            let handshake = probe.servedCertificate(host: host, port: port, serverName: serverName)
            guard handshake == .failed(reason: "connection refused"), ContinuousClock.now < deadline else { return handshake }
            usleep(200_000)
        }
    }

    public func attributes(of path: String) -> FileAttributes? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return FileAttributes(owner: Accounts.userName(of: info.st_uid) ?? String(info.st_uid),
                              group: Accounts.groupName(of: info.st_gid) ?? String(info.st_gid),
                              mode: UInt16(info.st_mode & 0o7777))
    }

    public var trustedCAs: String { trust.description }
}
