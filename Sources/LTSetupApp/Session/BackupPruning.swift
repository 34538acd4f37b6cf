import Foundation
import LTSetupCore
import LTSetupRuntime

/// Backups that undo no longer needs. They hold the copies of Icecast's bundle.pem that
/// runs replaced, private keys of certificates that may still be valid, so the operator may
/// remove them; lt-setup never does it unasked.
public enum BackupPruning {
    /// A session whose backup folder may go, and why.
    public struct Candidate: Equatable, Sendable {
        public let session: String
        public let folder: String
        /// "finished 2026-10-01T12:00:00Z" or "undone …".
        public let why: String
    }

    /// The sessions, current or archived, whose backups undo will not use: finished or
    /// undone more than `days` ago, and not the session `undo` would put back. Only folders
    /// that exist are listed.
    public static func candidates(store: SessionStore, locations: RunLocations, now: Date, olderThanDays days: Int,
                                  unreadable: inout [SessionError]) throws -> [Candidate] {
        let target = try store.lastChangingSession(unreadable: &unreadable)?.session.id
        var sessions: [Session] = []
        if let current = try store.load() { sessions.append(current) }
        for name in ((try? FileManager.default.contentsOfDirectory(atPath: store.archiveFolder)) ?? []).sorted()
        where name.hasSuffix(".json") {
            let file = store.archiveFolder + "/" + name
            guard let bytes = RawFile.read(file), let session = try? SessionCodec.decode(bytes, path: file, changeable: store.changeable)
            else { continue }
            sessions.append(session)
        }
        let limit = now.addingTimeInterval(-Double(days) * 86_400)
        let parser = ISO8601DateFormatter()
        var found: [Candidate] = []
        for session in sessions where session.id != target {
            let ended = session.undoneAt.map { ("undone", $0) } ?? session.finishedAt.map { ("finished", $0) }
            guard let (word, at) = ended, let date = parser.date(from: at), date < limit else { continue }
            let folder = locations.backups(session.id)
            var info = stat()
            guard lstat(folder, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else { continue }
            if !found.contains(where: { $0.session == session.id }) {
                found.append(Candidate(session: session.id, folder: folder, why: "\(word) \(at)"))
            }
        }
        return found
    }

    /// Removes a candidate's backup folder (links in it are removed, never followed).
    public static func remove(_ candidate: Candidate) throws {
        try FileManager.default.removeItem(atPath: candidate.folder)
    }
}
