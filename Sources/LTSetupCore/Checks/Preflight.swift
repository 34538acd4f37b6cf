/// Choices the operator makes about preflight.
public struct PreflightOptions: Sendable, Equatable {
    /// Report an unreachable backend as a warning instead of a failure (LibreTime is being
    /// installed at the same time, or is reached in a way lt-setup cannot test).
    public var allowUnreachableBackend: Bool
    /// Where the answers come from, for advice that asks to change one.
    public var source: AnswerSource

    public init(allowUnreachableBackend: Bool = false, source: AnswerSource = .answersFile) {
        self.allowUnreachableBackend = allowUnreachableBackend
        self.source = source
    }
}

/// The checks made before anything on the server changes: what would make the run fail, and
/// what the operator should know first. Pure: the facts come from `files` and `probes`.
public enum Preflight {
    /// Every check, in the order shown: the system, LibreTime, the network, software, the
    /// certificate and the firewall.
    public static func run(_ answers: Answers, files: ServerFiles, probes: PreflightProbes,
                           options: PreflightOptions = PreflightOptions()) -> [Check] {
        let context = PreflightContext(answers: answers, files: files, probes: probes, options: options)
        return context.checks()
    }
}

/// One preflight run's inputs, shared by the check functions (one per check, in the
/// `Preflight+…` files).
struct PreflightContext {
    let answers: Answers
    let files: ServerFiles
    let probes: PreflightProbes
    let options: PreflightOptions
    let paths: ServerPaths
    let packages: InstalledPackages

    init(answers: Answers, files: ServerFiles, probes: PreflightProbes, options: PreflightOptions) {
        self.answers = answers
        self.files = files
        self.probes = probes
        self.options = options
        paths = ServerPaths(proxy: answers.proxy, domain: answers.domain)
        packages = InstalledPackages(files)
    }

    func checks() -> [Check] {
        var checks = [rootCheck(), operatingSystemCheck(), osVersionCheck()]
        checks += [libretimeConfigCheck(), libretimeSiteCheck()]
        if let port = libretimePortCheck() { checks.append(port) }
        checks.append(backendCheck())
        checks += portChecks()
        let resolution = probes.resolve(answers.domain)
        checks.append(domainCheck(resolution))
        if let ipv6 = ipv6Check(resolution) { checks.append(ipv6) }
        checks.append(packagesCheck())
        if answers.https { checks.append(certbotCheck()) }
        checks += [icecastCheck(), verifyToolsCheck()]
        if answers.https { checks += [existingCertificateCheck(), acmeServerCheck()] }
        checks.append(firewallCheck())
        return checks
    }

    /// Whether Icecast's TLS socket is part of this run.
    var securesIcecast: Bool { answers.https && answers.secureIcecast }

    /// The ports that must reach this server from the Internet.
    var publicPorts: [Int] {
        [80] + (answers.https ? [443] : []) + (securesIcecast ? [answers.icecastPort] : [])
    }
}

/// Lists for messages: "80, 443 and 8443".
func listed(_ items: [String]) -> String {
    switch items.count {
    case 0: return ""
    case 1: return items[0]
    default: return items.dropLast().joined(separator: ", ") + " and " + (items.last ?? "")
    }
}
