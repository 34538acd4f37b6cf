import Glibc
import TmuxTestSupport

/// The `lt-setup` binary that `swift build` put beside this test bundle, and how the tests
/// start it under tmux.
enum LTSetupBinary {
    /// The repository, from this file's path.
    static let repository: String = {
        var parts = "\(#filePath)".split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(3)
        return parts.joined(separator: "/")
    }()

    /// `LT_SETUP_BINARY`, else `lt-setup` beside the running test binary (any build folder
    /// and configuration), else the default debug build folder.
    static let path: String = {
        if let override = getenv("LT_SETUP_BINARY") { return String(cString: override) }
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let length = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        if length > 0 {
            let executable = String(decoding: buffer[0..<length].map { UInt8(bitPattern: $0) }, as: UTF8.self)
            var folder = executable.split(separator: "/", omittingEmptySubsequences: false)
            folder.removeLast()
            let candidate = folder.joined(separator: "/") + "/lt-setup"
            if access(candidate, X_OK) == 0 { return candidate }
        }
        return repository + "/.build/debug/lt-setup"
    }()

    /// `lt-setup ARGUMENTS` alone in the pane: the pane dies with its status.
    static func command(_ arguments: [String]) -> String {
        "exec " + ([path] + arguments).map(TmuxSession.quote).joined(separator: " ")
    }

    /// A golden file's text, from `screens/`.
    static func golden(_ fileName: String) -> String? {
        readWholeFile(repository + "/screens/" + fileName)
    }

    /// The names of the files in `screens/` ending in `.txt`.
    static func goldenFileNames() -> [String] {
        guard let folder = opendir(repository + "/screens") else { return [] }
        defer { closedir(folder) }
        var names: [String] = []
        while let entry = readdir(folder) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name.hasSuffix(".txt") { names.append(name) }
        }
        return names.sorted()
    }
}

/// A whole text file, or nil.
func readWholeFile(_ path: String) -> String? {
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
