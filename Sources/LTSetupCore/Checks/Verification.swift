/// The checks made after the last step, from the outside in: the web site as a visitor
/// reaches it, Icecast's TLS socket and streams, then LibreTime's configuration and the
/// renewal set-up. Pure: the facts come from `files` and `probes`.
public enum Verification {
    public static func run(_ answers: Answers, files: ServerFiles, probes: VerificationProbes,
                           source: AnswerSource = .answersFile) -> [Check] {
        VerificationContext(answers: answers, files: files, probes: probes, source: source).checks()
    }

    /// The size of the test upload: above nginx's default limit of 1 MB (`client_max_body_size
    /// 1m`), which the guide's site raises to 512 MB.
    public static let uploadBytes = 1_572_864

    /// How long a stream is listened to: a mount on the air answers 200 at once, then never
    /// ends.
    public static let streamSeconds = 4
}

struct VerificationContext {
    let answers: Answers
    let files: ServerFiles
    let probes: VerificationProbes
    /// Where the answers come from, for advice that asks to change one.
    let source: AnswerSource
    let paths: ServerPaths
    /// config.yml as read, or why it could not be; nil when it is missing.
    let settings: Result<LibreTimeSettings, EditError>?

    init(answers: Answers, files: ServerFiles, probes: VerificationProbes, source: AnswerSource) {
        self.answers = answers
        self.files = files
        self.probes = probes
        self.source = source
        paths = ServerPaths(proxy: answers.proxy, domain: answers.domain)
        settings = files.contents(of: ServerPaths.libretimeConfig).map(LibreTimeConfigReader.read)
    }

    func checks() -> [Check] {
        var checks = [httpCheck()]
        if answers.https {
            checks += [httpsCheck(), certificateCheck()]
        }
        checks.append(uploadCheck())
        if securesIcecast {
            let speaks = icecastPort()
            checks += [icecastTLSCheck(speaks), icecastPublicURLsCheck(), icecastMountsCheck(speaks)]
        }
        checks.append(publicURLCheck())
        if securesIcecast {
            checks += [renewalHookCheck(), bundleCheck()]
        }
        return checks
    }

    /// Icecast's TLS socket is part of the set-up (the plan's rule: https, secure_icecast and
    /// an icecast.xml to edit).
    var securesIcecast: Bool {
        answers.https && answers.secureIcecast && files.contents(of: ServerPaths.icecastConfig) != nil
    }

    var scheme: String { answers.https ? "https" : "http" }
    var siteURL: String { "\(scheme)://\(answers.domain)" }

    /// What a failure to reach the server's own domain means, and what to do.
    func unreachableFix() -> String {
        let domain = answers.domain
        var where_ = ""
        if case .addresses(let addresses) = probes.resolve(domain), !addresses.isEmpty {
            where_ = " Here \(domain) resolves to \(listed(addresses.map(\.description)))."
        }
        return "This server cannot reach its own domain: DNS trouble, or a NAT router without hairpin NAT (NAT loopback).\(where_) LibreTime's own services reach its API the same way, through public_url, so this must work: enable hairpin NAT on the router, or map \(domain) to this server's own address in /etc/hosts."
    }

    /// A curl failure as seen and fix, shared by the checks that fetch a URL.
    func curlFailure(_ url: String, exit: Int, message: String) -> CheckResult {
        switch exit {
        case 35, 51, 58, 59, 60, 77, 83, 90, 91:
            return .failed(
                seen: "\(url): the TLS connection fails (curl \(exit): \(message)), trusting \(probes.trustedCAs).",
                fix: "The proxy must serve live/\(answers.domain)/fullchain.pem with its key (certbot sets this up); for a private ACME CA, set REQUESTS_CA_BUNDLE to its root certificate when running lt-setup.")
        default:
            return .failed(seen: "\(url) cannot be reached from this server (curl \(exit): \(message)).", fix: unreachableFix())
        }
    }

    static let curlMissing = CheckResult.failed(
        seen: "curl is not installed: lt-setup checks https with it.",
        fix: "Install it (sudo apt-get install curl) and run lt-setup verify again.")
}
