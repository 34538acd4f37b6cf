import Glibc

/// Why a step's log file could not be created or written.
public struct StepLogError: Error, Sendable, Equatable, CustomStringConvertible {
    /// What failed and what to do, for the operator.
    public let message: String

    init(_ operation: String, _ path: String, errno code: Int32) {
        message = "could not \(operation) \(path): \(errorText(code)) "
            + "(check that the disk has room and that lt-setup runs as root)"
    }

    public var description: String { message }
}

/// The full output of one step on disk, line by line, as the log pane showed it.
///
/// The pane keeps only recent lines; this file keeps them all. It is created mode 0600 in
/// directories created mode 0700, because a step's output may hold secrets (a database
/// password echoed by a config tool, an ACME account). Writes are buffered up to 64 KiB and
/// flushed after each batch of output, so the file is current without one write per line.
public final class StepLog {
    /// Where the log is written.
    public let path: String
    /// The first write error, after which the log stops writing (the step goes on).
    public private(set) var failure: StepLogError?

    private var fd: Int32
    private var buffer: [UInt8] = []
    private static let bufferLimit = 64 * 1024

    /// Opens `directory/fileName` for appending, creating missing directories (mode 0700).
    public init(directory: String, fileName: String) throws(StepLogError) {
        guard !fileName.isEmpty, !fileName.contains("/"), fileName != ".", fileName != ".." else {
            throw StepLogError("create log file named", "'\(fileName)'", errno: EINVAL)
        }
        try Self.makeDirectories(directory)
        path = directory.hasSuffix("/") ? directory + fileName : directory + "/" + fileName
        fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0o600)
        guard fd >= 0 else { throw StepLogError("open log file", path, errno: errno) }
        // An existing file keeps its mode through open(); a log must not stay readable to all.
        fchmod(fd, 0o600)
        buffer.reserveCapacity(Self.bufferLimit)
    }

    deinit {
        close()
    }

    /// Appends one line (a newline is added).
    public func append(line: String) {
        guard fd >= 0, failure == nil else { return }
        buffer.append(contentsOf: line.utf8)
        buffer.append(UInt8(ascii: "\n"))
        if buffer.count >= Self.bufferLimit { flush() }
    }

    /// Writes what is buffered.
    public func flush() {
        defer { buffer.removeAll(keepingCapacity: true) }
        guard fd >= 0, failure == nil else { return }
        var written = 0
        while written < buffer.count {
            let result = buffer.withUnsafeBytes { bytes in
                write(fd, bytes.baseAddress.map { $0 + written }, bytes.count - written)
            }
            if result < 0 {
                if errno == EINTR { continue }
                failure = StepLogError("write log file", path, errno: errno)
                return
            }
            written += result
        }
    }

    /// Flushes and closes the file; later appends are ignored.
    public func close() {
        guard fd >= 0 else { return }
        flush()
        Glibc.close(fd)
        fd = -1
    }

    /// `mkdir -p` with mode 0700 for every directory it creates; existing ones are left as
    /// they are (e.g. `/var/log`).
    private static func makeDirectories(_ directory: String) throws(StepLogError) {
        var current = directory.hasPrefix("/") ? "" : "."
        for component in directory.split(separator: "/") {
            current += "/" + component
            if mkdir(current, 0o700) == 0 {
                // mkdir's mode passes through the umask; set it exactly.
                chmod(current, 0o700)
            } else if errno != EEXIST {
                throw StepLogError("create log directory", current, errno: errno)
            }
        }
    }
}
