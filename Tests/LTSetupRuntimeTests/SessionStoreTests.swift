import Foundation
import Glibc
@testable import LTSetupCore
@testable import LTSetupRuntime
import Testing

@Suite struct SessionStoreTests {
    func session() throws -> Session {
        let answers = Answers(domain: "a.example.org", email: "a@example.org")
        let plan = try PlanBuilder.build(answers, on: InMemoryServerFiles())
        return Session(id: "20261128-120000-42", createdAt: "2026-11-28T12:00:00Z", plan: plan)
    }

    @Test func savesAtomicallyWithMode0600AndLoadsTheSame() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let store = SessionStore(path: scratch.path("lib/session.json"))
        #expect(try store.load() == nil)
        var session = try session()
        session.update(.siteFile) { $0.status = .done; $0.changed = true }
        try store.save(session)
        #expect(try store.load() == session)
        var info = stat()
        stat(store.path, &info)
        #expect(info.st_mode & 0o777 == 0o600)
        #expect(scratch.temporaries(in: scratch.path("lib")).isEmpty)
    }

    @Test func aSecondProcessIsRefusedWithTheFirstOnesPID() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let first = SessionStore(path: scratch.path("session.json"))
        try first.lock()
        let second = SessionStore(path: scratch.path("session.json"))
        #expect(throws: SessionError.locked(path: scratch.path("session.json.lock"), pid: getpid())) {
            try second.lock()
        }
        let message = "\(SessionError.locked(path: "/x.lock", pid: 4242))"
        #expect(message.contains("process 4242"))
    }

    /// A run still finishing in another process is seen, with its pid, without taking its
    /// lock; once it is gone, nobody holds it.
    @Test func theHolderOfTheLockIsSeenWithoutTakingIt() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let path = scratch.path("session.json")
        #expect(SessionStore(path: path).holder() == nil, "no lock file yet")
        let holder = Process()
        // As lt-setup holds it: the lock on a descriptor of its own, its pid written inside.
        holder.executableURL = URL(fileURLWithPath: "/bin/sh")
        holder.arguments = ["-c", "exec 9>>'\(path).lock'; flock 9; echo $$ > '\(path).lock'; exec sleep 30"]
        try holder.run()
        defer { holder.terminate() }
        let deadline = Date().addingTimeInterval(5)
        while SessionStore(path: path).holder() != holder.processIdentifier && Date() < deadline {
            var pause = timespec(tv_sec: 0, tv_nsec: 20_000_000)
            nanosleep(&pause, nil)
        }
        #expect(SessionStore(path: path).holder() == holder.processIdentifier)
        #expect(SessionStore(path: path).holder() != nil, "probing again does not take it")
        holder.terminate()
        holder.waitUntilExit()
        #expect(SessionStore(path: path).holder() == nil)
    }

    @Test func theLockIsFreedWhenItsHolderGoes() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        do {
            let first = SessionStore(path: scratch.path("session.json"))
            try first.lock()
        }
        try SessionStore(path: scratch.path("session.json")).lock()
    }

    /// Every session format lt-setup has shipped must still load, so that an upgrade never
    /// strands a half-done run. Add the new fixture here when the format changes.
    @Test func decodesEveryShippedVersion() throws {
        let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")
        let v1 = try [UInt8](Data(contentsOf: folder.appendingPathComponent("session-v1.json")))
        let session = try SessionCodec.decode(v1, path: "session-v1.json")
        #expect(session.version == 1)
        #expect(session.answers.domain == "libretime.example.org")
        #expect(session.answers.acmeServer == .custom("https://127.0.0.1:14000/dir"))
        #expect(session.record(.certificate)?.status == .failed)
        #expect(session.nextStep == .certificate)
        #expect(session.backups.first?.path == "/etc/nginx/sites-available/libretime.example.org.conf")
    }

    /// `lt-setup status` as a normal user cannot read root's session file: it is told to use
    /// sudo, never to move a good session file away.
    @Test func aSessionFileThatMayNotBeReadAsksForSudo() throws {
        let denied = "\(SessionStore.readFailure(path: "/var/lib/lt-setup/session.json", errno: EACCES))"
        #expect(denied == "cannot read the session file /var/lib/lt-setup/session.json (Permission denied): run with sudo.")
        #expect(!denied.contains("Move it away"))
        // A file that really cannot be read is still one to move away.
        #expect("\(SessionStore.readFailure(path: "s", errno: EIO))".contains("Move it away"))
        // Root reads any file: the real refusal is seen only as another user.
        guard geteuid() != 0 else { return }
        let scratch = try Scratch()
        defer { scratch.remove() }
        let store = SessionStore(path: scratch.path("session.json"))
        try store.save(try session())
        chmod(store.path, 0)
        #expect(throws: SessionError.notPermitted(path: store.path)) { try store.load() }
    }

    @Test func aNewerFormatIsNamedNotMisread() {
        #expect(throws: SessionError.newerVersion(path: "s", version: 9)) {
            try SessionCodec.decode(Array(#"{"version": 9}"#.utf8), path: "s")
        }
        #expect(throws: SessionError.self) { try SessionCodec.decode(Array("garbage".utf8), path: "s") }
    }

    @Test func archivedSessionsAreFoundForUndo() throws {
        let scratch = try Scratch()
        defer { scratch.remove() }
        let store = SessionStore(path: scratch.path("session.json"))
        var changing = try session()
        changing.backups = [BackupEntry(path: "/etc/nginx/sites-available/a.example.org.conf", step: "site-file", before: .missing, copy: nil, after: nil)]
        try store.save(changing)
        try store.archive(changing)
        var later = try session()
        later = Session(id: "20261128-130000-43", createdAt: "2026-11-28T13:00:00Z",
                        plan: try PlanBuilder.build(later.answers, on: InMemoryServerFiles()))
        try store.save(later)
        // A damaged archived file is passed over, and named.
        try Data("{ not a session".utf8).write(to: URL(fileURLWithPath: scratch.path("sessions/20261128-140000-44.json")))
        var unreadable: [SessionError] = []
        let found = try #require(try store.lastChangingSession(unreadable: &unreadable))
        #expect(unreadable.count == 1)
        #expect("\(unreadable.first.map { "\($0)" } ?? "")".contains("20261128-140000-44.json"))
        #expect(found.session.id == changing.id)
        #expect(found.path == scratch.path("sessions/\(changing.id).json"))
    }

    /// A session is taken up again only while unfinished and not undone: after `undo`, its
    /// done steps are no longer done on the server.
    @Test func anUndoneSessionIsNeverResumed() throws {
        var unfinished = try session()
        unfinished.update(unfinished.steps[0].id) { $0.status = .done }
        #expect(unfinished.isResumable)
        unfinished.undoneAt = "2026-11-28T12:30:00Z"
        #expect(!unfinished.isResumable)
        var finished = try session()
        for record in finished.steps { finished.update(record.id) { $0.status = .done } }
        #expect(!finished.isResumable)
    }

    /// `status` cannot know which front end started a session: it gives both ways to resume,
    /// and neither once the session is undone.
    @Test func statusSaysHowToResumeFromEitherFrontEnd() throws {
        var unfinished = try session()
        unfinished.update(unfinished.steps[0].id) { $0.status = .done }
        let text = SessionSummary.text(unfinished, marks: .ascii)
        #expect(text.contains("To resume: run `sudo lt-setup` and choose Resume (the wizard kept its answers), or run `sudo lt-setup apply --answers FILE` with the same answers file."))
        unfinished.undoneAt = "2026-11-28T12:30:00Z"
        #expect(!SessionSummary.text(unfinished, marks: .ascii).contains("To resume"))
    }
}
