import Glibc

/// The environment a step's program gets.
///
/// lt-setup's own environment is passed through (so that e.g. `REQUESTS_CA_BUNDLE` or a proxy
/// reaches certbot and apt), then `DEBIAN_FRONTEND=noninteractive` (an operator's ssh session
/// does not set it, and without it debconf may draw dialogs into our pipe), then the step's
/// own variables, which override both.
enum ChildEnvironment {
    /// `NAME=value` entries, each name once.
    static func entries(adding extra: [String: String]) -> [String] {
        var overrides = extra
        if overrides["DEBIAN_FRONTEND"] == nil {
            overrides["DEBIAN_FRONTEND"] = "noninteractive"
        }
        var result: [String] = []
        for entry in inherited() where overrides[name(of: entry)] == nil {
            result.append(entry)
        }
        // Sorted so that the child's environment does not depend on dictionary order.
        for (key, value) in overrides.sorted(by: { $0.key < $1.key }) {
            result.append("\(key)=\(value)")
        }
        return result
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
