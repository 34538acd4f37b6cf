import Glibc

/// A backend on 127.0.0.1 that takes connections and never answers: the preflight's probe
/// of LibreTime's version endpoint then waits on it. The test sees when the probe is in
/// flight (its connection accepted) and whether it is still waiting (the connection open).
final class SilentBackend {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    let port: Int
    private let listener: Int32
    private var connections: [Int32] = []

    init() throws {
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard listener >= 0 else { throw Failure(description: "socket: \(errno)") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { generic in
                bind(listener, generic, length) == 0 && listen(listener, 8) == 0
                    && getsockname(listener, generic, &length) == 0
            }
        }
        guard bound else {
            close(listener)
            throw Failure(description: "bind/listen on 127.0.0.1: \(errno)")
        }
        self.listener = listener
        port = Int(UInt16(bigEndian: address.sin_port))
    }

    deinit {
        for connection in connections { close(connection) }
        close(listener)
    }

    /// Waits up to `seconds` for a connection that sends a request, and keeps it open,
    /// unanswered. Connections closed without a word (a probe that only connects) are let go.
    func acceptRequest(within seconds: Double) throws {
        let deadline = Self.now() + seconds
        while Self.now() < deadline {
            var descriptor = pollfd(fd: listener, events: Int16(POLLIN), revents: 0)
            guard poll(&descriptor, 1, Int32(max(1, (deadline - Self.now()) * 1000))) == 1 else { break }
            let connection = accept(listener, nil, nil)
            guard connection >= 0 else { throw Failure(description: "accept: \(errno)") }
            var incoming = pollfd(fd: connection, events: Int16(POLLIN), revents: 0)
            var byte: UInt8 = 0
            if poll(&incoming, 1, Int32(max(1, (deadline - Self.now()) * 1000))) == 1,
               recv(connection, &byte, 1, Int32(MSG_PEEK)) > 0 {
                connections.append(connection)
                return
            }
            close(connection)
        }
        throw Failure(description: "no request to 127.0.0.1:\(port) within \(seconds) s")
    }

    /// True while every kept connection is still open at the other end: what was sent (the
    /// request) is read and dropped; an end of file means the client gave up.
    var allStillWaiting: Bool {
        var buffer = [UInt8](repeating: 0, count: 4096)
        for connection in connections {
            while true {
                let count = recv(connection, &buffer, buffer.count, Int32(MSG_DONTWAIT))
                if count > 0 { continue }
                if count == 0 { return false }
                if errno == EAGAIN || errno == EWOULDBLOCK { break }
                return false
            }
        }
        return true
    }

    static func now() -> Double {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
    }

    /// Closes every connection: the waiting probes fail at once.
    func hangUp() {
        for connection in connections { close(connection) }
        connections = []
    }
}
