import Glibc
import LTSetupCore

/// A path's metadata together with the content it was computed from, so that a backup copy
/// and its recorded checksum come from one and the same read.
struct FileSnapshot {
    let metadata: FileMetadata
    /// The bytes of a regular file; nil for anything else.
    let content: [UInt8]?

    static func take(_ path: String) throws(FileOperationError) -> FileSnapshot {
        var info = stat()
        guard lstat(path, &info) == 0 else {
            if errno == ENOENT || errno == ENOTDIR { return FileSnapshot(metadata: .missing, content: nil) }
            throw .fromErrno("inspect", path)
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG:
            return try regularFile(path)
        case S_IFLNK:
            return FileSnapshot(metadata: FileMetadata(kind: .symlink, target: try linkTarget(path)), content: nil)
        case S_IFDIR:
            return FileSnapshot(metadata: .owned(.directory, info), content: nil)
        default:
            throw .unsupportedFileType(path)
        }
    }

    /// Opens without following a link (`O_NOFOLLOW`) and without blocking on a pipe that may
    /// have replaced the file since the `lstat`, and describes what was opened (`fstat`), so
    /// that owner, mode and checksum belong to the same inode.
    private static func regularFile(_ path: String) throws(FileOperationError) -> FileSnapshot {
        let fd = open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { throw .fromErrno("open", path) }
        defer { close(fd) }
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw .fromErrno("inspect", path) }
        guard info.st_mode & S_IFMT == S_IFREG else { throw .unsupportedFileType(path) }
        let content = try FileDescriptor(fd).readAll(path)
        let metadata = FileMetadata.owned(.file, info, size: content.count, sha256: SHA256.hex(content))
        return FileSnapshot(metadata: metadata, content: content)
    }

    /// The target of the symlink at `path`, as stored in the link.
    static func linkTarget(_ path: String) throws(FileOperationError) -> String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let count = readlink(path, &buffer, buffer.count)
        guard count >= 0 else { throw .fromErrno("read the link", path) }
        return String(decoding: buffer[0..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
