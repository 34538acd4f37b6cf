import Glibc
import LTSetupCore

/// The only way the runtime changes a file: every write, assembly, link and removal either
/// happens completely or not at all, and is on disk when the call returns.
///
/// A file is built under a temporary name in its own folder (created 0600, so nobody else
/// can read it while it fills), given its final owner and mode, flushed, then renamed over
/// the target; the folder is flushed after the rename. A reader sees the old file or the new
/// one, never a mix, and the target is never missing. The final path component is never
/// followed: a symlink at the target is replaced, not written through.
public enum AtomicFile {
    /// Replaces (or creates) the file at `path` with `bytes`. `permissions` nil keeps the
    /// existing file's owner, group and mode, or gives `root:root 0644` to a new file.
    /// Missing parent folders are created 0755.
    public static func write(_ bytes: [UInt8], to path: String,
                             permissions: FilePermissions?) throws(FileOperationError) {
        let ownership: Ownership
        if let permissions {
            ownership = try Ownership(permissions)
        } else {
            ownership = try Ownership.kept(at: path)
        }
        try write(bytes, to: path, ownership: ownership)
    }

    /// Replaces (or creates) the file at `path` with `bytes`, owned and moded exactly as
    /// `ownership` says (numeric ids, for restoring a file as it was).
    public static func write(_ bytes: [UInt8], to path: String,
                             ownership: Ownership) throws(FileOperationError) {
        try replace(path, ownership: ownership) { (file, name) throws(FileOperationError) in
            try file.writeAll(bytes, name)
        }
    }

    /// Writes the concatenation of `sources` (each read in full first, following symlinks such
    /// as certbot's `live/` links) to `path`. Meant for the Icecast bundle, which holds a
    /// private key: it exists only as a 0600 temporary until it has its final owner and mode,
    /// and then replaces any older bundle in one rename.
    public static func assemble(sources: [String], to path: String,
                                permissions: FilePermissions) throws(FileOperationError) {
        let ownership = try Ownership(permissions)
        var bytes: [UInt8] = []
        for source in sources {
            bytes += try readSource(source)
        }
        try write(bytes, to: path, ownership: ownership)
    }

    /// Makes `path` a symlink to `target`, replacing a file or link already there in one
    /// rename. A folder at `path` is refused.
    public static func symlink(target: String, at path: String) throws(FileOperationError) {
        try refuseDirectory(path)
        let directory = ServerPath.directory(of: path)
        try createParents(directory)
        let temporary = try TemporarySibling.create(beside: path) { Glibc.symlink(target, $0) }.path
        guard rename(temporary, path) == 0 else {
            let error = FileOperationError.fromErrno("replace", path)
            unlink(temporary)
            throw error
        }
        try FileDescriptor.syncDirectory(directory)
    }

    /// Removes the file or symlink at `path` (never what a link points to). Nothing there is
    /// fine; a folder is refused.
    public static func remove(_ path: String) throws(FileOperationError) {
        try refuseDirectory(path)
        guard unlink(path) == 0 else {
            if errno == ENOENT || errno == ENOTDIR { return }
            throw .fromErrno("remove", path)
        }
        try FileDescriptor.syncDirectory(ServerPath.directory(of: path))
    }

    /// Whether a file name is one of this type's temporaries (left behind only if the process
    /// was killed mid-write).
    public static func isTemporary(_ name: String) -> Bool {
        name.hasPrefix(".") && name.contains(TemporarySibling.marker)
    }

    /// Removes the temporaries a killed write left beside `path` (files or links named as
    /// `TemporarySibling` names them for `path`, never followed), and returns their paths.
    /// A complete one may hold a private key (the bundle), or be an executable certbot would
    /// run (the renewal hook): a run that resumes, and undo, clear them.
    @discardableResult
    public static func removeTemporaries(beside path: String) -> [String] {
        let directory = ServerPath.directory(of: path)
        let prefix = "." + TemporarySibling.base(of: path) + TemporarySibling.marker
        var removed: [String] = []
        for name in DirectoryListing.names(directory) where name.hasPrefix(prefix) && TemporarySibling.isSuffix(name.dropFirst(prefix.count)) {
            let leftover = (directory == "/" ? "" : directory) + "/" + name
            var info = stat()
            guard lstat(leftover, &info) == 0, [S_IFREG, S_IFLNK].contains(info.st_mode & S_IFMT) else { continue }
            if unlink(leftover) == 0 { removed.append(leftover) }
        }
        if !removed.isEmpty { try? FileDescriptor.syncDirectory(directory) }
        return removed
    }

    /// Builds a file under a temporary name with `fill`, gives it `ownership`, flushes it and
    /// renames it over `path`. On any failure the temporary is removed and `path` untouched.
    /// Errors name `path`, the file the operator knows (the temporary is gone by then); `fill`
    /// gets that name for its own errors.
    static func replace(
        _ path: String, ownership: Ownership,
        fill: (FileDescriptor, String) throws(FileOperationError) -> Void
    ) throws(FileOperationError) {
        try refuseDirectory(path)
        let directory = ServerPath.directory(of: path)
        try createParents(directory)
        let (temporary, fd) = try TemporarySibling.create(beside: path) {
            open($0, O_CREAT | O_EXCL | O_WRONLY | O_NOFOLLOW | O_CLOEXEC, 0o600)
        }
        do throws(FileOperationError) {
            try prepare(FileDescriptor(fd), path, ownership: ownership, fill: fill)
            guard rename(temporary, path) == 0 else { throw .fromErrno("replace", path) }
        } catch {
            unlink(temporary)
            throw error
        }
        try FileDescriptor.syncDirectory(directory)
    }

    /// Fills, owns, modes and flushes the temporary for `path` (the name its errors give), and
    /// closes it whatever happens. The owner comes before the mode: `fchown` clears
    /// setuid/setgid bits, and the group must be the final one before group bits are granted.
    private static func prepare(
        _ file: FileDescriptor, _ path: String, ownership: Ownership,
        fill: (FileDescriptor, String) throws(FileOperationError) -> Void
    ) throws(FileOperationError) {
        defer { close(file.raw) }
        try fill(file, path)
        guard fchown(file.raw, ownership.uid, ownership.gid) == 0 else {
            throw .fromErrno("set the owner of", path)
        }
        guard fchmod(file.raw, ownership.mode) == 0 else { throw .fromErrno("set the mode of", path) }
        try file.sync(path)
    }

    private static func refuseDirectory(_ path: String) throws(FileOperationError) {
        var info = stat()
        if lstat(path, &info) == 0 && info.st_mode & S_IFMT == S_IFDIR {
            throw .isDirectory(path)
        }
    }

    /// Creates the missing folders of `directory` with exactly 0755 (whatever the umask), and
    /// flushes each new folder's parent so the new entry survives a crash.
    private static func createParents(_ directory: String) throws(FileOperationError) {
        var current = directory.hasPrefix("/") ? "" : "."
        for part in directory.split(separator: "/") {
            let parent = current.isEmpty ? "/" : current
            current += "/" + part
            if mkdir(current, 0o755) == 0 {
                guard chmod(current, 0o755) == 0 else { throw .fromErrno("set the mode of", current) }
                try FileDescriptor.syncDirectory(parent)
            } else if errno != EEXIST {
                throw .fromErrno("create the folder", current)
            }
        }
    }

    /// The full content of one assembly source; a missing one is named for the operator.
    private static func readSource(_ source: String) throws(FileOperationError) -> [UInt8] {
        let fd = open(source, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else {
            if errno == ENOENT { throw .missingSource(source) }
            throw .fromErrno("read", source)
        }
        defer { close(fd) }
        return try FileDescriptor(fd).readAll(source)
    }
}
