import Foundation
import Glibc
import LTSetupCore

/// Why the session file cannot be used.
public enum SessionError: Error, Sendable, Equatable, CustomStringConvertible {
    case locked(path: String, pid: Int32?)
    case unreadable(path: String, reason: String)
    /// The file is there, but this user may not read it: its content is not in doubt.
    case notPermitted(path: String)
    case newerVersion(path: String, version: Int)
    /// The file holds what lt-setup never writes: it was changed by something else.
    case tampered(path: String, reason: String)
    /// A state folder or file that others could change or point elsewhere.
    case unsafe(path: String, reason: String, fix: String)
    case cannotWrite(String)

    public var description: String {
        switch self {
        case .locked(let path, let pid):
            let who = pid.map { "process \($0)" } ?? "another process"
            return "another lt-setup is running (\(who)), holding \(path). Wait for it to finish, or stop it, then run lt-setup again."
        case .notPermitted(let path):
            return "cannot read the session file \(path) (Permission denied): run with sudo."
        case .unreadable(let path, let reason):
            return "the session file \(path) cannot be read (\(reason)). Move it away to start over; its backups stay in /var/lib/lt-setup/backups."
        case .unsafe(let path, let reason, let fix):
            return "\(path) \(reason): lt-setup keeps its session, backups and logs there as root, and does not use it so. \(fix), then run lt-setup again."
        case .tampered(let path, let reason):
            return "the session file \(path) was not written by lt-setup as it is: \(reason). Nothing was done with it; check who changed it, then move it away to start over."
        case .newerVersion(let path, let version):
            return "the session file \(path) was written by a newer lt-setup (format \(version)); use that version to resume it."
        case .cannotWrite(let reason):
            return "cannot save the session: \(reason)"
        }
    }
}

/// Reads and writes the session file atomically, and holds the lock that keeps two
/// lt-setup processes from running at once.
public final class SessionStore {
    public static let defaultPath = "/var/lib/lt-setup/session.json"

    public let path: String
    /// Which paths a loaded session's backups may name.
    public let changeable: ChangeablePaths
    var lockDescriptor: Int32 = -1

    public init(path: String = SessionStore.defaultPath, changeable: ChangeablePaths = .plan) {
        self.path = path
        self.changeable = changeable
    }

    deinit {
        if lockDescriptor >= 0 { close(lockDescriptor) }
    }

    public var lockPath: String { path + ".lock" }

    /// Takes the lock (flock on `session.json.lock`) or fails at once, naming the holder.
    /// The lock is released when this store is released or the process ends, however it ends.
    public func lock() throws(SessionError) {
        guard lockDescriptor < 0 else { return }
        do {
            try Directories.create(ServerPath.directory(of: lockPath), mode: 0o700)
        } catch {
            throw .cannotWrite(error.description)
        }
        try StateFolders.check(folder: ServerPath.directory(of: path), files: [path, lockPath])
        // Never through a link: its target would be truncated and written with a pid.
        let fd = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard fd >= 0 else { throw .cannotWrite("\(lockPath): \(String(cString: strerror(errno)))") }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            let holder = RawFile.read(lockPath).flatMap { Int32(String(decoding: $0, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)) }
            close(fd)
            throw .locked(path: lockPath, pid: holder)
        }
        let pid = Array("\(getpid())\n".utf8)
        _ = ftruncate(fd, 0)
        _ = pid.withUnsafeBytes { pwrite(fd, $0.baseAddress, $0.count, 0) }
        lockDescriptor = fd
    }

    /// Gives the lock up: the session is handed to a runner, which takes it next.
    public func unlock() {
        guard lockDescriptor >= 0 else { return }
        close(lockDescriptor)
        lockDescriptor = -1
    }

    /// Another process that holds the lock (a run still finishing after its terminal hung
    /// up), probed without keeping the lock; nil when nobody holds it. Its pid is the one it
    /// wrote, or 0 when unknown. Not for a store that holds the lock itself.
    public func holder() -> Int32? {
        let fd = open(lockPath, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        if flock(fd, LOCK_SH | LOCK_NB) == 0 {
            flock(fd, LOCK_UN)
            return nil
        }
        let written = RawFile.read(lockPath).flatMap { Int32(String(decoding: $0, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)) }
        return written ?? 0
    }

    /// The saved session, or nil when there is none.
    public func load() throws(SessionError) -> Session? {
        guard let bytes = RawFile.read(path) else {
            let error = errno
            if error == ENOENT { return nil }
            throw Self.readFailure(path: path, errno: error)
        }
        return try SessionCodec.decode(bytes, path: path, changeable: changeable)
    }

    /// Why the session file at `path` could not be read, from `errno`: a user who may not
    /// read it is told to use sudo, not to move a good session file away.
    public static func readFailure(path: String, errno error: Int32) -> SessionError {
        error == EACCES || error == EPERM
            ? .notPermitted(path: path)
            : .unreadable(path: path, reason: String(cString: strerror(error)))
    }

    /// Saves the session: a temporary file, fsync, then rename; mode 0600.
    public func save(_ session: Session) throws(SessionError) {
        try save(session, to: path)
    }

    /// Where finished or abandoned sessions are kept, for `undo`.
    public var archiveFolder: String { ServerPath.directory(of: path) + "/sessions" }

    /// Moves a finished or abandoned session aside, keeping it for `undo`.
    public func archive(_ session: Session) throws(SessionError) {
        do {
            try Directories.create(archiveFolder, mode: 0o700)
            try save(session, to: archiveFolder + "/\(session.id).json")
            try AtomicFile.remove(path)
        } catch let error as SessionError {
            throw error
        } catch {
            throw .cannotWrite("\(error)")
        }
    }

    /// The newest session, current or archived, that changed files and was not undone:
    /// the one `undo` puts back. A later run that found everything done changed nothing
    /// and is passed over. Returns the session and the file it is kept in. An archived file
    /// that cannot be read is passed over too, and told in `unreadable`: one damaged file
    /// must not keep the last good session from being undone.
    public func lastChangingSession(unreadable: inout [SessionError]) throws(SessionError) -> (session: Session, path: String)? {
        var candidates: [(session: Session, path: String)] = []
        if let current = try load() { candidates.append((current, path)) }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: archiveFolder)) ?? []
        for name in names.sorted() where name.hasSuffix(".json") {
            let file = archiveFolder + "/" + name
            guard let bytes = RawFile.read(file) else {
                unreadable.append(Self.readFailure(path: file, errno: errno))
                continue
            }
            do {
                candidates.append((try SessionCodec.decode(bytes, path: file, changeable: changeable), file))
            } catch {
                unreadable.append(error)
            }
        }
        return candidates
            .filter { !$0.session.backups.isEmpty && $0.session.undoneAt == nil }
            .max { $0.session.id < $1.session.id }
    }

    /// Saves a session to a given file (the current one, or an archived one).
    public func save(_ session: Session, to file: String) throws(SessionError) {
        do {
            try AtomicFile.write(try SessionCodec.encode(session), to: file,
                                 permissions: FilePermissions(owner: "root", group: "root", mode: 0o600))
        } catch {
            throw .cannotWrite("\(error)")
        }
    }
}

/// The session file's JSON, versioned so that a newer lt-setup can still resume an older
/// session.
public enum SessionCodec {
    struct VersionProbe: Decodable {
        let version: Int
    }

    public static func encode(_ session: Session) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return Array(try encoder.encode(session)) + [0x0A]
    }

    public static func decode(_ bytes: [UInt8], path: String, changeable: ChangeablePaths = .plan) throws(SessionError) -> Session {
        let data = Data(bytes)
        let version: Int
        do {
            version = try JSONDecoder().decode(VersionProbe.self, from: data).version
        } catch {
            throw .unreadable(path: path, reason: "not a session file: \(error)")
        }
        switch version {
        case 1:
            let session: Session
            do {
                session = try JSONDecoder().decode(Session.self, from: data)
            } catch {
                throw .unreadable(path: path, reason: "\(error)")
            }
            if let problem = session.integrityProblem(changeable) {
                throw .tampered(path: path, reason: problem)
            }
            return session
        case let newer where newer > Session.currentVersion:
            throw .newerVersion(path: path, version: newer)
        default:
            throw .unreadable(path: path, reason: "unknown format version \(version)")
        }
    }
}
