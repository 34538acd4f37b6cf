import Glibc
import LTSetupCore

extension BackupStore {
    /// Puts `entry.path` back exactly as it was before: a file's bytes, owner, group and mode
    /// (checked against the recorded checksum), a symlink's target, or nothing at all.
    /// A folder that was there is recreated if missing; its contents are not lt-setup's.
    public func restore(_ entry: BackupEntry) throws(FileOperationError) {
        switch entry.before.kind {
        case .missing:
            try AtomicFile.remove(entry.path)
        case .symlink:
            guard let target = entry.before.target else {
                throw .backupDamaged(path: entry.path, copy: Self.manifestName)
            }
            try AtomicFile.symlink(target: target, at: entry.path)
        case .file:
            try restoreFile(entry)
        case .directory:
            try restoreDirectory(entry)
        }
    }

    /// Restores `entries` in reverse order (the last change is undone first), carrying on past
    /// failures so that as much as possible is put back, and returns the failures.
    public func restoreAll(_ entries: [BackupEntry]) -> [RestoreFailure] {
        var failures: [RestoreFailure] = []
        for entry in entries.reversed() {
            do throws(FileOperationError) {
                try restore(entry)
            } catch {
                failures.append(RestoreFailure(entry: entry, error: error))
            }
        }
        return failures
    }

    /// Whether `entry.path` is neither what lt-setup left there nor what it was before (content,
    /// kind, link target, mode or owner), so undo must not overwrite someone else's change.
    /// As it was before (a failed step put it back, or its write never happened), nothing can
    /// be lost. Also true when it differs from what was before and no "after" was recorded, or
    /// the path cannot be read: when in doubt, do not overwrite.
    public func changedSince(_ entry: BackupEntry) -> Bool {
        guard let now = try? FileMetadata.read(entry.path) else { return true }
        if now.sameState(as: entry.before) { return false }
        guard let after = entry.after else { return true }
        return !now.sameState(as: after)
    }

    /// Whether `entry.path` is already as it was before lt-setup changed it: undo has nothing
    /// to put back there.
    public func isAsBefore(_ entry: BackupEntry) -> Bool {
        (try? FileMetadata.read(entry.path))?.sameState(as: entry.before) ?? false
    }

    /// Checks the copy against the checksum before touching the path, writes it back with
    /// the recorded numeric owner and mode, then checks the result.
    private func restoreFile(_ entry: BackupEntry) throws(FileOperationError) {
        let before = entry.before
        guard let location = copyLocation(of: entry), let checksum = before.sha256,
              let uid = before.uid, let gid = before.gid, let mode = before.mode else {
            throw .backupDamaged(path: entry.path, copy: entry.copy ?? Self.manifestName)
        }
        guard let bytes = RawFile.read(location), SHA256.hex(bytes) == checksum else {
            throw .backupDamaged(path: entry.path, copy: location)
        }
        try AtomicFile.write(bytes, to: entry.path, ownership: Ownership(uid: uid, gid: gid, mode: mode_t(mode)))
        let differences = try FileMetadata.read(entry.path).differences(from: before)
        guard differences.isEmpty else {
            throw .restoreMismatch(path: entry.path, detail: differences.joined(separator: ", "))
        }
    }

    private func restoreDirectory(_ entry: BackupEntry) throws(FileOperationError) {
        let now = try FileMetadata.read(entry.path)
        switch now.kind {
        case .directory:
            return
        case .missing:
            let mode = mode_t(entry.before.mode ?? 0o755)
            // Owner before mode, as for files: chown may clear the setgid bit.
            guard mkdir(entry.path, 0o700) == 0,
                  lchown(entry.path, entry.before.uid ?? 0, entry.before.gid ?? 0) == 0,
                  chmod(entry.path, mode) == 0 else {
                throw .fromErrno("recreate the folder", entry.path)
            }
            try FileDescriptor.syncDirectory(ServerPath.directory(of: entry.path))
        case .file, .symlink:
            throw .notADirectory(entry.path)
        }
    }
}
