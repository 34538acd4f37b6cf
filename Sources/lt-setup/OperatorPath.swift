import ArgumentParser
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

    /// Refuses a `--root` that is not a folder: planning against nothing would report every
    /// file missing and plan for a server that does not exist.
    static func requireFolder(_ path: String?, option: String = "--root") throws {
        guard let path else { return }
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw ValidationError("\(option) \(path): \(String(cString: strerror(errno))); give the folder that stands for the server's /")
        }
        guard info.st_mode & S_IFMT == S_IFDIR else {
            throw ValidationError("\(option) \(path): not a folder; give the folder that stands for the server's /")
        }
    }
}
