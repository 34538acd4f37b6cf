import Glibc

/// A process as `/proc` knows it: its pid and the time it started (in clock ticks since
/// boot), which together name one process even after its pid is reused.
///
/// The session records the identity of a step's program, so that a run resumed after
/// lt-setup itself was killed (`kill -9`, an OOM kill) can tell whether that program, which
/// lives on in its own session, is still at work, and wait for it rather than start a
/// second certbot or apt-get beside it.
public struct ProcessIdentity: Codable, Sendable, Equatable {
    public let pid: Int32
    public let startTime: UInt64

    /// The identity of a live process, or nil when there is none with that pid.
    public static func of(_ pid: Int32) -> ProcessIdentity? {
        let fd = open("/proc/\(pid)/stat", O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: 1024)
        let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
        guard count > 0, let paren = buffer[..<count].lastIndex(of: UInt8(ascii: ")")) else { return nil }
        // After "pid (comm)": state is field 3, starttime field 22, so index 19 from state.
        let fields = buffer[(paren + 1)..<count].split(separator: UInt8(ascii: " "))
        guard fields.count > 19, fields[0].first != UInt8(ascii: "Z"),
              let start = UInt64(String(decoding: fields[19], as: UTF8.self)) else { return nil }
        return ProcessIdentity(pid: pid, startTime: start)
    }

    /// Whether this very process is still running (not a zombie, not a reused pid).
    public var isAlive: Bool {
        ProcessIdentity.of(pid) == self
    }
}
