import Glibc
import LTSetupCore

/// The real server's files, read-only, optionally under another root (`--root DIR`), so
/// that a plan can be made against a copy of a server's `/etc`.
public struct DiskServerFiles: ServerFiles {
    /// The folder that stands for `/`; "/" for the live system.
    public let root: String
    /// Files larger than this are reported unreadable rather than loaded: no config file the
    /// plan reads comes close, and dpkg's status file is a few MB.
    static let maximumSize = 64 << 20

    public init(root: String = "/") {
        self.root = root.count > 1 && root.hasSuffix("/") ? String(root.dropLast()) : root
    }

    /// Where `path` (absolute, as on the server) is on this machine.
    public func location(of path: String) -> String {
        root == "/" ? path : root + path
    }

    public func state(of path: String) -> FileState {
        let location = location(of: path)
        var info = stat()
        guard lstat(location, &info) == 0 else {
            return errno == ENOENT || errno == ENOTDIR ? .missing : .unreadable(reason: String(cString: strerror(errno)))
        }
        switch info.st_mode & S_IFMT {
        case S_IFLNK:
            return linkTarget(location).map { .symlink(target: $0) } ?? .unreadable(reason: "unreadable symlink")
        case S_IFDIR:
            return .directory
        case S_IFREG:
            return readText(location, size: Int(info.st_size))
        default:
            return .unreadable(reason: "not a regular file")
        }
    }

    func linkTarget(_ location: String) -> String? {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlink(location, &buffer, buffer.count - 1)
        guard count >= 0 else { return nil }
        return String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    func readText(_ location: String, size: Int) -> FileState {
        guard size <= Self.maximumSize else { return .unreadable(reason: "larger than 64 MiB") }
        guard let bytes = RawFile.read(location) else {
            return .unreadable(reason: String(cString: strerror(errno)))
        }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            return .unreadable(reason: "not UTF-8 text")
        }
        return .file(text)
    }
}

/// Whole-file reads and writes through file descriptors, without Foundation.
public enum RawFile {
    /// The bytes of the file at `location`, or nil with `errno` set.
    public static func read(_ location: String) -> [UInt8]? {
        let fd = open(location, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        return try? FileDescriptor(fd).readAll(location)
    }
}
