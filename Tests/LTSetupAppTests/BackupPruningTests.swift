import Foundation
import LTSetupApp
import LTSetupCore
import LTSetupRuntime
import Testing

/// Which backups `prune` may remove: never those undo would put back, nor recent ones.
@Suite struct BackupPruningTests {
    func archived(_ box: RunnerSandbox, id: String, finished: String? = nil, undone: String? = nil) throws {
        var session = Session(id: id, createdAt: "2026-01-01T00:00:00Z", plan: box.plan(DiskServerFiles()))
        session.finishedAt = finished
        session.undoneAt = undone
        for index in session.steps.indices { session.steps[index].status = .done }
        session.backups = [BackupEntry(path: box.marker, step: "site-file", before: .missing, copy: nil)]
        try box.store.save(session, to: box.store.archiveFolder + "/\(id).json")
        try FileManager.default.createDirectory(atPath: box.locations.backups(id), withIntermediateDirectories: true)
        try "old bundle".write(toFile: box.locations.backups(id) + "/bundle.pem.copy", atomically: true, encoding: .utf8)
    }

    @Test func oldFinishedOrUndoneSessionsGoButNotUndosTarget() throws {
        let box = try RunnerSandbox()
        try FileManager.default.createDirectory(atPath: box.store.archiveFolder, withIntermediateDirectories: true)
        let now = ISO8601DateFormatter().date(from: "2026-12-06T12:00:00Z")!
        try archived(box, id: "20261001-120000-1", finished: "2026-10-01T12:05:00Z")
        try archived(box, id: "20261020-120000-2", undone: "2026-10-20T12:05:00Z")
        try archived(box, id: "20261201-120000-3", finished: "2026-12-01T12:05:00Z")
        // The newest session that changed files: what undo would put back, however old.
        try archived(box, id: "20261202-120000-4", finished: "2026-09-01T12:05:00Z")
        var unreadable: [SessionError] = []
        let found = try BackupPruning.candidates(store: box.store, locations: box.locations, now: now, olderThanDays: 30,
                                                 unreadable: &unreadable)
        #expect(found.map(\.session) == ["20261001-120000-1", "20261020-120000-2"])
        #expect(found.map(\.why) == ["finished 2026-10-01T12:05:00Z", "undone 2026-10-20T12:05:00Z"])
        for candidate in found { try BackupPruning.remove(candidate) }
        #expect(!FileManager.default.fileExists(atPath: box.locations.backups("20261001-120000-1")))
        #expect(FileManager.default.fileExists(atPath: box.locations.backups("20261201-120000-3")))
        #expect(FileManager.default.fileExists(atPath: box.locations.backups("20261202-120000-4")))
        #expect(unreadable.isEmpty)
    }
}
