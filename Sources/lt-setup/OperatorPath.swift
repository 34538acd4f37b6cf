import Glibc

/// A path as the operator typed it: a relative one means what it means in every other
/// command-line tool, relative to the current folder, whatever lt-setup does later.
enum OperatorPath {
    /// `path` made absolute against the current folder; an absolute path is left as it is.
    static func absolute(_ path: String) -> String {
        guard !path.isEmpty, !path.hasPrefix("/") else { return path }
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        guard getcwd(&buffer, buffer.count) != nil else { return path }
        let folder = String(cString: buffer)
        return (folder == "/" ? "" : folder) + "/" + path
    }
}
