import LTSetupCore
import LTSetupRuntime

/// What `undo` does with the last session that changed files, decided before anything is
/// touched, so that a refusal changes nothing.
public enum UndoDecision {
    /// No session changed a file that is not undone yet.
    case nothingToUndo
    /// These files changed after lt-setup wrote them: undo would lose that work, so nothing
    /// is restored.
    case changedSince(UndoTarget, paths: [String])
    /// Every file is as it was before already (a failed step put its own files back): the
    /// session is only marked undone.
    case asBefore(UndoTarget)
    /// These backups are put back.
    case restore(UndoTarget, pending: [BackupEntry])
}

/// The session undo acts on, the file it is kept in, and its backups.
public struct UndoTarget {
    public var session: Session
    public let path: String
    public let backups: BackupStore
}

/// Undo's part of the session's lifecycle: which session, what to put back, and the record
/// that it was undone (a later run then starts anew instead of resuming it).
public enum SessionUndo {
    /// The decision for the newest session, current or archived, that changed files and
    /// was not undone. The caller holds the session lock. Archived session files that could
    /// not be read are passed over and listed in `unreadable`, for the operator.
    public static func decide(store: SessionStore, locations: RunLocations,
                              unreadable: inout [SessionError]) throws -> UndoDecision {
        guard let found = try store.lastChangingSession(unreadable: &unreadable) else { return .nothingToUndo }
        let backups = try BackupStore.load(directory: locations.backups(found.session.id))
        // What undo writes as root comes from the manifest: it must be lt-setup's own.
        if let refusal = backups.entries.lazy.compactMap({ $0.refusal(for: found.session.answers, store.changeable) }).first {
            throw ExecutionError("the backups in \(backups.directory) were not written by lt-setup as they are: \(refusal). Nothing was restored; check who changed them.")
        }
        let target = UndoTarget(session: found.session, path: found.path, backups: backups)
        // The bundle is rebuilt by lt-setup's own renewal hook at every renewal: a new content
        // there is expected, not someone's work to protect.
        let changed = backups.entries.filter { $0.path != ServerPaths.icecastBundle && backups.changedSince($0) }
        if !changed.isEmpty { return .changedSince(target, paths: changed.map(\.path)) }
        let pending = backups.entries.filter { !backups.isAsBefore($0) }
        if pending.isEmpty { return .asBefore(target) }
        return .restore(target, pending: pending)
    }

    /// Puts the pending backups back, in reverse order; the failures, and the plan that
    /// tests and restarts what the restored files belong to.
    public static func restore(_ target: UndoTarget, pending: [BackupEntry], services: ServiceManager)
        -> (failures: [RestoreFailure], services: UndoPlan) {
        let failures = target.backups.restoreAll(pending)
        // What a killed write left beside them goes too (a bundle's holds a private key).
        for entry in pending { AtomicFile.removeTemporaries(beside: entry.path) }
        let plan = UndoPlan.build(proxy: target.session.answers.proxy, restoredPaths: pending.map(\.path), services: services)
        return (failures, plan)
    }

    /// Records in the session's own file that it was undone.
    public static func markUndone(_ target: UndoTarget, store: SessionStore) throws {
        var session = target.session
        session.undoneAt = Timestamp.now()
        try store.save(session, to: target.path)
    }
}
