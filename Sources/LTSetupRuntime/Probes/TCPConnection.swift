import Glibc
import LTSetupCore

/// A TCP connection with deadlines on every wait: a probe must never hang on a host that
/// drops packets.
final class TCPConnection {
    let address: IPAddress
    private var fd: Int32

    private init(fd: Int32, address: IPAddress) {
        self.fd = fd
        self.address = address
    }

    deinit {
        close(fd)
    }

    /// Connects to the first address of `host` that accepts within `timeout` (each address
    /// gets the whole timeout); the error names the last failure.
    static func open(host: String, port: Int, timeout: Duration) -> Result<TCPConnection, ProbeError> {
        let addresses: [SocketAddress]
        switch Resolver.addresses(of: host, port: port) {
        case .failure(let error): return .failure(ProbeError("cannot resolve \(host): \(error.message)"))
        case .success(let found): addresses = found
        }
        var last = ProbeError("\(host) has no address")
        for address in addresses {
            switch connect(address, timeout: timeout) {
            case .success(let fd): return .success(TCPConnection(fd: fd, address: address.address))
            case .failure(let error): last = error
            }
        }
        return .failure(last)
    }

    private static func connect(_ address: SocketAddress, timeout: Duration) -> Result<Int32, ProbeError> {
        let fd = socket(address.family, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue) | Int32(SOCK_NONBLOCK.rawValue), 0)
        guard fd >= 0 else { return .failure(ProbeError(errno: errno)) }
        var storage = address.storage
        let started = withUnsafePointer(to: &storage) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, address.length) }
        }
        if started == 0 { return .success(fd) }
        guard errno == EINPROGRESS else {
            let error = ProbeError(errno: errno)
            close(fd)
            return .failure(error)
        }
        guard wait(fd, for: Int16(POLLOUT), timeout: timeout) else {
            close(fd)
            return .failure(ProbeError("timed out after \(timeout.wholeSeconds) s"))
        }
        var code: Int32 = 0
        var length = socklen_t(MemoryLayout<Int32>.size)
        getsockopt(fd, SOL_SOCKET, SO_ERROR, &code, &length)
        guard code == 0 else {
            close(fd)
            return .failure(ProbeError(errno: code))
        }
        return .success(fd)
    }

    /// Sends all of `bytes` before the deadline.
    func send(_ bytes: [UInt8], timeout: Duration) -> Result<Void, ProbeError> {
        var sent = 0
        let deadline = ContinuousClock.now + timeout
        while sent < bytes.count {
            let count = bytes.withUnsafeBytes { Glibc.send(fd, $0.baseAddress.map { $0 + sent }, bytes.count - sent, Int32(MSG_NOSIGNAL)) }
            if count > 0 {
                sent += count
            } else if count < 0, errno == EAGAIN || errno == EINTR {
                guard Self.wait(fd, for: Int16(POLLOUT), timeout: deadline - .now) else { return .failure(ProbeError("timed out sending")) }
            } else {
                return .failure(ProbeError(errno: errno))
            }
        }
        return .success(())
    }

    /// Reads until the peer closes, `limit` bytes have come, `isComplete` says the answer is
    /// whole, or the deadline passes (an error only when nothing came at all).
    func receive(limit: Int, timeout: Duration, isComplete: ([UInt8]) -> Bool) -> Result<[UInt8], ProbeError> {
        var received: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 16384)
        let deadline = ContinuousClock.now + timeout
        while received.count < limit, !isComplete(received) {
            guard Self.wait(fd, for: Int16(POLLIN), timeout: deadline - .now) else {
                return received.isEmpty ? .failure(ProbeError("no answer within \(timeout.wholeSeconds) s")) : .success(received)
            }
            let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count > 0 {
                received += chunk[0..<count]
            } else if count == 0 {
                break
            } else if errno != EAGAIN && errno != EINTR {
                return received.isEmpty ? .failure(ProbeError(errno: errno)) : .success(received)
            }
        }
        return .success(Array(received.prefix(limit)))
    }

    /// Waits until `fd` is ready for `events`, or the time is up.
    private static func wait(_ fd: Int32, for events: Int16, timeout: Duration) -> Bool {
        let deadline = ContinuousClock.now + timeout
        while true {
            let left = deadline - .now
            var entry = pollfd(fd: fd, events: events, revents: 0)
            let ready = poll(&entry, 1, left.pollMilliseconds)
            if ready > 0 { return true }
            if ready == 0 || errno != EINTR { return false }
        }
    }
}

/// Why a probe got no answer, in the system's words ("Connection refused").
struct ProbeError: Error, CustomStringConvertible {
    let message: String

    init(_ message: String) {
        self.message = message
    }

    init(errno code: Int32) {
        message = errorText(code).lowercased()
    }

    var description: String { message }
}

extension Duration {
    /// Whole seconds, for messages.
    var wholeSeconds: Int64 { components.seconds }
}
