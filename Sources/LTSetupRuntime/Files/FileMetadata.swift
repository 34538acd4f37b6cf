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

    /// What is at the path.
    public let kind: Kind
    /// Owner name (files and folders); nil when the uid has no account.
    public let owner: String?
    /// Group name (files and folders); nil when the gid has no group.
    public let group: String?
    /// Numeric owner (files and folders): what restore and comparisons use, since a name may
    /// be renamed or missing.
    public let uid: UInt32?
    /// Numeric group (files and folders).
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
        differences(from: other).isEmpty
    }

    /// What differs from `other`, in words for the operator (e.g. `["content", "mode 0644,
    /// was 0640"]`); empty when `sameState(as:)`.
    public func differences(from other: FileMetadata) -> [String] {
        if kind != other.kind { return ["now \(kind.rawValue), was \(other.kind.rawValue)"] }
        var found: [String] = []
        if sha256 != other.sha256 { found.append("content") }
        if target != other.target { found.append("link target \(target ?? "-"), was \(other.target ?? "-")") }
        if mode != other.mode { found.append("mode \(Self.octal(mode)), was \(Self.octal(other.mode))") }
        if uid != other.uid || gid != other.gid {
            found.append("owner \(ownerText), was \(other.ownerText)")
        }
        return found
    }

    private var ownerText: String {
        "\(owner ?? uid.map(String.init) ?? "-"):\(group ?? gid.map(String.init) ?? "-")"
    }

    private static func octal(_ mode: UInt16?) -> String {
        guard let mode else { return "-" }
        return FilePermissions(mode: mode).octalMode
    }

    /// Owner, group and mode from a `stat` result, with the names looked up.
    static func owned(_ kind: Kind, _ info: stat, size: Int? = nil, sha256: String? = nil) -> FileMetadata {
        FileMetadata(kind: kind, owner: Accounts.userName(of: info.st_uid),
                     group: Accounts.groupName(of: info.st_gid), uid: info.st_uid, gid: info.st_gid,
                     mode: UInt16(info.st_mode & 0o7777), size: size, sha256: sha256)
    }
}
