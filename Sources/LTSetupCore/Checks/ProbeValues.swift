/// The facts the probes report, as plain values: the checks reason over these, the runtime
/// produces them, tests write them by hand.

/// The outcome of a TCP connection attempt.
public enum ConnectOutcome: Sendable, Equatable {
    /// Connected to this address (the first of the host's addresses that accepted).
    case connected(IPAddress)
    /// No address accepted; `reason` is the system's word for the last failure
    /// ("connection refused", "timed out", "no such host").
    case failed(reason: String)
}

/// An answer to a plain-HTTP request (lt-setup's own small client), or why there was none.
public enum HTTPOutcome: Sendable, Equatable {
    case answered(HTTPAnswer)
    case failed(reason: String)
}

/// The start of an HTTP answer: its status, headers and the first bytes of its body.
public struct HTTPAnswer: Sendable, Equatable {
    public let status: Int
    /// The status line's reason phrase, e.g. "Moved Permanently".
    public let reason: String
    /// Header names in lowercase, in the order received.
    public let headers: [(name: String, value: String)]
    /// The body as text, cut at a bound (a few KiB).
    public let body: String

    public init(status: Int, reason: String = "", headers: [(name: String, value: String)] = [], body: String = "") {
        self.status = status
        self.reason = reason
        self.headers = headers
        self.body = body
    }

    /// The first header with this (lowercase) name.
    public func header(_ name: String) -> String? {
        headers.first { $0.name == name }?.value
    }

    public static func == (lhs: HTTPAnswer, rhs: HTTPAnswer) -> Bool {
        lhs.status == rhs.status && lhs.reason == rhs.reason && lhs.body == rhs.body
            && lhs.headers.map(\.name) == rhs.headers.map(\.name) && lhs.headers.map(\.value) == rhs.headers.map(\.value)
    }
}

/// A socket listening on a TCP port, and the process that holds it when it could be found.
public struct Listener: Sendable, Equatable {
    /// The local address, e.g. `0.0.0.0`, `::`, `127.0.0.1`.
    public let address: String
    public let port: Int
    /// The process's id and its name (`/proc/PID/comm`, e.g. `nginx`, `apache2`); nil when
    /// no process could be matched to the socket (another namespace, or not root).
    public let pid: Int?
    public let command: String?
    /// The program the process runs (`/proc/PID/exe`), which, unlike its name, a local user
    /// cannot choose; nil when unknown.
    public let executable: String?
    /// The user the process runs as; nil when unknown.
    public let user: String?

    public init(address: String, port: Int, pid: Int?, command: String?, executable: String? = nil, user: String? = nil) {
        self.address = address
        self.port = port
        self.pid = pid
        self.command = command
        self.executable = executable
        self.user = user
    }

    /// The process name as it may be shown: any local user chooses it.
    public var shownCommand: String? {
        command.map { TerminalText.safe($0, keepingNewlines: false) }
    }
}

/// A server a port may belong to, known by what a local user cannot fake: the program it
/// runs and the user it runs as.
public struct ServerProcess: Sendable, Equatable {
    public let package: String
    public let executables: [String]
    public let users: [String]

    public static let nginx = ServerProcess(package: "nginx", executables: ["/usr/sbin/nginx"], users: ["root", "www-data"])
    public static let apache = ServerProcess(package: "apache2", executables: ["/usr/sbin/apache2"], users: ["root", "www-data"])
    public static let icecast = ServerProcess(package: "icecast2", executables: ["/usr/bin/icecast2"], users: ["root", "icecast2"])

    public static func of(_ proxy: Proxy) -> ServerProcess { proxy == .nginx ? .nginx : .apache }

    /// Whether `listener`'s process is this server: its program and its user, not its name.
    public func runs(_ listener: Listener) -> Bool {
        guard let executable = listener.executable, let user = listener.user else { return false }
        return executables.contains(executable) && users.contains(user)
    }
}

/// How a name resolved through the system's resolver (getaddrinfo: /etc/hosts, then DNS).
public enum Resolution: Sendable, Equatable {
    case addresses([IPAddress])
    case failed(reason: String)
}

/// What `openssl x509` says of a certificate file.
public struct CertificateInfo: Sendable, Equatable {
    /// The subject, e.g. `CN = radio.example.org`.
    public let subject: String
    /// DNS names of the subjectAltName extension, lowercase.
    public let dnsNames: [String]
    /// `notAfter`, as openssl prints it: `Dec  1 17:24:47 2026 GMT`.
    public let notAfter: String
    /// Whether the certificate has expired now.
    public let expired: Bool

    public init(subject: String, dnsNames: [String], notAfter: String, expired: Bool) {
        self.subject = subject
        self.dnsNames = dnsNames
        self.notAfter = notAfter
        self.expired = expired
    }

    /// Whether the certificate is valid for `domain`: one of its DNS names is the domain, or a
    /// wildcard covering exactly one label in front of it.
    public func names(_ domain: String) -> Bool {
        dnsNames.contains { name in
            if name == domain { return true }
            guard name.hasPrefix("*."), let dot = domain.firstIndex(of: ".") else { return false }
            return domain[domain.index(after: dot)...] == name.dropFirst(2)
        }
    }
}

/// The raw outputs of the firewall tools; nil when the tool is not installed or said nothing.
public struct FirewallOutputs: Sendable, Equatable {
    /// `ufw status`.
    public let ufwStatus: String?
    /// `nft list ruleset`.
    public let nftRuleset: String?

    public init(ufwStatus: String?, nftRuleset: String?) {
        self.ufwStatus = ufwStatus
        self.nftRuleset = nftRuleset
    }
}

/// The outcome of a TLS handshake (`openssl s_client`).
public enum TLSHandshake: Sendable, Equatable {
    /// The handshake completed; `leafPEM` is the certificate the server sent first, and
    /// `verification` what checking its chain against the trusted CAs and the name gave
    /// (`nil` when it verified).
    case established(leafPEM: String, verificationError: String?)
    /// No TLS: the connection failed, or the server did not speak TLS (an Icecast socket
    /// whose bundle failed to load answers in plain HTTP). `reason` is openssl's.
    case failed(reason: String)
}

/// The outcome of an HTTP(S) request made with curl.
public enum WebOutcome: Sendable, Equatable {
    /// The server answered with this status; `location` is a redirect's target, `body` the
    /// answer's first KiBs when they were asked for (`fetchText`), else empty.
    case answered(status: Int, location: String?, body: String = "")
    /// No answer: curl's exit code and message (e.g. 6 could not resolve, 7 could not
    /// connect, 28 timed out, 60 certificate problem).
    case failed(curlExit: Int, message: String)
    /// curl is not installed.
    case curlMissing
}

/// Owner, group and mode of a file.
public struct FileAttributes: Sendable, Equatable {
    public let owner: String
    public let group: String
    public let mode: UInt16

    public init(owner: String, group: String, mode: UInt16) {
        self.owner = owner
        self.group = group
        self.mode = mode
    }
}
