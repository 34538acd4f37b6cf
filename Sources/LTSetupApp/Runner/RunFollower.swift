import Glibc
import LTSetupCore
import LTSetupRuntime

/// A front end's view of a run that a runner carries out: the run's events, read back from
/// the session file and the step logs, each from where this front end last read. Nothing is
/// lost or shown twice however often the front end reads, or whether it was attached when
/// a line was written.
public final class RunFollower {
    let store: SessionStore
    let locations: RunLocations
    /// The session as last read.
    public private(set) var session: Session
    var stamp: FileStamp?
    var cursors: [StepID: LogCursor] = [:]
    /// More log is waiting than one read takes: read again at once.
    public private(set) var hasMore = false

    /// At most this much of one log is read per call, so that a flood cannot hold the
    /// front end's loop.
    static let readLimit = 1 << 20

    /// Follows `session` from now on: what its logs hold already is not read again.
    public init(session: Session, store: SessionStore, locations: RunLocations) {
        self.session = session
        self.store = store
        self.locations = locations
        stamp = FileStamp(store.path)
        for (index, record) in session.steps.enumerated() {
            let path = locations.logs(session.id) + "/" + RunLocations.stepLogName(record.id, number: index + 1)
            cursors[record.id] = LogCursor.atLastLine(of: path)
        }
    }

    /// The last `count` whole lines of a step's log before where following starts, for a
    /// front end that attaches while the step runs.
    public func backlog(_ id: StepID, lines count: Int) -> [RunEvent] {
        guard let path = logPath(id), let cursor = cursors[id] else { return [] }
        let start = max(0, cursor.offset - off_t(Self.readLimit))
        let bytes = LogCursor.read(path, from: start, upTo: cursor.offset)
        var lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map { Array($0) }
        if start > 0, !lines.isEmpty { lines.removeFirst() }
        if lines.last?.isEmpty == true { lines.removeLast() }
        return lines.suffix(count).compactMap { Self.event(id, $0) }
    }

    /// What happened since the last call: steps started and finished, and their log lines,
    /// in the order they happened.
    public func poll() -> [RunEvent] {
        let before = session
        let now = FileStamp(store.path)
        if now != stamp, let loaded = try? store.load(), loaded.id == session.id {
            session = loaded
            stamp = now
        }
        hasMore = false
        var events: [RunEvent] = []
        // Steps whose files a failed config test put back are to run again.
        let restored = session.steps.filter { record in before.record(record.id)?.status == .done && record.status == .pending }.map(\.id)
        for (index, record) in session.steps.enumerated() {
            let old = before.record(record.id)
            let statusChanged = old?.status != record.status
            let began = (record.startedAt != nil && record.startedAt != old?.startedAt)
                || (record.attempts != nil && record.attempts != old?.attempts)
                || (statusChanged && old?.status != .running && record.status != .pending)
            if began {
                events.append(.stepStarted(record.id, title: record.title ?? record.id.rawValue,
                                           number: index + 1, of: session.steps.count))
            }
            if began || statusChanged || record.status == .running {
                events += readLog(record.id, whole: record.status != .running)
            }
            if began || statusChanged || record.endedAt != old?.endedAt, record.status != .running,
               var outcome = record.outcome {
                if case .failed(let message, _) = outcome { outcome = .failed(message, restored: restored) }
                events.append(.stepFinished(record.id, outcome))
            }
        }
        return events
    }

    func logPath(_ id: StepID) -> String? {
        locations.stepLog(id, in: session)
    }

    /// The new lines of a step's log; `whole`: the step has ended, so a last line without
    /// its newline is complete too.
    func readLog(_ id: StepID, whole: Bool) -> [RunEvent] {
        guard let path = logPath(id) else { return [] }
        var cursor = cursors[id] ?? LogCursor()
        let (lines, more) = cursor.advance(path, limit: Self.readLimit, flushPartial: whole)
        cursors[id] = cursor
        if more { hasMore = true }
        return lines.compactMap { Self.event(id, $0) }
    }

    /// A log line as the run reported it: `▶ ` starts an action, `◀ ` ends a program (not
    /// shown: the step's outcome says it), anything else is the program's output.
    static func event(_ id: StepID, _ bytes: [UInt8]) -> RunEvent? {
        let line = String(decoding: bytes, as: UTF8.self)
        if line.hasPrefix("▶ ") { return .actionStarted(id, String(line.dropFirst(2))) }
        if line.hasPrefix("◀ ") { return nil }
        return .output(id, line)
    }
}

/// Where a front end is in one step's log: the offset read up to, and a line not yet ended.
struct LogCursor {
    var offset: off_t = 0
    var partial: [UInt8] = []

    /// Just after the last whole line of the file (its start when there is none).
    static func atLastLine(of path: String) -> LogCursor {
        var info = stat()
        guard stat(path, &info) == 0, info.st_size > 0 else { return LogCursor() }
        let start = max(0, info.st_size - 65536)
        let tail = read(path, from: start, upTo: info.st_size)
        guard let last = tail.lastIndex(of: 0x0A) else { return LogCursor(offset: start) }
        return LogCursor(offset: start + off_t(last + 1))
    }

    /// The whole lines written since, at most `limit` bytes of them; whether more is waiting.
    mutating func advance(_ path: String, limit: Int, flushPartial: Bool) -> (lines: [[UInt8]], more: Bool) {
        var info = stat()
        guard stat(path, &info) == 0 else { return ([], false) }
        // A log that shrank was replaced: read it from its start.
        if info.st_size < offset {
            offset = 0
            partial = []
        }
        let end = min(info.st_size, offset + off_t(limit))
        let bytes = Self.read(path, from: offset, upTo: end)
        offset += off_t(bytes.count)
        var pieces = (partial + bytes).split(separator: 0x0A, omittingEmptySubsequences: false).map { Array($0) }
        partial = pieces.removeLast()
        let more = end < info.st_size
        if flushPartial && !more && !partial.isEmpty {
            pieces.append(partial)
            partial = []
        }
        return (pieces, more)
    }

    static func read(_ path: String, from start: off_t, upTo end: off_t) -> [UInt8] {
        guard end > start else { return [] }
        let fd = open(path, O_RDONLY | O_CLOEXEC | O_NOFOLLOW)
        guard fd >= 0 else { return [] }
        defer { close(fd) }
        var bytes = [UInt8](repeating: 0, count: Int(end - start))
        var filled = 0
        while filled < bytes.count {
            let count = bytes.withUnsafeMutableBytes { buffer in
                pread(fd, buffer.baseAddress! + filled, buffer.count - filled, start + off_t(filled))
            }
            if count < 0 && errno == EINTR { continue }
            if count <= 0 { break }
            filled += count
        }
        return Array(bytes[0..<filled])
    }
}

/// Whether a file changed since it was last read: a session file is replaced by rename at
/// each save, so its inode changes too.
struct FileStamp: Equatable {
    let inode: UInt
    let size: Int
    let seconds: Int
    let nanoseconds: Int

    init?(_ path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        inode = UInt(info.st_ino)
        size = Int(info.st_size)
        seconds = Int(info.st_mtim.tv_sec)
        nanoseconds = Int(info.st_mtim.tv_nsec)
    }
}
