import Glibc

/// The environment a step's program gets, and where its program is found.
///
/// lt-setup runs as root, often through sudo, and its children must not take orders from an
/// environment someone else may have shaped (LD_PRELOAD, PYTHONPATH, PERL5OPT, OPENSSL_CONF,
/// CURL_CA_BUNDLE…): only an allow-list passes, the locale, the time zone, the proxies and
/// `REQUESTS_CA_BUNDLE` (documented: it trusts a private ACME CA for certbot). `PATH` is a
/// fixed one, which is also where programs are looked up; `HOME` is root's own.
/// `DEBIAN_FRONTEND=noninteractive` is added (an operator's ssh session does not set it, and
/// without it debconf may draw dialogs into our pipe), then the step's own variables, which
/// override all of these.
public enum ChildEnvironment {
    /// The programs' `PATH`: the system's folders only.
    public static let path = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"

    /// The names passed on from lt-setup's own environment (and any `LC_…`).
    static let passed: Set<String> = ["LANG", "LANGUAGE", "TZ", "REQUESTS_CA_BUNDLE",
                                      "http_proxy", "https_proxy", "no_proxy", "HTTP_PROXY", "HTTPS_PROXY", "NO_PROXY"]

    /// `NAME=value` entries, each name once.
    static func entries(adding extra: [String: String]) -> [String] {
        var variables: [String: String] = [:]
        for entry in inherited() {
            let name = name(of: entry)
            guard passed.contains(name) || name.hasPrefix("LC_") else { continue }
            variables[name] = String(entry.dropFirst(name.count + 1))
        }
        variables["PATH"] = path
        variables["HOME"] = home()
        variables["DEBIAN_FRONTEND"] = "noninteractive"
        for (key, value) in extra { variables[key] = value }
        // Sorted so that the child's environment does not depend on dictionary order.
        return variables.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
    }

    /// Where `program` is: itself when it names a path, else the first executable file of
    /// that name in the fixed `PATH`, whatever lt-setup's own `PATH` says; nil when none.
    public static func locate(_ program: String) -> String? {
        if program.contains("/") { return program }
        for directory in path.split(separator: ":") {
            let candidate = "\(directory)/\(program)"
            var info = stat()
            if stat(candidate, &info) == 0, info.st_mode & S_IFMT == S_IFREG, access(candidate, X_OK) == 0 {
                return candidate
            }
        }
        return nil
    }

    /// The home folder of the user lt-setup runs as (root's, on a server).
    static func home() -> String {
        guard let entry = getpwuid(geteuid()), let directory = entry.pointee.pw_dir else { return "/" }
        return String(cString: directory)
    }

    /// The current environment of this process, as `setenv` left it.
    private static func inherited() -> [String] {
        var result: [String] = []
        var cursor = environ
        while let entry = cursor.pointee {
            result.append(String(cString: entry))
            cursor += 1
        }
        return result
    }

    private static func name(of entry: String) -> String {
        guard let equals = entry.utf8.firstIndex(of: UInt8(ascii: "=")) else { return entry }
        return String(entry[..<equals])
    }
}
