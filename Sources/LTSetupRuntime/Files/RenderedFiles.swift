import Glibc
import LTSetupCore

/// Writes the files a plan would create or change into a preview folder, each under its
/// absolute path (`OUT/etc/nginx/sites-available/DOMAIN.conf`), for `lt-setup render`.
///
/// Previews are whole files, and icecast.xml and config.yml hold passwords: every folder it
/// creates is 0700 and every file 0600, the renewal hook's copy too. The modes the files get
/// on the server are those `lt-setup plan` shows.
///
/// Render runs as root, often into a shared folder such as /tmp, where another user may
/// have prepared the way: the preview folder must be new, or an empty folder of this user,
/// and everything under it is made through descriptors (`mkdirat`, `openat` with O_EXCL and
/// O_NOFOLLOW), so that no symlink or file placed beforehand, or swapped in meanwhile, is
/// followed or written into.
public final class RenderedFiles {
    public let outputRoot: String
    private let root: Int32

    public static let fileMode: mode_t = 0o600
    public static let folderMode: mode_t = 0o700

    /// Makes the preview folder (and its missing parents), or takes an empty one of this
    /// user's; refuses anything else.
    public init(outputRoot: String) throws(FileSystemError) {
        let trimmed = outputRoot.count > 1 && outputRoot.hasSuffix("/") ? String(outputRoot.dropLast()) : outputRoot
        self.outputRoot = trimmed
        var info = stat()
        if lstat(trimmed, &info) != 0 {
            guard errno == ENOENT else { throw .fromErrno(trimmed) }
            let parent = ServerPath.directory(of: trimmed)
            if !parent.isEmpty, parent != trimmed { try Directories.create(parent, mode: Self.folderMode) }
            guard mkdir(trimmed, Self.folderMode) == 0 else { throw .fromErrno(trimmed) }
        } else {
            guard info.st_mode & S_IFMT == S_IFDIR else {
                throw FileSystemError(path: trimmed, reason: "it exists and is not a folder: give a new folder for the previews")
            }
            guard info.st_uid == geteuid() else {
                throw FileSystemError(path: trimmed, reason: "it belongs to another user: give a new folder for the previews")
            }
            guard Self.isEmpty(trimmed) else {
                throw FileSystemError(path: trimmed, reason: "it is not empty: render never writes over files; give a new or empty folder")
            }
        }
        root = open(trimmed, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
        guard root >= 0 else { throw .fromErrno(trimmed) }
        var opened = stat()
        guard fstat(root, &opened) == 0, opened.st_uid == geteuid(), fchmod(root, Self.folderMode) == 0 else {
            close(root)
            throw FileSystemError(path: trimmed, reason: "it changed while it was opened: give a new folder for the previews")
        }
    }

    deinit {
        close(root)
    }

    /// Writes one planned file, readable by its owner only, into a new file.
    public func write(_ file: FileWrite) throws(FileSystemError) -> String {
        let location = outputRoot + file.path
        var parts = file.path.split(separator: "/").map(String.init)
        guard let name = parts.popLast(), !parts.contains(".."), !parts.contains("."), name != "..", name != "." else {
            throw FileSystemError(path: location, reason: "not a path of the server")
        }
        var folder = dup(root)
        guard folder >= 0 else { throw .fromErrno(outputRoot) }
        defer { close(folder) }
        var reached = outputRoot
        for part in parts {
            reached += "/" + part
            if mkdirat(folder, part, Self.folderMode) != 0 && errno != EEXIST { throw .fromErrno(reached) }
            let next = openat(folder, part, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC)
            guard next >= 0 else { throw .fromErrno(reached) }
            close(folder)
            folder = next
            var info = stat()
            guard fstat(folder, &info) == 0, info.st_uid == geteuid(), fchmod(folder, Self.folderMode) == 0 else {
                throw FileSystemError(path: reached, reason: "it is not a folder render made")
            }
        }
        let fd = openat(folder, name, O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC, Self.fileMode)
        guard fd >= 0 else { throw .fromErrno(location) }
        defer { close(fd) }
        guard fchmod(fd, Self.fileMode) == 0 else { throw .fromErrno(location) }
        try RawFile.writeAll(Array(file.content.utf8), to: fd, location: location)
        return location
    }

    static func isEmpty(_ path: String) -> Bool {
        guard let directory = opendir(path) else { return false }
        defer { closedir(directory) }
        while let entry = readdir(directory) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            if name != "." && name != ".." { return false }
        }
        return true
    }
}

/// Folder creation, without Foundation.
public enum Directories {
    /// Creates `path` and its missing parents with `mode` (whatever the umask); existing
    /// folders are left as they are. A relative `path` is relative to the current folder.
    public static func create(_ path: String, mode: mode_t) throws(FileSystemError) {
        var current = path.hasPrefix("/") ? "" : "."
        for part in path.split(separator: "/") {
            current += "/" + part
            if mkdir(current, mode) == 0 {
                guard chmod(current, mode) == 0 else { throw .fromErrno(current) }
            } else if errno != EEXIST {
                throw .fromErrno(current)
            }
        }
    }
}

extension RawFile {
    /// Writes all of `bytes` to an open file, continuing after short writes.
    static func writeAll(_ bytes: [UInt8], to fd: Int32, location: String) throws(FileSystemError) {
        var offset = 0
        while offset < bytes.count {
            let count = bytes[offset...].withUnsafeBytes { Glibc.write(fd, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw .fromErrno(location)
            }
            offset += count
        }
    }
}
