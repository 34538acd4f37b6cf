import Foundation
import Glibc
@testable import LTSetupCore
@testable import LTSetupRuntime
import Testing

/// A session file is read back as carefully as answers are typed: each of these was
/// written into session.json in the e2e sandbox and reached root (the renewal hook, folders
/// outside the backups, a setuid file made by undo) before it was checked.
@Suite struct SessionIntegrityTests {
    func savedSession(_ scratch: Scratch) throws -> (SessionStore, [String: Any]) {
        let answers = Answers(domain: "a.example.org", email: "a@example.org")
        let plan = try PlanBuilder.build(answers, on: InMemoryServerFiles())
        var session = Session(id: "20261128-120000-42", createdAt: "2026-11-28T12:00:00Z", plan: plan)
        let site = ServerPaths(proxy: .nginx, domain: "a.example.org").siteAvailable
        session.backups = [BackupEntry(path: site, step: "site-file", before: .missing, copy: nil,
                                       after: FileMetadata(kind: .file, uid: 0, gid: 0, mode: 0o644))]
        let store = SessionStore(path: scratch.path("session.json"))
        try store.save(session)
        let json = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: store.path))) as? [String: Any])
        return (store, json)
    }

    func write(_ json: [String: Any], to store: SessionStore) throws {
        try JSONSerialization.data(withJSONObject: json).write(to: URL(fileURLWithPath: store.path))
    }

    func expectTampered(_ store: SessionStore, _ words: String) {
        do {
            _ = try store.load()
            Issue.record("the session was loaded")
        } catch {
            guard case .tampered = error else {
                Issue.record("\(error)")
                return
            }
            #expect(error.description.contains(words), "\(error)")
        }
    }

    @Test func theSessionAsSavedLoads() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let (store, _) = try savedSession(scratch)
        #expect(try store.load()?.id == "20261128-120000-42")
    }

    @Test func aDomainThatWouldRunAShellIsRefused() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        var (store, json) = try savedSession(scratch)
        var answers = try #require(json["answers"] as? [String: Any])
        answers["domain"] = "'$(touch /PWNED)'"
        json["answers"] = answers
        try write(json, to: store)
        expectTampered(store, "its answers are not valid")
    }

    @Test func anIdThatClimbsOutOfItsFoldersIsRefused() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        for id in ["../../../../etc/x", "a/b", ".hidden", "", String(repeating: "a", count: 65)] {
            var (store, json) = try savedSession(scratch)
            json["id"] = id
            try write(json, to: store)
            expectTampered(store, "its id is not a session id")
        }
    }

    @Test func aBackupOfAPathThePlanNeverChangesIsRefused() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        var (store, json) = try savedSession(scratch)
        var backups = try #require(json["backups"] as? [[String: Any]])
        backups[0]["path"] = "/etc/passwd"
        json["backups"] = backups
        try write(json, to: store)
        expectTampered(store, "it lists /etc/passwd, which lt-setup never changes")
    }

    @Test func aSetuidModeIsRefused() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        var (store, json) = try savedSession(scratch)
        var backups = try #require(json["backups"] as? [[String: Any]])
        var after = try #require(backups[0]["after"] as? [String: Any])
        after["mode"] = 0o4755
        backups[0]["after"] = after
        json["backups"] = backups
        try write(json, to: store)
        expectTampered(store, "mode 4755 (setuid, setgid or sticky)")
    }

    @Test func aCopyOutsideTheBackupFolderIsRefused() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        var (store, json) = try savedSession(scratch)
        var backups = try #require(json["backups"] as? [[String: Any]])
        backups[0]["copy"] = "../../../etc/shadow"
        json["backups"] = backups
        try write(json, to: store)
        expectTampered(store, "is not a file of the backup folder")
    }

    @Test func apacheModuleLinksAreTheOnlyOtherPaths() {
        let apache = ServerPaths(proxy: .apache, domain: "a.example.org")
        #expect(apache.mayChange("/etc/apache2/mods-enabled/proxy_http.load"))
        #expect(!apache.mayChange("/etc/apache2/mods-enabled/../../shadow.conf"))
        #expect(!apache.mayChange("/etc/apache2/mods-enabled/.conf"))
        #expect(!ServerPaths(proxy: .nginx, domain: "a.example.org").mayChange("/etc/apache2/mods-enabled/proxy.load"))
    }

    /// A symlinked lock was followed: its target was truncated and written with a pid.
    @Test func aLinkedLockIsNotFollowed() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let victim = scratch.make("victim", "root's own\n", mode: 0o644)
        let store = SessionStore(path: scratch.path("state/session.json"))
        try FileManager.default.createDirectory(atPath: scratch.path("state"), withIntermediateDirectories: true)
        chmod(scratch.path("state"), 0o700)
        symlink(victim, store.lockPath)
        #expect(throws: SessionError.self) { try store.lock() }
        #expect(try String(contentsOfFile: victim, encoding: .utf8) == "root's own\n")
        do {
            try store.lock()
        } catch {
            #expect(error.description.contains("\(store.lockPath) is a symbolic link"), "\(error)")
        }
    }

    /// A state folder others may write to is not used, and the message says how to fix it.
    @Test func aFolderOthersMayWriteToIsRefused() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        try FileManager.default.createDirectory(atPath: scratch.path("state"), withIntermediateDirectories: true)
        chmod(scratch.path("state"), 0o777)
        let store = SessionStore(path: scratch.path("state/session.json"))
        do {
            try store.lock()
            Issue.record("the lock was taken in a 0777 folder")
        } catch {
            #expect(error.description.contains("\(scratch.path("state")) may be changed by other users (mode 777)"), "\(error)")
            #expect(error.description.contains("chmod 700 \(scratch.path("state"))"), "\(error)")
        }
        #expect(!FileManager.default.fileExists(atPath: store.lockPath))
        chmod(scratch.path("state"), 0o700)
        try store.lock()
    }
}
