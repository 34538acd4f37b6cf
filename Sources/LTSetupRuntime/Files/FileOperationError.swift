import Glibc

/// Why a safe file operation (atomic write, backup, restore) failed, with a message that
/// tells the operator what to do next.
public enum FileOperationError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A system call failed; `code` is its `errno`.
    case system(operation: String, path: String, code: Int32)
    /// No account with this user name.
    case noSuchUser(String)
    /// No group with this name.
    case noSuchGroup(String)
    /// A file to be read (a certificate, a key) is not there.
    case missingSource(String)
    /// A folder is where a file or symlink should go; lt-setup never replaces a folder.
    case isDirectory(String)
    /// Something other than a file, symlink or folder (a device, socket or pipe).
    case unsupportedFileType(String)
    /// Keeping "the existing owner and mode" was asked for, but the path is a symlink.
    case symlinkInTheWay(path: String, target: String)
    /// A folder was expected (restoring one) but something else is there now.
    case notADirectory(String)
    /// `recordAfter` or `restore` for a path the store never backed up.
    case notBackedUp(String)
    /// The backup copy is missing or does not match the checksum recorded when it was made.
    case backupDamaged(path: String, copy: String)
    /// The restored path does not match what was recorded before the change.
    case restoreMismatch(path: String, detail: String)
    /// The backup manifest could not be encoded or decoded.
    case manifest(path: String, reason: String)

    public var description: String {
        switch self {
        case let .system(operation, path, code):
            return "could not \(operation) \(path): \(String(cString: strerror(code)))" + Self.hint(for: code)
        case .noSuchUser(let name):
            return "user \(name) does not exist: \(Self.packageHint(for: name))"
        case .noSuchGroup(let name):
            return "group \(name) does not exist: \(Self.packageHint(for: name))"
        case .missingSource(let path):
            return "\(path) is missing: " + (path.contains("/letsencrypt/")
                ? "has certbot issued the certificate? (certbot certificates)"
                : "restore it or re-run the step that creates it")
        case .isDirectory(let path):
            return "\(path) is a folder, and lt-setup never replaces a folder: move it away and re-run"
        case .unsupportedFileType(let path):
            return "\(path) is not a regular file, symlink or folder: move it away and re-run"
        case let .symlinkInTheWay(path, target):
            return "\(path) is a symlink to \(target), so there is no file whose owner and mode to keep: "
                + "replace the link by a copy of its target (cp --remove-destination \(target) \(path)) and re-run"
        case .notADirectory(let path):
            return "\(path) should be a folder but something else is there now: move it away and re-run"
        case .notBackedUp(let path):
            return "\(path) was never backed up in this session, so it cannot be restored from it"
        case let .backupDamaged(path, copy):
            return "the backup copy of \(path) (\(copy)) is missing or damaged: restore \(path) by hand"
        case let .restoreMismatch(path, detail):
            return "\(path) was restored but does not match its backup (\(detail)): check it by hand"
        case let .manifest(path, reason):
            return "could not read or write the backup manifest \(path): \(reason)"
        }
    }

    /// The error for the current `errno`.
    static func fromErrno(_ operation: String, _ path: String) -> FileOperationError {
        .system(operation: operation, path: path, code: errno)
    }

    private static func hint(for code: Int32) -> String {
        switch code {
        case EACCES, EPERM: "; lt-setup must run as root (sudo lt-setup ...)"
        case ENOSPC, EDQUOT: "; free some disk space and re-run"
        case EROFS: "; the file system is read-only: remount it read-write and re-run"
        default: ""
        }
    }

    /// Accounts that belong to a package lt-setup expects to be installed.
    private static func packageHint(for name: String) -> String {
        switch name {
        case "icecast", "icecast2": "is icecast2 installed? (apt install icecast2)"
        case "libretime": "is LibreTime installed?"
        case "www-data": "is the base-passwd package intact?"
        default: "create it, or install the package that provides it, and re-run"
        }
    }
}
