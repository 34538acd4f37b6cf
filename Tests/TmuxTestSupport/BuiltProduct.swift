import Glibc

/// Programs that `swift build` made, as the tmux tests find them, and files they compare.
public enum BuiltProduct {
    /// The repository, from this file's path.
    public static let repository: String = {
        var parts = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(3)
        return parts.joined(separator: "/")
    }()

    /// The environment variable `override` when set, else `name` beside the running test
    /// binary (so any build folder and configuration works), else the default debug build.
    public static func path(_ name: String, override: String) -> String {
        if let value = getenv(override) { return String(cString: value) }
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let length = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        if length > 0 {
            let executable = String(decoding: buffer[0..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            var folder = executable.split(separator: "/", omittingEmptySubsequences: false)
            folder.removeLast()
            let candidate = folder.joined(separator: "/") + "/" + name
            if access(candidate, X_OK) == 0 { return candidate }
        }
        return repository + "/.build/debug/" + name
    }
}

/// A whole text file, or nil.
public func readWholeFile(_ path: String) -> String? {
    guard let file = fopen(path, "r") else { return nil }
    defer { fclose(file) }
    var bytes: [UInt8] = []
    var chunk = [UInt8](repeating: 0, count: 4096)
    while true {
        let count = fread(&chunk, 1, chunk.count, file)
        if count <= 0 { break }
        bytes += chunk[0..<count]
    }
    return String(decoding: bytes, as: UTF8.self)
}
