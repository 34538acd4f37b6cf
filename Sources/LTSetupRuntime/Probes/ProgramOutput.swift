import Glibc
import LTSetupCore

/// A probe program's whole output (stdout and stderr merged, as the runner delivers them) and
/// how it ended.
struct ProgramOutput {
    let termination: Termination
    let lines: [String]

    var text: String { lines.joined(separator: "\n") }

    /// Runs `argv` through the process runner (never a shell), with messages in English
    /// (`LC_ALL=C`) so that they can be read. Nil when the program is not installed.
    static func run(_ argv: [String], environment: [String: String] = [:], timeout: Duration,
                    runner: ProcessRunner = ProcessRunner()) -> ProgramOutput? {
        var lines: [String] = []
        var environment = environment
        environment["LC_ALL"] = "C"
        do {
            let termination = try runner.run(argv: argv, environment: environment, timeout: timeout) { line in
                if lines.count < 20_000 { lines.append(line) }
            }
            return ProgramOutput(termination: termination, lines: lines)
        } catch {
            return nil
        }
    }
}

/// Finds programs where the children's are found (`ChildEnvironment.path`).
enum ProgramPath {
    static func find(_ name: String) -> String? {
        ChildEnvironment.locate(name)
    }
}

/// The CAs the TLS probes trust: the system's (`/etc/ssl/certs`), plus the bundle named by
/// `REQUESTS_CA_BUNDLE` when it is set, as it is for certbot by an operator of a private
/// ACME CA (and by the end-to-end tests, for pebble).
public struct TrustedCAs: Sendable, Equatable {
    public static let systemDirectory = "/etc/ssl/certs"
    /// An extra PEM bundle, or nil.
    public let extraBundle: String?

    public init(extraBundle: String?) {
        self.extraBundle = extraBundle
    }

    /// From lt-setup's own environment.
    public static func fromEnvironment() -> TrustedCAs {
        let value = getenv("REQUESTS_CA_BUNDLE").map { String(cString: $0) }
        return TrustedCAs(extraBundle: value?.isEmpty == false ? value : nil)
    }

    public var description: String {
        extraBundle.map { "the system's CAs and REQUESTS_CA_BUNDLE (\($0))" } ?? "the system's CAs"
    }

    /// curl's options: an extra file replaces curl's default file, so the system's folder
    /// is named as well.
    var curlArguments: [String] {
        extraBundle.map { ["--cacert", $0, "--capath", Self.systemDirectory] } ?? []
    }

    /// openssl's: given -CAfile, s_client loads no default location, so the folder is named.
    var opensslArguments: [String] {
        ["-CApath", Self.systemDirectory] + (extraBundle.map { ["-CAfile", $0] } ?? [])
    }
}
