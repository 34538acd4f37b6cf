import Glibc
import LTSetupCore

/// One session's backups: a private folder (e.g. `/var/lib/lt-setup/backups/<session-id>/`,
/// mode 0700) holding a copy of every regular file lt-setup changed, as it was before, plus
/// `manifest.json` describing every backed-up path.
///
/// Copies are flat, numbered in backup order and named after the path with `/` turned into
/// `_` (`003-etc_icecast2_icecast.xml`): an operator can see at a glance what each one is,
/// the number keeps names unique, and the manifest holds the exact path, owner and mode.
public struct BackupStore: Sendable {
    /// The name of the manifest inside the folder.
    public static let manifestName = "manifest.json"
    /// Copy names longer than this keep only their end, where the file name is.
    private static let maximumCopyNameBytes = 200

    /// The backup folder, without a trailing slash.
    public let directory: String
    /// Every backed-up path, in order of first backup.
    public private(set) var entries: [BackupEntry]

    /// Opens the backup folder at `directory`, creating it (and its parents) with mode 0700.
    /// An existing `manifest.json` is taken as it is: it is written before every change, so
    /// after a crash it is never behind the caller's session file and is the one to trust.
    /// Keep one store per folder: two copies of this value would overwrite each other's manifest.
    public init(directory: String) throws(FileOperationError) {
        self.directory = directory.count > 1 && directory.hasSuffix("/") ? String(directory.dropLast()) : directory
        try Self.createPrivateFolder(self.directory)
        let manifestPath = self.directory + "/" + Self.manifestName
        if let bytes = RawFile.read(manifestPath) {
            entries = try BackupManifest.decode(bytes, from: manifestPath).entries
        } else if errno == ENOENT {
            entries = []
            try saveManifest()
        } else {
            throw .manifest(path: manifestPath, reason: String(cString: strerror(errno)))
        }
    }

    /// Opens an existing backup folder (for undo in a later run); throws when it has no manifest.
    public static func load(directory: String) throws(FileOperationError) -> BackupStore {
        let path = (directory.hasSuffix("/") ? directory : directory + "/") + manifestName
        guard access(path, F_OK) == 0 else {
            throw .manifest(path: path, reason: "it does not exist: is this a backup folder of lt-setup?")
        }
        return try BackupStore(directory: directory)
    }

    /// The manifest as it stands: what the caller keeps in its session file.
    public var manifest: BackupManifest { BackupManifest(entries: entries) }

    /// The entry for `path`, if it was backed up.
    public func entry(for path: String) -> BackupEntry? {
        entries.first { $0.path == path }
    }

    /// Where the copy of `entry`'s file is, if it has one.
    public func copyLocation(of entry: BackupEntry) -> String? {
        entry.copy.map { directory + "/" + $0 }
    }

    /// Records `path` as it is now, copying a regular file's bytes, before `step` changes it.
    /// A path already backed up keeps its first backup (the state before lt-setup touched it),
    /// which is returned unchanged.
    @discardableResult
    public mutating func backUp(_ path: String, step: String) throws(FileOperationError) -> BackupEntry {
        if let existing = entry(for: path) { return existing }
        // One read gives both the copy and its checksum, so they cannot disagree.
        let snapshot = try FileSnapshot.take(path)
        var copy: String?
        if let content = snapshot.content {
            let name = copyName(for: path, number: entries.count + 1)
            try AtomicFile.write(content, to: directory + "/" + name, ownership: .privateToProcess)
            copy = name
        }
        let entry = BackupEntry(path: path, step: step, before: snapshot.metadata, copy: copy)
        entries.append(entry)
        do throws(FileOperationError) {
            try saveManifest()
        } catch {
            entries.removeLast()
            throw error
        }
        return entry
    }

    /// Records what `path` is after lt-setup changed it, so that undo can tell whether anyone
    /// changed it since. Called after every change; the last one counts.
    @discardableResult
    public mutating func recordAfter(_ path: String) throws(FileOperationError) -> BackupEntry {
        guard let index = entries.firstIndex(where: { $0.path == path }) else { throw .notBackedUp(path) }
        let previous = entries[index]
        entries[index].after = try FileMetadata.read(path)
        do throws(FileOperationError) {
            try saveManifest()
        } catch {
            entries[index] = previous
            throw error
        }
        return entries[index]
    }

    /// `003-etc_icecast2_icecast.xml` for the third backup, of `/etc/icecast2/icecast.xml`.
    private func copyName(for path: String, number: Int) -> String {
        let digits = String(number)
        let prefix = String(repeating: "0", count: max(0, 3 - digits.count)) + digits + "-"
        var flat = String(path.drop { $0 == "/" }.map { $0 == "/" ? "_" : $0 })
        if flat.utf8.count > Self.maximumCopyNameBytes {
            flat = String(decoding: flat.utf8.suffix(Self.maximumCopyNameBytes), as: UTF8.self)
        }
        return prefix + flat
    }

    private func saveManifest() throws(FileOperationError) {
        let path = directory + "/" + Self.manifestName
        try AtomicFile.write(manifest.encoded(for: path), to: path, ownership: .privateToProcess)
    }

    /// Creates `directory` and missing parents with 0700, and makes sure the folder itself is a
    /// real folder (not a link to somewhere else) readable by the running user only: it will
    /// hold copies of private keys.
    private static func createPrivateFolder(_ directory: String) throws(FileOperationError) {
        var current = directory.hasPrefix("/") ? "" : "."
        for part in directory.split(separator: "/") {
            current += "/" + part
            if mkdir(current, 0o700) != 0 && errno != EEXIST {
                throw .fromErrno("create the folder", current)
            }
        }
        var info = stat()
        guard lstat(directory, &info) == 0 else { throw .fromErrno("inspect", directory) }
        guard info.st_mode & S_IFMT == S_IFDIR else { throw .notADirectory(directory) }
        guard chmod(directory, 0o700) == 0 else { throw .fromErrno("set the mode of", directory) }
    }
}
