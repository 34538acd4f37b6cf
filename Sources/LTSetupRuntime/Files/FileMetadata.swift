import Glibc
import LTSetupCore

/// What was at a path at one moment: nothing, a regular file (with its owner, mode and
/// checksum), a symlink (with its target) or a folder. Read with `lstat`, so a symlink is
/// described as the link itself, never as what it points to.
public struct FileMetadata: Codable, Equatable, Sendable {
    /// The kinds of things lt-setup backs up and restores.
    public enum Kind: String, Codable, Sendable {
        case missing, file, symlink, directory
    }

    public let kind: Kind
    /// Owner and group names (files and folders); nil when the id has no account.
    public let owner: String?
    public let group: String?
    /// Numeric owner and group (files and folders): what restore and comparisons use, since
    /// a name may be renamed or missing.
    public let uid: UInt32?
    public let gid: UInt32?
    /// Permission bits including setuid/setgid/sticky (files and folders), e.g. 0o640.
    public let mode: UInt16?
    /// Size in bytes (files).
    public let size: Int?
    /// SHA-256 of the content as 64 lowercase hex digits (files).
    public let sha256: String?
    /// Where the link points, exactly as stored (symlinks).
    public let target: String?

    public init(kind: Kind, owner: String? = nil, group: String? = nil, uid: UInt32? = nil,
                gid: UInt32? = nil, mode: UInt16? = nil, size: Int? = nil,
                sha256: String? = nil, target: String? = nil) {
        self.kind = kind
        self.owner = owner
        self.group = group
        self.uid = uid
        self.gid = gid
        self.mode = mode
        self.size = size
        self.sha256 = sha256
        self.target = target
    }

    /// Nothing at the path.
    public static let missing = FileMetadata(kind: .missing)

    /// What is at `path` now. A missing path (or one below a non-folder) is `.missing`.
    public static func read(_ path: String) throws(FileOperationError) -> FileMetadata {
        try FileSnapshot.take(path).metadata
    }

    /// Whether `other` describes the same state: kind, content, link target, mode and numeric
    /// owner. Names and sizes are left out: names follow from the ids, sizes from the checksum.
    public func sameState(as other: FileMetadata) -> Bool {
        kind == other.kind && sha256 == other.sha256 && target == other.target
            && mode == other.mode && uid == other.uid && gid == other.gid
    }

    /// Owner, group and mode from a `stat` result, with the names looked up.
    static func owned(_ kind: Kind, _ info: stat, size: Int? = nil, sha256: String? = nil) -> FileMetadata {
        FileMetadata(kind: kind, owner: Accounts.userName(of: info.st_uid),
                     group: Accounts.groupName(of: info.st_gid), uid: info.st_uid, gid: info.st_gid,
                     mode: UInt16(info.st_mode & 0o7777), size: size, sha256: sha256)
    }
}

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
