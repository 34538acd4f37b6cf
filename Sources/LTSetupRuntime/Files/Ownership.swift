import Glibc
import LTSetupCore

/// The numeric owner, group and mode a file gets before it is renamed into place: what
/// `FilePermissions` (names) resolves to on this machine, or what an existing file has.
public struct Ownership: Sendable, Equatable {
    /// Numeric owner.
    public let uid: uid_t
    /// Numeric group.
    public let gid: gid_t
    /// Permission bits, e.g. 0o640.
    public let mode: mode_t

    public init(uid: uid_t, gid: gid_t, mode: mode_t) {
        self.uid = uid
        self.gid = gid
        self.mode = mode
    }

    /// Looks up the owner and group names; throws, naming the account, when one is missing.
    public init(_ permissions: FilePermissions) throws(FileOperationError) {
        self.init(uid: try Accounts.uid(ofUser: permissions.owner),
                  gid: try Accounts.gid(ofGroup: permissions.group), mode: mode_t(permissions.mode))
    }

    /// lt-setup's own files (backup copies, manifests): the running user only, 0600.
    public static var privateToProcess: Ownership {
        Ownership(uid: geteuid(), gid: getegid(), mode: 0o600)
    }

    /// What the file at `path` has now, so a rewrite keeps it; `root:root 0644` when nothing
    /// is there. A symlink is refused: keeping "its" owner would mean following it.
    public static func kept(at path: String) throws(FileOperationError) -> Ownership {
        var info = stat()
        guard lstat(path, &info) == 0 else {
            guard errno == ENOENT || errno == ENOTDIR else { throw .fromErrno("inspect", path) }
            return try Ownership(.config)
        }
        switch info.st_mode & S_IFMT {
        case S_IFREG: return Ownership(uid: info.st_uid, gid: info.st_gid, mode: info.st_mode & 0o7777)
        case S_IFLNK: throw .symlinkInTheWay(path: path, target: try FileSnapshot.linkTarget(path))
        case S_IFDIR: throw .isDirectory(path)
        default: throw .unsupportedFileType(path)
        }
    }
}
