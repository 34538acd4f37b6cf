import Glibc
import LTSetupCore
import LTSetupRuntime

/// A front end's view of a run that a runner carries out: the run's events, read back from
/// the session file and the step logs, each from where this front end last read. Nothing is
/// lost or shown twice however often the front end reads, or whether it was attached when
/// a line was written.
public final class RunFollower {
    /// How much of a flooding step's log one read takes, and what a front end that falls
    /// behind does.
    public enum Pace: Sendable, Equatable {
        /// Every line, at most `readLimit` bytes of a log per read: what is printed is read.
        case everyLine
        /// At most `lines` lines per read, so that a key waits for no more than that; a
        /// front end further behind than `skipBeyond` bytes jumps to the newest lines, and
        /// a line says how much it did not show (the log on disk has it all). The wizard's
        /// pane keeps only its last lines anyway.
        case screen(lines: Int, skipBeyond: Int)

        /// The wizard's: a few milliseconds of work per read, a megabyte behind at most.
        public static let wizard = Pace.screen(lines: 256, skipBeyond: 1 << 20)
    }

    let store: SessionStore
    let locations: RunLocations
    let pace: Pace
    /// The session as last read.
    public private(set) var session: Session
    var stamp: FileStamp?
    var cursors: [StepID: LogCursor] = [:]
    /// Steps whose log has more waiting than one read took.
    var behind: Set<StepID> = []
    /// Steps that ended while their log was still being read: their end is reported once
    /// the log is read to it.
    var endings: [StepID: StepOutcome] = [:]
    /// More log is waiting than one read takes: read again at once.
    public var hasMore: Bool { !behind.isEmpty }

    /// At most this much of one log is read per call, so that a flood cannot hold the
    /// front end's loop.
    static let readLimit = 1 << 20

    /// Follows `session` from now on: what its logs hold already is not read again.
    public init(session: Session, store: SessionStore, locations: RunLocations, pace: Pace = .everyLine) {
        self.session = session
        self.store = store
        self.locations = locations
        self.pace = pace
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
        var events: [RunEvent] = []
        // Steps whose files a failed config test put back are to run again.
        let restored = session.steps.filter { record in before.record(record.id)?.status == .done && record.status == .pending }.map(\.id)
        for (index, record) in session.steps.enumerated() {
            let id = record.id
            let old = before.record(id)
            let statusChanged = old?.status != record.status
            let began = (record.startedAt != nil && record.startedAt != old?.startedAt)
                || (record.attempts != nil && record.attempts != old?.attempts)
                || (statusChanged && old?.status != .running && record.status != .pending)
            if began {
                // An end still unreported belongs to the attempt before.
                if let ending = endings.removeValue(forKey: id) { events.append(.stepFinished(id, ending)) }
                events.append(.stepStarted(id, title: record.title ?? id.rawValue, number: index + 1, of: session.steps.count))
            }
            if began || statusChanged || record.status == .running || behind.contains(id) {
                events += readLog(id, whole: record.status != .running)
            }
            if began || statusChanged || record.endedAt != old?.endedAt, record.status != .running,
               var outcome = record.outcome {
                if case .failed(let message, _) = outcome { outcome = .failed(message, restored: restored) }
                endings[id] = outcome
            }
            // A step's end comes after the last line of its log.
            if !behind.contains(id), let ending = endings.removeValue(forKey: id) {
                events.append(.stepFinished(id, ending))
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
        guard let path = logPath(id) else {
            behind.remove(id)
            return []
        }
        var cursor = cursors[id] ?? LogCursor()
        var events: [RunEvent] = []
        var maximumLines = Int.max
        if case .screen(let lines, let skipBeyond) = pace {
            maximumLines = lines
            if let skipped = cursor.skipToTail(path, ifBehindBy: skipBeyond, keeping: skipBeyond / 16) {
                events.append(.output(id, "[lt-setup: \(Self.size(skipped)) of this step's output not shown here, to keep up; the step's log has it all]"))
            }
        }
        let (lines, more) = cursor.advance(path, limit: Self.readLimit, maximumLines: maximumLines, flushPartial: whole)
        cursors[id] = cursor
        if more { behind.insert(id) } else { behind.remove(id) }
        return events + lines.compactMap { Self.event(id, $0) }
    }

    static func size(_ bytes: Int) -> String {
        bytes >= 1 << 20 ? "\(bytes / (1 << 20)) MB" : "\(max(1, bytes / 1024)) kB"
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

    /// The whole lines written since, at most `limit` bytes and `maximumLines` lines of
    /// them; whether more is waiting.
    mutating func advance(_ path: String, limit: Int, maximumLines: Int = .max,
                          flushPartial: Bool) -> (lines: [[UInt8]], more: Bool) {
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
        let text = partial + bytes
        var pieces: [[UInt8]] = []
        var lineStart = 0
        for index in text.indices where text[index] == 0x0A {
            if pieces.count == maximumLines { break }
            pieces.append(Array(text[lineStart..<index]))
            lineStart = index + 1
        }
        if pieces.count == maximumLines, text[lineStart...].contains(0x0A) {
            // Lines are left: what follows the last line taken is read again next time.
            // (The kept partial line had no newline, so all of that is from `bytes`.)
            offset -= off_t(text.count - lineStart)
            partial = []
            return (pieces, true)
        }
        partial = Array(text[lineStart...])
        let more = end < info.st_size
        if flushPartial && !more && !partial.isEmpty {
            pieces.append(partial)
            partial = []
        }
        return (pieces, more)
    }

    /// When more than `distance` bytes are unread, moves to the first whole line of the
    /// last `keeping` bytes; returns how many bytes were passed over.
    mutating func skipToTail(_ path: String, ifBehindBy distance: Int, keeping: Int) -> Int? {
        var info = stat()
        guard stat(path, &info) == 0, info.st_size - offset > off_t(distance) else { return nil }
        let start = info.st_size - off_t(keeping)
        let tail = Self.read(path, from: start, upTo: info.st_size)
        guard let newline = tail.firstIndex(of: 0x0A) else { return nil }
        let skipped = Int(start) + newline + 1 - Int(offset)
        offset = start + off_t(newline + 1)
        partial = []
        return skipped
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
