/// What preflight needs to know about the machine beyond its files: one method per fact. The
/// runtime's `SystemProbes` answers for real; tests answer with fakes.
public protocol PreflightProbes {
    /// lt-setup runs with effective uid 0.
    var isRoot: Bool { get }
    /// The full path of an executable found on `PATH`, or nil.
    func programPath(_ name: String) -> String?
    /// A TCP connection to `host` (a name, an IPv4 address, or IPv6 in brackets) on `port`.
    func connect(host: String, port: Int) -> ConnectOutcome
    /// `GET path` over plain HTTP/1.1 with `Host: host[:port]`.
    func httpGet(host: String, port: Int, path: String) -> HTTPOutcome
    /// The sockets listening on TCP `port`, on any address, with their processes.
    func listeners(port: Int) -> [Listener]
    /// The addresses `name` resolves to, as the system resolves it.
    func resolve(_ name: String) -> Resolution
    /// The addresses of this host's network interfaces.
    var localAddresses: [IPAddress] { get }
    /// The version apt would install (`apt-cache policy NAME`'s Candidate), or nil when apt
    /// knows none.
    func packageCandidate(_ name: String) -> String?
    /// `openssl x509` on a PEM certificate file; nil when it cannot be read as one.
    func certificateInfo(path: String) -> CertificateInfo?
    /// The names in a folder (not `.`/`..`), sorted; empty when it does not exist.
    func fileNames(in directory: String) -> [String]
    /// What the firewall tools report.
    var firewall: FirewallOutputs { get }
    /// `GET url` with curl, as verification's `fetchText`: the ACME server's directory.
    func fetchText(_ url: String, timeoutSeconds: Int) -> WebOutcome
}

/// What verification needs beyond the server's files.
public protocol VerificationProbes {
    /// `GET path` over plain HTTP (lt-setup's own client), resolving `host` as the system does.
    func httpGet(host: String, port: Int, path: String) -> HTTPOutcome
    /// `GET url` with curl, verifying TLS against the system's CAs (plus `REQUESTS_CA_BUNDLE`
    /// when set); redirects are not followed. An answer that is still coming after
    /// `timeoutSeconds` (a live stream never ends) counts by its status.
    func fetch(_ url: String, timeoutSeconds: Int) -> WebOutcome
    /// `fetch`, keeping the answer's body (its first KiBs): to tell who answered.
    func fetchText(_ url: String, timeoutSeconds: Int) -> WebOutcome
    /// `POST url` with a body of `bytes` bytes, with curl, as an upload would.
    func upload(_ url: String, bytes: Int) -> WebOutcome
    /// A TLS handshake with `host:port`, sending `serverName` (SNI) and verifying the chain
    /// and that name.
    func servedCertificate(host: String, port: Int, serverName: String) -> TLSHandshake
    /// `openssl x509` on a PEM certificate file; nil when it cannot be read as one.
    func certificateInfo(path: String) -> CertificateInfo?
    /// Owner, group and mode of the file at `path` (following symlinks), or nil.
    func attributes(of path: String) -> FileAttributes?
    /// The addresses `name` resolves to, as the system resolves it.
    func resolve(_ name: String) -> Resolution
    /// Which CAs the TLS probes trust, for messages: "the system's CAs", plus a bundle.
    var trustedCAs: String { get }
}
