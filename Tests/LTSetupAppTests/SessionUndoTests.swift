import Foundation
import LTSetupApp
import LTSetupCore
import LTSetupRuntime
import Testing

/// Undo decides before it touches anything: what to put back, or why not.
@Suite struct SessionUndoTests {
    /// A session whose first step changed one file (backed up first), saved in the box.
    func changedSession(_ box: RunnerSandbox) throws -> Session {
        var session = try box.savedSession()
        try "original\n".write(toFile: box.marker, atomically: true, encoding: .utf8)
        var backups = try BackupStore(directory: box.locations.backups(session.id))
        try backups.backUp(box.marker, step: StepID.siteFile.rawValue)
        try "lt-setup's\n".write(toFile: box.marker, atomically: true, encoding: .utf8)
        try backups.recordAfter(box.marker)
        session.backups = backups.entries
        session.update(.siteFile) { $0.status = .done; $0.changed = true }
        try box.store.save(session)
        return session
    }

    @Test func theFilesTheSessionChangedArePutBackAndTheSessionIsMarkedUndone() throws {
        var unreadable: [SessionError] = []
        let box = try RunnerSandbox()
        let session = try changedSession(box)
        guard case .restore(let target, let pending) = try SessionUndo.decide(store: box.store, locations: box.locations, unreadable: &unreadable) else {
            Issue.record("undo should restore")
            return
        }
        #expect(target.session.id == session.id)
        #expect(pending.map(\.path) == [box.marker])
        let (failures, plan) = SessionUndo.restore(target, pending: pending, services: InitScriptServices())
        #expect(failures.isEmpty)
        #expect(try String(contentsOfFile: box.marker, encoding: .utf8) == "original\n")
        #expect(plan.configTest.argv == ["nginx", "-t"])
        try SessionUndo.markUndone(target, store: box.store)
        #expect(try box.store.load()?.undoneAt != nil)
        #expect(try box.store.load()?.isResumable == false)
        guard case .nothingToUndo = try SessionUndo.decide(store: box.store, locations: box.locations, unreadable: &unreadable) else {
            Issue.record("an undone session is not undone twice")
            return
        }
    }

    @Test func aFileChangedSinceIsNotOverwritten() throws {
        var unreadable: [SessionError] = []
        let box = try RunnerSandbox()
        _ = try changedSession(box)
        try "the operator's own\n".write(toFile: box.marker, atomically: true, encoding: .utf8)
        guard case .changedSince(_, let paths) = try SessionUndo.decide(store: box.store, locations: box.locations, unreadable: &unreadable) else {
            Issue.record("undo should refuse")
            return
        }
        #expect(paths == [box.marker])
        #expect(try String(contentsOfFile: box.marker, encoding: .utf8) == "the operator's own\n")
    }

    @Test func filesAlreadyAsBeforeLeaveOnlyTheRecord() throws {
        var unreadable: [SessionError] = []
        let box = try RunnerSandbox()
        _ = try changedSession(box)
        try "original\n".write(toFile: box.marker, atomically: true, encoding: .utf8)
        guard case .asBefore = try SessionUndo.decide(store: box.store, locations: box.locations, unreadable: &unreadable) else {
            Issue.record("nothing to put back")
            return
        }
    }
}
